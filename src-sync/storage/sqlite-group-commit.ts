// Group commit for the server's SQLite file: the document writes and claim decisions asked for
// during one turn of the event loop commit as ONE transaction (one fsync under
// synchronous=FULL) at the end of the turn (setImmediate), instead of one transaction each.
// better-sqlite3 is synchronous: a commit per write blocked every other request for its fsync,
// and a burst of intake posts, claims and pushes queued behind those commits (decision 0462).
//
// Guarantees, the same as a transaction per write:
// - Each write is atomic: it runs in its own savepoint inside the group's transaction; a write
//   whose work throws is rolled back alone and only its caller gets the error.
// - A write's promise resolves only after the group's COMMIT returned: an acknowledged push or
//   claim survives a kill -9 or a power loss. A crash before the COMMIT loses the whole group,
//   and none of its callers was answered.
// - Writes apply in the order they were asked for: a later one reads the earlier ones (a
//   team's seq numbers, a claim's fencing token), and their change notices go out in that
//   order, after the commit, never for a write that was rolled back.
// - Reads never see a write that has not committed: the work is not run until the flush, and
//   the flush runs from BEGIN to COMMIT without yielding.
import type Database from 'better-sqlite3';

/** One write's work inside the group's transaction. */
export interface GroupStep<R> {
  /** Runs inside the group's transaction (in a savepoint); may throw to roll back this write. */
  execute(): R;
  /** Runs once the group committed, before the caller hears (change notices). */
  committed?(result: R): void;
}

interface Queued {
  step: GroupStep<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

type Outcome = { ok: true; result: unknown } | { ok: false; error: Error };

const asError = (error: unknown): Error => (error instanceof Error ? error : new Error(String(error)));

export class SqliteGroupCommit {
  private queue: Queued[] = [];
  private scheduled: NodeJS.Immediate | undefined;
  private readonly savepoint: Database.Transaction<(step: GroupStep<unknown>) => unknown>;
  /** How many groups committed and how many writes they held. */
  readonly stats = { groups: 0, writes: 0 };

  constructor(private readonly db: Database.Database) {
    // Called inside the group's transaction, better-sqlite3 makes this a savepoint.
    this.savepoint = db.transaction((step: GroupStep<unknown>) => step.execute());
  }

  add<R>(step: GroupStep<R>): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({
        step: step,
        resolve: resolve as (value: unknown) => void,
        reject,
      });
      this.scheduled ??= setImmediate(() => this.flush());
    });
  }

  /** Commits what is queued now (also before the file closes or is backed up). */
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
      this.db.exec('BEGIN IMMEDIATE');
      for (const { step } of group) {
        try {
          outcomes.push({ ok: true, result: this.savepoint(step) });
        } catch (error) {
          // SQLite ends the whole transaction on some errors (disk full, I/O): nothing of the
          // group is left to commit, so every write of it fails.
          if (!this.db.inTransaction) throw error;
          outcomes.push({ ok: false, error: asError(error) });
        }
      }
      this.db.exec('COMMIT');
    } catch (error) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      commitError = asError(error);
    }
    this.stats.groups += 1;
    this.stats.writes += group.length;
    group.forEach((queued, i) => {
      const outcome = outcomes[i];
      if (commitError !== undefined) queued.reject(commitError);
      else if (outcome === undefined || !outcome.ok) queued.reject(outcome?.error ?? new Error('not run'));
      else {
        try {
          queued.step.committed?.(outcome.result);
        } catch {
          // A listener's failure is not the write's: it committed, and its caller hears so.
        }
        queued.resolve(outcome.result);
      }
    });
  }
}
