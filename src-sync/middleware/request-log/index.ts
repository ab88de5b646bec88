// One structured line per request: method, matched route pattern (never the URL's query or a
// body), status and duration. No addresses, emails, tokens or document contents.
import type { MiddlewareHandler } from 'hono';
import type { Clock, Logger } from '../../context';

export function requestLog(logger: Logger, clock: Clock): MiddlewareHandler {
  return async (c, next) => {
    const started = clock.now();
    await next();
    logger.info('request', {
      method: c.req.method,
      route: c.req.routePath,
      status: c.res.status,
      ms: clock.now() - started,
    });
  };
}
