// A token bucket per key (the caller's address, or address + email for sign-in attempts):
// `burst` requests at once, refilled at `perMinute`. Time comes from the injected clock.
// Buckets live in the app's memory: with several instances each limits on its own.
import type { Context, Env, MiddlewareHandler } from 'hono';
import type { Clock } from '../../context';
import { errorJson } from '../errors';

export interface RateLimitOptions<E extends Env = Env> {
  perMinute: number;
  burst: number;
  clock: Clock;
  key: (c: Context<E>) => string | Promise<string>;
  /** The message a person reads when refused. */
  message: string;
}

export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  constructor(private readonly options: Pick<RateLimitOptions, 'perMinute' | 'burst' | 'clock'>) {}

  /** Takes one token for `key`; the seconds to wait when none is left, else 0. */
  take(key: string): number {
    const now = this.options.clock.now();
    const refillPerMs = this.options.perMinute / 60_000;
    const bucket = this.buckets.get(key) ?? { tokens: this.options.burst, at: now };
    const tokens = Math.min(this.options.burst, bucket.tokens + (now - bucket.at) * refillPerMs);
    if (this.buckets.size > 50_000) this.buckets.clear();
    if (tokens < 1) {
      this.buckets.set(key, { tokens, at: now });
      return Math.ceil((1 - tokens) / refillPerMs / 1000);
    }
    this.buckets.set(key, { tokens: tokens - 1, at: now });
    return 0;
  }
}

export function rateLimit<E extends Env = Env>(options: RateLimitOptions<E>): MiddlewareHandler<E> {
  const buckets = new TokenBuckets(options);
  return async (c, next) => {
    const wait = buckets.take(await options.key(c));
    if (wait > 0) {
      c.header('Retry-After', String(wait));
      return errorJson(c, 429, 'rate_limited', `${options.message} Try again in ${wait} s.`);
    }
    await next();
  };
}

/** The caller's address as the node server saw it ("local" for in-process requests). */
export function clientAddress(c: Context): string {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? 'local';
}
