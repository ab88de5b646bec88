// Counts requests in flight so a shutdown can wait for pushes to finish; once draining, new
// requests are refused with 503 and the load balancer sends them to another instance.
import type { MiddlewareHandler } from 'hono';
import { errorJson } from '../errors';

export class InFlight {
  private count = 0;
  private draining = false;
  private waiters: (() => void)[] = [];

  get active(): number {
    return this.count;
  }

  /** Live streams are long-lived: they are closed at shutdown instead of waited for. */
  readonly middleware: MiddlewareHandler = async (c, next) => {
    if (c.req.path.endsWith('/stream') && !this.draining) return next();
    if (this.draining)
      return errorJson(c, 503, 'shutting_down', 'The sync server is restarting; your desktop will retry.');
    this.count += 1;
    try {
      await next();
    } finally {
      this.count -= 1;
      if (this.count === 0) for (const wake of this.waiters.splice(0)) wake();
    }
  };

  /** Refuses new requests and resolves when the last one in flight has finished. */
  drain(): Promise<void> {
    this.draining = true;
    return this.count === 0 ? Promise.resolve() : new Promise((resolve) => this.waiters.push(resolve));
  }
}
