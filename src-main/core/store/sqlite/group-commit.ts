// Group commit: the writes that reach one store file during one turn of the event loop, from any
// of its collections, commit as ONE SQLite transaction (one fsync under synchronous=FULL) at the
// end of the turn (setImmediate), instead of one transaction each.
//
// Guarantees, the same as a transaction per write:
// - Each write is atomic: it runs in its own savepoint inside the group's transaction; a write
//   that fails is rolled back alone and only its caller gets the error.
// - A write's promise resolves only after the group's COMMIT returned: a caller that awaits its
//   write (`sending` before the provider is called) knows it is durable. A crash before the
//   COMMIT loses the whole group, and none of its callers has gone on: as if none had written.
// - Writes apply in the order they were made: a later write of the group sees the earlier ones
//   (conflict detection included), and their change events are emitted in that order, after the
//   commit, never for a write that was rolled back.
// - Reads never see a write that has not committed: writes are not executed until the flush,
//   and the flush runs to its end without yielding.
// - The event loop turns between groups: a burst of writers (a thousand leads' promise chains)
//   no longer runs as one long chain of synchronous commits.
import type Database from 'better-sqlite3';

/** One write's work inside the group's transaction: runs its statements, returns what follows. */
export interface GroupStep<R> {
  /** Runs inside the group's transaction (in a savepoint); may throw to roll back this write. */
  execute(): R;
  /** Runs right after this write's savepoint was released: later writes of the group read it. */
  applied(result: R): void;
  /** Runs once the group committed, before the caller hears (change events). */
  committed(result: R): void;
  /** Runs when the group's COMMIT failed after this write's statements had run. */
  rolledBack(result: R): void;
  /** Turns a thrown error into the caller's error. */
  explain(error: unknown): Error;
}

interface Queued {
  step: GroupStep<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

type Outcome = { ok: true; result: unknown } | { ok: false; error: Error };

export class GroupCommit {
  private queue: Queued[] = [];
  private scheduled: NodeJS.Immediate | undefined;
  private readonly savepoint: Database.Transaction<(step: GroupStep<unknown>) => unknown>;
  private readonly begin: Database.Statement;
  private readonly commit: Database.Statement;
  private readonly rollback: Database.Statement;
  /** How many groups committed and how many writes they held (the storage bench reads them). */
  readonly stats = { groups: 0, writes: 0 };

  constructor(private readonly db: Database.Database) {
    // Called inside the group's transaction, better-sqlite3 makes this a savepoint.
    this.savepoint = db.transaction((step: GroupStep<unknown>) => step.execute());
    this.begin = db.prepare('BEGIN IMMEDIATE');
    this.commit = db.prepare('COMMIT');
    this.rollback = db.prepare('ROLLBACK');
  }

  add<R>(step: GroupStep<R>): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({
        step,
        resolve: resolve as (value: unknown) => void,
        reject,
      });
      this.scheduled ??= setImmediate(() => this.flush());
    });
  }

  /** Commits what is queued now (also called before the file closes or a table is dropped). */
  flush(): void {
    if (this.scheduled !== undefined) clearImmediate(this.scheduled);
    this.scheduled = undefined;
    const group = this.queue;
    this.queue = [];
    if (group.length === 0) return;
    const outcomes: Outcome[] = [];
    let commitError: Error | undefined;
    try {
      // Inside the try: a BEGIN that fails (the file busy or gone) rejects the group's writes
      // instead of escaping from setImmediate with every caller left waiting.
      this.begin.run();
      for (const { step } of group) {
        try {
          const result = this.savepoint(step);
          step.applied(result);
          outcomes.push({ ok: true, result });
        } catch (error) {
          outcomes.push({ ok: false, error: step.explain(error) });
        }
      }
      this.commit.run();
    } catch (error) {
      if (this.db.inTransaction) this.rollback.run();
      commitError = error instanceof Error ? error : new Error(String(error));
    }
    this.stats.groups++;
    this.stats.writes += group.length;
    group.forEach((queued, i) => {
      const outcome = outcomes[i];
      if (outcome === undefined || !outcome.ok) {
        queued.reject(outcome?.error ?? queued.step.explain(commitError));
      } else if (commitError !== undefined) {
        queued.step.rolledBack(outcome.result);
        queued.reject(queued.step.explain(commitError));
      } else {
        queued.step.committed(outcome.result);
        queued.resolve(outcome.result);
      }
    });
  }
}
