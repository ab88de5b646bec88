// Every error leaves the server as JSON `{ code, message }` in the product's words; a thrown
// error that is not a SyncError is logged by name only and answered as `internal`, never with
// its message or stack (they may hold data).
import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Logger } from '../../context';

export class SyncError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'SyncError';
  }
}

export function errorJson(c: Context, status: ContentfulStatusCode, code: string, message: string): Response {
  return c.json({ code, message }, status);
}

export function errorHandler(logger: Logger): ErrorHandler {
  return (error, c) => {
    if (error instanceof SyncError) return errorJson(c, error.status, error.code, error.message);
    logger.error('request_failed', { route: c.req.routePath, error: error.name });
    return errorJson(
      c,
      500,
      'internal',
      'The sync server hit an unexpected problem; try again, and tell your admin if it persists.',
    );
  };
}

export const notFound: NotFoundHandler = (c) =>
  errorJson(c, 404, 'not_found', `There is no ${c.req.method} ${c.req.path} on this sync server.`);
