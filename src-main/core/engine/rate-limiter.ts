// Per-channel token buckets: at most `perMinute` sends a minute, with at most one second's worth
// in a burst, so catching up after the app was closed never floods a provider or a lead.
import type { Channel } from '../../../src-shared/domain';

interface Bucket {
  tokens: number;
  capacity: number;
  perMs: number;
  at: number;
}

export class RateLimiter {
  private readonly buckets = new Map<Channel, Bucket>();

  constructor(private limits: Readonly<Record<Channel, number>>) {}

  setLimits(limits: Readonly<Record<Channel, number>>): void {
    this.limits = limits;
    this.buckets.clear();
  }

  private bucket(channel: Channel, now: number): Bucket {
    let bucket = this.buckets.get(channel);
    const perMinute = this.limits[channel];
    if (bucket === undefined) {
      const capacity = Math.max(1, Math.ceil(perMinute / 60));
      bucket = { tokens: capacity, capacity, perMs: perMinute / 60_000, at: now };
      this.buckets.set(channel, bucket);
    }
    bucket.tokens = Math.min(bucket.capacity, bucket.tokens + (now - bucket.at) * bucket.perMs);
    bucket.at = now;
    return bucket;
  }

  /** Takes a token: true when the send may go now, otherwise the time the next token is due. */
  take(channel: Channel, now: number): true | number {
    const bucket = this.bucket(channel, now);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return true;
    }
    return now + Math.ceil((1 - bucket.tokens) / bucket.perMs);
  }

  /** Gives back a token taken for a send that did not happen. */
  refund(channel: Channel): void {
    const bucket = this.buckets.get(channel);
    if (bucket !== undefined) bucket.tokens = Math.min(bucket.capacity, bucket.tokens + 1);
  }
}
