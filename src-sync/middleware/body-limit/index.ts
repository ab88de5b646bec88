// Refuses a request body over `maxBytes` before it is read whole (hono/body-limit), with our
// JSON error.
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { errorJson } from '../errors';

export function limitBody(maxBytes: number): MiddlewareHandler {
  return bodyLimit({
    maxSize: maxBytes,
    onError: (c) =>
      errorJson(
        c,
        413,
        'body_too_large',
        `The request body is over ${Math.round(maxBytes / 1024)} KB; send fewer documents at once.`,
      ),
  });
}
