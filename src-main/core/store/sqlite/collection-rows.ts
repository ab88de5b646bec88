// Reads and writes the rows of one collection table (layout in collection-table.ts), through the
// file's document cache.
//
// Guarantees: every statement is prepared once per table and file, on first use
// (table-statements.ts); `write` runs inside the caller's transaction (a bulk load's index drop
// and rebuild commit or roll back with its rows) and returns what it wrote, which the caller puts
// in the cache with `remember` once the transaction has committed (document-cache.ts). A document
// found in the cache is returned as is; a row read from SQLite is parsed from its JSON.
import type Database from 'better-sqlite3';
import type { BulkWriteRow, RxDocumentData, RxJsonSchema } from 'rxdb';
import type { CollectionTable } from './collection-table.js';
import type { DocumentCache, WrittenDocument } from './document-cache.js';
import { boundKey } from './index-key.js';
import type { DocumentSource, StoredRow } from './row-reader.js';
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
    byIds,
    /** Changes after a checkpoint, on RxDB's lwt index (key) or natively (lwt, id). */
    changesSince: `SELECT id, data FROM ${t.table} WHERE ${after} ORDER BY ${order} LIMIT @limit`,
    changesFirst: `SELECT id, data FROM ${t.table} ORDER BY ${order} LIMIT ?`,
    rowsUpTo: `SELECT count(*) FROM (SELECT 1 FROM ${t.table} LIMIT ?)`,
    purgeTombstones: `DELETE FROM ${t.table} WHERE deleted = 1 AND lwt <= ? RETURNING id`,
  };
}

type Doc = RxDocumentData<unknown>;

export class CollectionRows<RxDocType> implements DocumentSource {
  private readonly sql: ReturnType<typeof sqlOf>;

  constructor(
    private readonly db: Database.Database,
    private readonly table: CollectionTable,
    private readonly statements: TableStatements,
    private readonly schema: RxJsonSchema<RxDocumentData<unknown>>,
    private readonly cache: DocumentCache,
  ) {
    this.sql = sqlOf(table);
  }

  idOf(doc: RxDocumentData<RxDocType>): string {
    return (doc as Record<string, unknown>)[this.table.primaryPath] as string;
  }

  /** The stored documents of `ids` (those that exist), in no particular order. */
  readByIds(ids: readonly string[], withDeleted: boolean): RxDocumentData<RxDocType>[] {
    const found: Doc[] = [];
    let missing: readonly string[] = ids;
    if (this.cache.holds(this.table.table)) {
      const notCached: string[] = [];
      for (const id of ids.length > 1 ? new Set(ids) : ids) {
        const cached = this.cached(id);
        if (cached === undefined) {
          notCached.push(id);
        } else if (withDeleted || !cached._deleted) {
          found.push(cached);
        }
      }
      missing = notCached;
    }
    const [only] = missing;
    if (missing.length === 1 && only !== undefined) {
      const json = this.statements.get<[string], string | undefined>(this.sql.byId, 'pluck').get(only);
      if (json !== undefined) this.readMissing(json, found, withDeleted);
    } else if (missing.length > 1) {
      const rows = this.statements.get<[string], string>(this.sql.byIds, 'pluck');
      for (const json of rows.iterate(JSON.stringify(missing))) this.readMissing(json, found, withDeleted);
    }
    return found as RxDocumentData<RxDocType>[];
  }

  private readMissing(json: string, found: Doc[], withDeleted: boolean): void {
    const doc = JSON.parse(json) as Doc;
    this.cache.put(this.table.table, this.idOf(doc as RxDocumentData<RxDocType>), doc, json.length);
    if (withDeleted || !doc._deleted) found.push(doc);
  }

  /** Whether any document of this table is cached: if not, reads skip looking ids up. */
  holdsAny(): boolean {
    return this.cache.holds(this.table.table);
  }

  cached(id: string): Doc | undefined {
    return this.cache.get(this.table.table, id) as Doc | undefined;
  }

  keep(docs: readonly Doc[], sizes: ReadonlyMap<Doc, number>): void {
    for (const doc of docs) {
      const size = sizes.get(doc);
      if (size !== undefined) {
        this.cache.put(this.table.table, this.idOf(doc as RxDocumentData<RxDocType>), doc, size);
      }
    }
  }

  /** Puts what a committed write wrote into the cache. */
  remember(written: readonly WrittenDocument[]): void {
    this.cache.putWritten(this.table.table, written);
  }

  /** Forgets what a write that was rolled back had put in the cache. */
  forget(written: readonly WrittenDocument[]): void {
    for (const entry of written) this.cache.forget(this.table.table, entry.id);
  }

  /** Inserts and updates rows categorized by RxDB. Call inside a write transaction. */
  write(
    inserts: readonly BulkWriteRow<RxDocType>[],
    updates: readonly BulkWriteRow<RxDocType>[],
  ): WrittenDocument[] {
    const written: WrittenDocument[] = [];
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
      for (const row of inserts) insert.run(this.rowValues(row.document, written));
    }
    if (updates.length > 0) {
      const update = this.statements.get<unknown[], never>(this.sql.update, 'rows');
      for (const row of updates) update.run(this.rowValues(row.document, written));
    }
    if (bulkLoad) {
      for (const index of this.table.indexes) this.db.exec(index.create);
    }
    return written;
  }

  /** Up to `limit` documents changed after the checkpoint, oldest first. */
  changedSince(limit: number, checkpoint: ChangeCheckpoint | undefined): RxDocumentData<RxDocType>[] {
    let rows: StoredRow[];
    if (!checkpoint) {
      rows = this.statements.get<[number], StoredRow>(this.sql.changesFirst, 'raw').all(limit);
    } else {
      const since = this.statements.get<[ChangesAfter], StoredRow>(this.sql.changesSince, 'raw');
      const column = this.table.changesColumn;
      rows = column
        ? since.all({
            key: boundKey(this.schema, column.fields, [checkpoint.lwt, checkpoint.id], 'lower'),
            limit,
          })
        : since.all({ lwt: checkpoint.lwt, id: checkpoint.id, limit });
    }
    return rows.map(([id, json]) => (this.cached(id) ?? JSON.parse(json)) as RxDocumentData<RxDocType>);
  }

  /** Deletes tombstones last written at or before `lwt`. */
  purgeTombstones(lwt: number): void {
    const purged = this.statements.get<[number], string>(this.sql.purgeTombstones, 'pluck').all(lwt);
    for (const id of purged) this.cache.forget(this.table.table, id);
  }

  /** The parameters of the insert and update statements: deleted, lwt, data, index keys, id. */
  private rowValues(doc: RxDocumentData<RxDocType>, written: WrittenDocument[]): unknown[] {
    const id = this.idOf(doc);
    const json = JSON.stringify(doc);
    written.push({ id, doc, size: json.length });
    const values: unknown[] = [doc._deleted ? 1 : 0, doc._meta.lwt, json];
    for (const column of this.table.columns) {
      values.push(column.indexString(doc));
    }
    values.push(id);
    return values;
  }
}
