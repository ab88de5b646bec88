// The headless shell's HTTP side: the built renderer as static files, and the same contract
// the Electron preload carries: POST /api/invoke/:name and a WebSocket at /api/events.
// Only 127.0.0.1; every API call needs the per-run token (any local process could otherwise
// drive the app), and the Host header must be ours (no DNS rebinding).
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { serve, type ServerType } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { WebSocketServer, type WebSocket } from 'ws';
import type { CoreApp } from '../core/app';
import { toErrorPayload } from '../core/app';
import type { CoreEvents } from '../core/events';

export interface HeadlessServerOptions {
  app: CoreApp;
  events: CoreEvents;
  rendererDir: string;
  port: number;
  token?: string;
}

export interface HeadlessServer {
  url: string;
  token: string;
  close(): Promise<void>;
}

function sameToken(given: string | undefined, token: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

export async function startHeadlessServer(options: HeadlessServerOptions): Promise<HeadlessServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const allowedHosts = new Set<string>();
  const http = new Hono();

  http.use('*', async (c, next) => {
    if (!allowedHosts.has(c.req.header('host') ?? '')) return c.text('Unknown host', 421);
    await next();
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
  });
  http.post('/api/invoke/:name', bodyLimit({ maxSize: 8 * 1024 * 1024 }), async (c) => {
    const auth = c.req.header('authorization')?.replace(/^Bearer /, '');
    if (!sameToken(auth, token)) {
      return c.json(
        { ok: false, error: { code: 'unavailable', message: 'Missing or wrong session token.' } },
        401,
      );
    }
    let args: unknown;
    try {
      args = await c.req.json();
    } catch {
      return c.json(
        { ok: false, error: { code: 'invalid_args', message: 'The request body is not JSON.' } },
        400,
      );
    }
    try {
      return c.json({ ok: true, result: await options.app.invoke(c.req.param('name'), args) });
    } catch (error) {
      return c.json({ ok: false, error: toErrorPayload(error) });
    }
  });
  http.use('/*', serveStatic({ root: options.rendererDir }));
  http.get('*', serveStatic({ path: `${options.rendererDir}/index.html` }));

  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: http.fetch, hostname: '127.0.0.1', port: options.port }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  allowedHosts.add(`127.0.0.1:${port}`).add(`localhost:${port}`);

  const sockets = new WebSocketServer({ noServer: true });
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(request.url ?? '/', `http://127.0.0.1:${port}`);
    const hostOk = allowedHosts.has(request.headers.host ?? '');
    if (
      url.pathname !== '/api/events' ||
      !hostOk ||
      !sameToken(url.searchParams.get('token') ?? undefined, token)
    ) {
      socket.destroy();
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws: WebSocket) => sockets.emit('connection', ws));
  });
  const unsubscribe = options.events.subscribe((name, payload) => {
    const message = JSON.stringify({ name, payload });
    for (const client of sockets.clients) if (client.readyState === client.OPEN) client.send(message);
  });

  return {
    url: `http://127.0.0.1:${port}/#token=${token}`,
    token,
    close: async () => {
      unsubscribe();
      for (const client of sockets.clients) client.terminate();
      await new Promise<void>((resolve) => sockets.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
