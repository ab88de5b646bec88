// The prepared statements of one collection table.
//
// Guarantees: a statement is prepared on first use (never in advance, never twice for the same
// SQL text and mode) and shared by every instance of the table in this process, because it lives
// on the StoreFile until the table is dropped or the file closed. Preparing costs ~20 µs; an
// instance that only inserts once needs two statements of a dozen, and RxDB opens a collection's
// instances (and the harness reopens whole databases) far more often than it runs new SQL.
import type Database from 'better-sqlite3';

type Mode = 'rows' | 'pluck' | 'raw';

export class TableStatements {
  private readonly prepared = new Map<string, Database.Statement<unknown[], unknown>>();

  constructor(private readonly db: Database.Database) {}

  /**
   * The statement for `sql` in `mode`: `pluck` returns the first column, `raw` rows as arrays.
   * The caller states the result type; it follows from the SQL it wrote.
   */
  get<P extends unknown[], R>(sql: string, mode: Mode): Database.Statement<P, R> {
    const key = `${mode}:${sql}`;
    let statement = this.prepared.get(key);
    if (!statement) {
      statement = this.db.prepare<unknown[], unknown>(sql);
      if (mode === 'pluck') statement.pluck();
      if (mode === 'raw') statement.raw();
      this.prepared.set(key, statement);
    }
    return statement as unknown as Database.Statement<P, R>;
  }
}
