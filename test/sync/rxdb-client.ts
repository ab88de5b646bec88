// RxDB replication of a collection against the sync server through the shared handlers, the
// way the desktop wires them (replicateRxCollection of rxdb/plugins/replication).
import type { RxCollection } from 'rxdb';
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import { createSyncReplicationHandlers, type FetchLike, type SyncCheckpoint } from '../../src-shared/sync';

export interface ReplicationTarget {
  baseUrl: string;
  fetch: FetchLike;
  accessToken: () => Promise<string>;
}

export function replicateToServer<T>(
  collection: RxCollection<T>,
  target: ReplicationTarget,
  options: { live: boolean; serverCollection?: string; batchSize?: number },
): RxReplicationState<T, SyncCheckpoint> {
  const handlers = createSyncReplicationHandlers<T>({
    baseUrl: target.baseUrl,
    collection: options.serverCollection ?? collection.name,
    fetch: target.fetch,
    auth: { accessToken: target.accessToken, refresh: target.accessToken },
    textDecoder: new TextDecoder(),
    wait: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    reconnectDelayMs: 100,
  });
  return replicateRxCollection<T, SyncCheckpoint>({
    collection,
    // Stable per collection and server: RxDB keeps the assumed master states under this name.
    replicationIdentifier: `porchlight-sync-${options.serverCollection ?? collection.name}-${target.baseUrl}`,
    live: options.live,
    retryTime: 200,
    pull: {
      handler: handlers.pullHandler,
      batchSize: options.batchSize ?? 100,
      ...(options.live ? { stream$: handlers.stream$ } : {}),
    },
    push: { handler: handlers.pushHandler, batchSize: options.batchSize ?? 100 },
  });
}

/** One pull and push round, then stop (the suite's `syncOnce`). */
export async function syncOnce<T>(collection: RxCollection<T>, target: ReplicationTarget): Promise<void> {
  const state = replicateToServer(collection, target, { live: false });
  const errors: unknown[] = [];
  const sub = state.error$.subscribe((error) => errors.push(error));
  await state.awaitInitialReplication();
  sub.unsubscribe();
  await state.cancel();
  if (errors.length > 0) throw errors[0] instanceof Error ? errors[0] : new Error(String(errors[0]));
}
