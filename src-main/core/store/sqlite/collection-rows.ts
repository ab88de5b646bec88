// Reads and writes the rows of one collection table (layout in collection-table.ts).
//
// Guarantees: every statement is prepared once per table and file, on first use
// (table-statements.ts); `write` must run inside the caller's transaction, and with the rows it
// writes, a bulk load's index drop and rebuild commit or roll back together.
import type Database from 'better-sqlite3';
import type { BulkWriteRow, RxDocumentData, RxJsonSchema } from 'rxdb';
import type { CollectionTable } from './collection-table.js';
import { boundKey } from './index-key.js';
import { parseDocument } from './query-runner.js';
import type { TableStatements } from './table-statements.js';

/** Inserts of at least this many rows, into a table holding fewer, drop and rebuild the indexes. */
const BULK_LOAD_MIN_ROWS = 5_000;

type ChangesAfter = { key: string; limit: number } | { lwt: number; id: string; limit: number };

/** A checkpoint of getChangedDocumentsSince: the last document's lwt and id. */
export interface ChangeCheckpoint {
  readonly id: string;
  readonly lwt: number;
}

function sqlOf(t: CollectionTable) {
  const columns = ['deleted', 'lwt', 'data', ...t.columns.map((c) => c.column)];
  const byIds = `SELECT data FROM ${t.table} WHERE id IN (SELECT value FROM json_each(?))`;
  const order = t.changesColumn ? t.changesColumn.column : 'lwt, id';
  const after = t.changesColumn
    ? `${t.changesColumn.column} > @key`
    : 'lwt >= @lwt AND (lwt > @lwt OR id > @id)';
  return {
    // parameters: the columns' values, then the id (see rowValues)
    insert: `INSERT INTO ${t.table} (${columns.join(', ')}, id) VALUES (${columns.map(() => '?').join(', ')}, ?)`,
    update: `UPDATE ${t.table} SET ${columns.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`,
    byId: `SELECT data FROM ${t.table} WHERE id = ?`,
    byIdLive: `SELECT data FROM ${t.table} WHERE id = ? AND deleted = 0`,
    byIds,
    byIdsLive: `${byIds} AND deleted = 0`,
    /** Changes after a checkpoint, on RxDB's lwt index (key) or natively (lwt, id). */
    changesSince: `SELECT data FROM ${t.table} WHERE ${after} ORDER BY ${order} LIMIT @limit`,
    changesFirst: `SELECT data FROM ${t.table} ORDER BY ${order} LIMIT ?`,
    rowsUpTo: `SELECT count(*) FROM (SELECT 1 FROM ${t.table} LIMIT ?)`,
    purgeTombstones: `DELETE FROM ${t.table} WHERE deleted = 1 AND lwt <= ?`,
  };
}

export class CollectionRows<RxDocType> {
  private readonly sql: ReturnType<typeof sqlOf>;

  constructor(
    private readonly db: Database.Database,
    private readonly table: CollectionTable,
    private readonly statements: TableStatements,
    private readonly schema: RxJsonSchema<RxDocumentData<unknown>>,
  ) {
    this.sql = sqlOf(table);
  }

  idOf(doc: RxDocumentData<RxDocType>): string {
    return (doc as Record<string, unknown>)[this.table.primaryPath] as string;
  }

  /** The stored documents of `ids` (those that exist), in no particular order. */
  readByIds(ids: readonly string[], withDeleted: boolean): RxDocumentData<RxDocType>[] {
    const [only] = ids;
    if (only === undefined) {
      return [];
    }
    if (ids.length === 1) {
      const json = this.statements
        .get<[string], string | undefined>(withDeleted ? this.sql.byId : this.sql.byIdLive, 'pluck')
        .get(only);
      return json === undefined ? [] : [parseDocument<RxDocType>(json)];
    }
    return this.statements
      .get<[string], string>(withDeleted ? this.sql.byIds : this.sql.byIdsLive, 'pluck')
      .all(JSON.stringify(ids))
      .map((json) => parseDocument<RxDocType>(json));
  }

  /** Inserts and updates rows categorized by RxDB. Call inside a write transaction. */
  write(inserts: readonly BulkWriteRow<RxDocType>[], updates: readonly BulkWriteRow<RxDocType>[]): void {
    // Bulk load: building an index from sorted keys is about twice as fast as inserting them
    // one by one; inside the transaction the drop and rebuild are atomic with the rows.
    const bulkLoad =
      inserts.length >= BULK_LOAD_MIN_ROWS &&
      this.statements.get<[number], number>(this.sql.rowsUpTo, 'pluck').get(inserts.length) !==
        inserts.length;
    if (bulkLoad) {
      for (const index of this.table.indexes) this.db.exec(`DROP INDEX ${index.name}`);
    }
    if (inserts.length > 0) {
      const insert = this.statements.get<unknown[], never>(this.sql.insert, 'rows');
      for (const row of inserts) insert.run(this.rowValues(row.document));
    }
    if (updates.length > 0) {
      const update = this.statements.get<unknown[], never>(this.sql.update, 'rows');
      for (const row of updates) update.run(this.rowValues(row.document));
    }
    if (bulkLoad) {
      for (const index of this.table.indexes) this.db.exec(index.create);
    }
  }

  /** Up to `limit` documents changed after the checkpoint, oldest first. */
  changedSince(limit: number, checkpoint: ChangeCheckpoint | undefined): RxDocumentData<RxDocType>[] {
    let rows: string[];
    if (!checkpoint) {
      rows = this.statements.get<[number], string>(this.sql.changesFirst, 'pluck').all(limit);
    } else {
      const since = this.statements.get<[ChangesAfter], string>(this.sql.changesSince, 'pluck');
      const column = this.table.changesColumn;
      rows = column
        ? since.all({
            key: boundKey(this.schema, column.fields, [checkpoint.lwt, checkpoint.id], 'lower'),
            limit,
          })
        : since.all({ lwt: checkpoint.lwt, id: checkpoint.id, limit });
    }
    return rows.map((json) => parseDocument<RxDocType>(json));
  }

  /** Deletes tombstones last written at or before `lwt`. */
  purgeTombstones(lwt: number): void {
    this.statements.get<[number], never>(this.sql.purgeTombstones, 'rows').run(lwt);
  }

  /** The parameters of the insert and update statements: deleted, lwt, data, index keys, id. */
  private rowValues(doc: RxDocumentData<RxDocType>): unknown[] {
    const values: unknown[] = [doc._deleted ? 1 : 0, doc._meta.lwt, JSON.stringify(doc)];
    for (const column of this.table.columns) {
      values.push(column.indexString(doc));
    }
    values.push(this.idOf(doc));
    return values;
  }
}
