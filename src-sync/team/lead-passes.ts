// Work the server does over a team's leads after they change (routing handed leads, moving a
// lead's history to its owner): a pass per team when its leads change on any instance and on a
// sweep, which also catches up after a restart. One pass per team at a time; a change during a
// pass runs one more after it. The stop waits for a running pass.
import type { Clock, Logger } from '../context';
import type { ServerStorage } from '../storage/server-storage';

export interface LeadPass {
  /** Runs once for a team; returns how many things it did (logged when not 0). */
  run(storage: ServerStorage, teamId: string, now: number): Promise<number>;
  sweepMs: number;
  /** The collections whose changes start a pass (default: leads). */
  collections?: readonly string[];
  /** Log event names: what was done, and a pass that failed. */
  done: string;
  failed: string;
}

export function startLeadPasses(
  deps: { storage: ServerStorage; clock: Clock; logger: Logger },
  pass: LeadPass,
): () => Promise<void> {
  const running = new Map<string, Promise<void>>();
  const again = new Set<string>();
  const run = (teamId: string): void => {
    if (running.has(teamId)) {
      again.add(teamId);
      return;
    }
    const current = pass
      .run(deps.storage, teamId, deps.clock.now())
      .then((count) => {
        if (count > 0) deps.logger.info(pass.done, { count });
      })
      .catch((error: unknown) =>
        deps.logger.error(pass.failed, { error: error instanceof Error ? error.name : 'unknown' }),
      )
      .finally(() => {
        running.delete(teamId);
        if (again.delete(teamId)) run(teamId);
      });
    running.set(teamId, current);
  };
  const collections = new Set(pass.collections ?? ['leads']);
  const unsubscribe = deps.storage.onChange((notice) => {
    if (collections.has(notice.collection)) run(notice.teamId);
  });
  const sweep = (): void => {
    deps.storage
      .listTeamIds()
      .then((teams) => teams.forEach(run))
      .catch(() => undefined);
  };
  sweep();
  const timer = setInterval(sweep, pass.sweepMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    unsubscribe();
    again.clear();
    while (running.size > 0) await Promise.all(running.values());
  };
}
