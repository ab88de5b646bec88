// Received Follow Up Boss events are kept only as long as a reader needs them (docs/sync.md,
// FE-3): once an admin's desktop (or the always-on engine) asks for the events after position
// N, it has handled every event up to N, and those received more than READ_GRACE_MS ago are
// removed (the grace lets a second reader, reading every 30 s, see them too). Events nobody
// reads are removed after MAX_AGE_MS; the 5-minute poll still reads those people. Removal has
// no tombstone: a Follow Up Boss retry of a removed event is kept again and read again, which
// changes nothing more (the importer dedupes by person and activity id).
import type { Clock, Logger } from '../context';
import type { ServerStorage } from '../storage/server-storage';

export const FUB_EVENT_READ_GRACE_MS = 10 * 60_000;
export const FUB_EVENT_MAX_AGE_MS = 14 * 86_400_000;
export const FUB_EVENT_PRUNE_SWEEP_MS = 3_600_000;
const COLLECTION = 'server.fub_events';
const PAGE = 500;

/** Removes the team's events read up to `readUpTo` (0: none read) or too old; how many went. */
export async function pruneFubEvents(
  storage: ServerStorage,
  teamId: string,
  readUpTo: number,
  now: number,
): Promise<number> {
  let removed = 0;
  let after = 0;
  for (;;) {
    const rows = await storage.changesSince(teamId, COLLECTION, after, PAGE, null);
    const gone: string[] = [];
    let keptRecent = false;
    for (const row of rows) {
      if (row.doc._deleted) continue;
      const receivedAt = typeof row.doc.receivedAt === 'number' ? row.doc.receivedAt : 0;
      const isRead = row.seq <= readUpTo && receivedAt <= now - FUB_EVENT_READ_GRACE_MS;
      if (isRead || receivedAt <= now - FUB_EVENT_MAX_AGE_MS) gone.push(row.id);
      // Kept in the order received: past the read position, a recent event ends the scan.
      else if (row.seq > readUpTo && receivedAt > now - FUB_EVENT_MAX_AGE_MS) keptRecent = true;
    }
    if (gone.length > 0) await storage.deleteDocuments(teamId, COLLECTION, gone);
    removed += gone.length;
    const last = rows.at(-1);
    if (last === undefined || rows.length < PAGE || keptRecent) return removed;
    after = last.seq;
  }
}

/** Every FUB_EVENT_PRUNE_SWEEP_MS, removes each team's events older than FUB_EVENT_MAX_AGE_MS. */
export function startFubEventPruning(deps: {
  storage: ServerStorage;
  clock: Clock;
  logger: Logger;
}): () => void {
  const sweep = async (): Promise<void> => {
    let removed = 0;
    for (const teamId of await deps.storage.listTeamIds())
      removed += await pruneFubEvents(deps.storage, teamId, 0, deps.clock.now());
    if (removed > 0) deps.logger.info('fub_events_pruned', { count: removed });
  };
  const timer = setInterval(() => {
    sweep().catch((error: unknown) =>
      deps.logger.error('fub_event_prune_failed', {
        error: error instanceof Error ? error.name : 'unknown',
      }),
    );
  }, FUB_EVENT_PRUNE_SWEEP_MS);
  timer.unref();
  return () => clearInterval(timer);
}
