// Listens for the sync app on a port, and shuts down gracefully: stop accepting, close live
// streams (clients reconnect and RESYNC), let in-flight pushes finish, then close storage.
import { serve, type ServerType } from '@hono/node-server';
import { createSyncApp } from './app';
import { startLeaseSweep } from './claims/lease-sweep';
import { startEscalationSweep } from './routing/escalate';
import { startHandedLeadRouting } from './routing/handed-leads';
import { startHistoryFollowsOwner } from './team/history-follows-owner';
import { startFubEventPruning } from './webhooks/fub-events-prune';
import type { SyncDeps } from './context';

export interface RunningSyncServer {
  port: number;
  url: string;
  stop(): Promise<void>;
}

export async function listenSyncServer(
  deps: SyncDeps,
  options: { port: number; host?: string },
): Promise<RunningSyncServer> {
  const { app, inFlight, streams } = createSyncApp(deps);
  const host = options.host ?? '127.0.0.1';
  const server = await new Promise<ServerType>((resolve) => {
    const started: ServerType = serve({ fetch: app.fetch, port: options.port, hostname: host }, () =>
      resolve(started),
    );
  });
  const stopLeaseSweep = startLeaseSweep({
    claims: deps.storage.claims,
    clock: deps.clock,
    logger: deps.logger,
  });
  const stopEscalation = startEscalationSweep(deps);
  const stopHandedRouting = startHandedLeadRouting(deps);
  const stopHistoryFollowing = startHistoryFollowsOwner(deps);
  const stopFubPruning = startFubEventPruning(deps);
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : options.port;
  let stopping: Promise<void> | undefined;
  return {
    port,
    url: `http://${host}:${port}`,
    stop: () => {
      stopping ??= (async () => {
        stopLeaseSweep();
        stopEscalation();
        stopFubPruning();
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        streams.closeAll();
        await inFlight.drain();
        await stopHandedRouting();
        await stopHistoryFollowing();
        // Nothing is in flight now: no keep-alive socket may hold the close open.
        if ('closeAllConnections' in server) server.closeAllConnections();
        await closed;
        await deps.storage.close();
        deps.logger.info('stopped');
      })();
      return stopping;
    },
  };
}
