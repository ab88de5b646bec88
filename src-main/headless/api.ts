// The headless shell's routes, as one Hono app that never listens: the built renderer as
// static files, and the contract the Electron preload carries, POST /api/invoke/:name.
// Every request must name one of our hosts (no DNS rebinding); every API call needs the
// session cookie that the printed one-time address is exchanged for (session.ts), and must
// come from our own page (Origin), since any local process or page could otherwise drive
// the app. No page may frame ours. `server.ts` listens.
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { CoreApp } from '../core/app';
import { toErrorPayload } from '../core/app';
import { RENDERER_CSP_HEADER } from '../../src-shared/security/content-security-policy';
import { isOwnOrigin, sessionCookieHeader, sessionIdFrom, type HeadlessSessions } from './session';

/** A request body larger than this is refused before it is read (a bulk import is far below). */
export const MAX_BODY_BYTES = 8 * 1024 * 1024;

export interface HeadlessApiOptions {
  app: Pick<CoreApp, 'invoke'>;
  sessions: HeadlessSessions;
  rendererDir: string;
  /** The Host header values we answer to, e.g. `127.0.0.1:4174` and `localhost:4174`. */
  allowedHosts: ReadonlySet<string>;
  maxBodyBytes?: number;
}

/** The Host header values a shell listening on 127.0.0.1:`port` answers to. */
export function loopbackHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
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
    c.header('Content-Security-Policy', RENDERER_CSP_HEADER);
    c.header('X-Frame-Options', 'DENY');
  });
  // The printed address: spend its token for a session cookie and leave the address bar clean.
  http.get('*', async (c, next) => {
    const given = c.req.query('token');
    if (given === undefined) return next();
    const id = options.sessions.exchange(given);
    if (id !== undefined) c.header('Set-Cookie', sessionCookieHeader(id));
    c.header('Cache-Control', 'no-store');
    return c.redirect('/', 303);
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
      if (!options.sessions.isValid(sessionIdFrom(c.req.header('cookie')))) {
        return c.json(
          apiError(
            'unauthorized',
            'This browser has no Porchlight session. Open the address the headless shell printed when it started.',
          ),
          401,
        );
      }
      const origin = { origin: c.req.header('origin'), secFetchSite: c.req.header('sec-fetch-site') };
      if (!isOwnOrigin(origin, options.allowedHosts)) {
        return c.json(apiError('unauthorized', 'Calls are accepted only from the Porchlight page.'), 403);
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
