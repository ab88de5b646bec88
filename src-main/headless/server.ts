// The headless shell listening: the Hono app from `api.ts` on 127.0.0.1, and core's events
// streamed over a WebSocket at /api/events to our own page (its Origin) holding a session.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { serve, type ServerType } from '@hono/node-server';
import type { Hono } from 'hono';
import { WebSocketServer, type WebSocket } from 'ws';
import type { CoreApp } from '../core/app';
import type { CoreEvents } from '../core/events';
import { createHeadlessApi, loopbackHosts } from './api';
import { HeadlessSessions, isOwnOrigin, sessionIdFrom } from './session';

export interface HeadlessServerOptions {
  app: CoreApp;
  events: CoreEvents;
  rendererDir: string;
  port: number;
  token?: string;
}

export interface HeadlessServer {
  /** The address to print: it carries the one-time token. */
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * Whether a WebSocket upgrade may join the event stream: our path and host, a session, and
 * an Origin that is ours (browsers always send one on a WebSocket; a page elsewhere would
 * otherwise read every event with the user's cookie).
 */
export function mayJoinEvents(
  request: Pick<IncomingMessage, 'url' | 'headers'>,
  allowedHosts: ReadonlySet<string>,
  sessions: HeadlessSessions,
): boolean {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  const origin = request.headers.origin;
  return (
    url.pathname === '/api/events' &&
    allowedHosts.has(request.headers.host ?? '') &&
    origin !== undefined &&
    isOwnOrigin({ origin }, allowedHosts) &&
    sessions.isValid(sessionIdFrom(request.headers.cookie))
  );
}

export async function startHeadlessServer(options: HeadlessServerOptions): Promise<HeadlessServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const sessions = new HeadlessSessions(token);
  // The allowed hosts name the port, known only once listening; nothing is routed before then.
  const routes: { api?: Hono } = {};
  const server: ServerType = await new Promise((resolve, reject) => {
    const fetch = (request: Request): Response | Promise<Response> =>
      routes.api === undefined ? new Response('Starting', { status: 503 }) : routes.api.fetch(request);
    const s = serve({ fetch, hostname: '127.0.0.1', port: options.port }, () => resolve(s));
    s.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  const allowedHosts = loopbackHosts(port);
  routes.api = createHeadlessApi({
    app: options.app,
    sessions,
    rendererDir: options.rendererDir,
    allowedHosts,
  });

  const sockets = new WebSocketServer({ noServer: true });
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (!mayJoinEvents(request, allowedHosts, sessions)) {
      socket.destroy();
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws: WebSocket) => sockets.emit('connection', ws));
  });
  const unsubscribe = options.events.on('*', (name, payload) => {
    const message = JSON.stringify({ name, payload });
    for (const client of sockets.clients) if (client.readyState === client.OPEN) client.send(message);
  });

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    close: async () => {
      unsubscribe();
      for (const client of sockets.clients) client.terminate();
      await new Promise<void>((resolve) => sockets.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
