// One structured line per request: method, the route pattern of the handler that answered
// (`/sync/:collection/push`, not this middleware's `*`), the collection when the route has one,
// status and duration. Never the path's other values, the query or a body: no addresses,
// emails, tokens or document contents.
import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { Clock, Logger } from '../../context';

export function requestLog(logger: Logger, clock: Clock): MiddlewareHandler {
  return async (c, next) => {
    const started = clock.now();
    await next();
    const collection = c.req.param('collection');
    logger.info('request', {
      method: c.req.method,
      route: routePath(c, -1),
      ...(collection === undefined ? {} : { collection }),
      status: c.res.status,
      ms: clock.now() - started,
    });
  };
}
