// The headless shell's routes, as one Hono app that never listens: the built renderer as
// static files, and the contract the Electron preload carries, POST /api/invoke/:name.
// Every request must name one of our hosts (no DNS rebinding); every API call needs the
// per-run token (any local process could otherwise drive the app). `server.ts` listens.
import { timingSafeEqual } from 'node:crypto';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { CoreApp } from '../core/app';
import { toErrorPayload } from '../core/app';

/** A request body larger than this is refused before it is read (a bulk import is far below). */
export const MAX_BODY_BYTES = 8 * 1024 * 1024;

export interface HeadlessApiOptions {
  app: Pick<CoreApp, 'invoke'>;
  token: string;
  rendererDir: string;
  /** The Host header values we answer to, e.g. `127.0.0.1:4174` and `localhost:4174`. */
  allowedHosts: ReadonlySet<string>;
  maxBodyBytes?: number;
}

/** The Host header values a shell listening on 127.0.0.1:`port` answers to. */
export function loopbackHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
}

export function sameToken(given: string | undefined | null, token: string): boolean {
  if (given === undefined || given === null) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function apiError(code: string, message: string): { ok: false; error: { code: string; message: string } } {
  return { ok: false, error: { code, message } };
}

export function createHeadlessApi(options: HeadlessApiOptions): Hono {
  const http = new Hono();
  const maxSize = options.maxBodyBytes ?? MAX_BODY_BYTES;

  http.use('*', async (c, next) => {
    if (!options.allowedHosts.has(c.req.header('host') ?? '')) return c.text('Unknown host', 421);
    await next();
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
  });
  http.post(
    '/api/invoke/:name',
    bodyLimit({
      maxSize,
      onError: (c) =>
        c.json(
          apiError(
            'invalid_args',
            `The request is larger than ${maxSize / 1024 / 1024} MB; send less at once.`,
          ),
          413,
        ),
    }),
    async (c) => {
      const auth = c.req.header('authorization')?.replace(/^Bearer /, '');
      if (!sameToken(auth, options.token)) {
        return c.json(apiError('unavailable', 'Missing or wrong session token.'), 401);
      }
      let args: unknown;
      try {
        args = await c.req.json();
      } catch {
        return c.json(apiError('invalid_args', 'The request body is not JSON.'), 400);
      }
      try {
        return c.json({ ok: true, result: await options.app.invoke(c.req.param('name'), args) });
      } catch (error) {
        return c.json({ ok: false, error: toErrorPayload(error) });
      }
    },
  );
  http.use('/*', serveStatic({ root: options.rendererDir }));
  http.get('*', serveStatic({ path: `${options.rendererDir}/index.html` }));
  return http;
}
