// RxStorageInstance over one collection table.
//
// Guarantees:
// - bulkWrite is one SQLite transaction (BEGIN IMMEDIATE): the rows it reads to detect conflicts
//   and the rows it writes are one atomic step; either every accepted write of the call is
//   committed or none is. Conflicts are decided by RxDB's categorizeBulkWriteRows, so 409 errors
//   carry exactly what RxDB expects (documentInDb, writeRow, context).
// - Change events are emitted after the commit, never for a write that was rolled back.
// - better-sqlite3 is synchronous, so each call runs to completion before the next: calls on one
//   file are serialized without a queue. The cost is that a very large bulkWrite holds the event
//   loop for its duration (about 1 s per 50,000 documents); callers that import big batches chunk
//   them (see docs/decisions/0001-sqlite-rxstorage.md).
import type Database from 'better-sqlite3';
import type { Observable } from 'rxjs';
import {
  categorizeBulkWriteRows,
  now,
  type BulkWriteRow,
  type EventBulk,
  type PreparedQuery,
  type RxDocumentData,
  type RxJsonSchema,
  type RxStorage,
  type RxStorageBulkWriteResponse,
  type RxStorageChangeEvent,
  type RxStorageCountResult,
  type RxStorageDefaultCheckpoint,
  type RxStorageInstance,
  type RxStorageQueryResult,
  type StringKeys,
} from 'rxdb';
import { dropCollectionTable, type CollectionTable } from './collection-table.js';
import { StoreError, explainSqliteError } from './errors.js';
import { boundKey } from './index-key.js';
import { QueryRunner, parseDocument } from './query-runner.js';
import { changesOf, releaseStoreFile, type ChangeBulk, type StoreFile } from './store-file.js';

/** What `instance.internals` exposes: where the collection lives. */
export interface SqliteInternals {
  readonly file: string;
  readonly table: string;
}

/** No per-collection options: everything is set on the storage (see SqliteStorageSettings). */
export type SqliteInstanceOptions = Record<string, never>;

type Checkpoint = RxStorageDefaultCheckpoint;

/** Inserts of at least this many rows, into a table holding fewer, drop and rebuild the indexes. */
const BULK_LOAD_MIN_ROWS = 5_000;

type ChangesAfter = { key: string; limit: number } | { lwt: number; id: string; limit: number };

interface Statements {
  readonly insert: Database.Statement<unknown[]>;
  readonly update: Database.Statement<unknown[]>;
  readonly byIds: Database.Statement<[string], string>;
  readonly byIdsLive: Database.Statement<[string], string>;
  /** Changes after a checkpoint, on RxDB's lwt index (key) or natively (lwt, id). */
  readonly changesSince: Database.Statement<[ChangesAfter], string>;
  readonly changesFirst: Database.Statement<[number], string>;
  readonly rowsUpTo: Database.Statement<[number], number>;
  readonly purgeTombstones: Database.Statement<[number]>;
}

function prepareStatements(db: Database.Database, t: CollectionTable): Statements {
  const ixNames = t.columns.map((c) => c.column);
  const insertColumns = ['id', 'deleted', 'lwt', 'data', ...ixNames];
  const updateSets = ['deleted', 'lwt', 'data', ...ixNames].map((c) => `${c} = ?`).join(', ');
  const byIds = `SELECT data FROM ${t.table} WHERE id IN (SELECT value FROM json_each(?))`;
  const order = t.changesColumn ? t.changesColumn.column : 'lwt, id';
  const after = t.changesColumn
    ? `${t.changesColumn.column} > @key`
    : 'lwt >= @lwt AND (lwt > @lwt OR id > @id)';
  return {
    insert: db.prepare(
      `INSERT INTO ${t.table} (${insertColumns.join(', ')}) VALUES (${insertColumns.map(() => '?').join(', ')})`,
    ),
    update: db.prepare(`UPDATE ${t.table} SET ${updateSets} WHERE id = ?`),
    byIds: db.prepare<[string], string>(byIds).pluck(),
    byIdsLive: db.prepare<[string], string>(`${byIds} AND deleted = 0`).pluck(),
    changesSince: db
      .prepare<[ChangesAfter], string>(
        `SELECT data FROM ${t.table} WHERE ${after} ORDER BY ${order} LIMIT @limit`,
      )
      .pluck(),
    changesFirst: db
      .prepare<[number], string>(`SELECT data FROM ${t.table} ORDER BY ${order} LIMIT ?`)
      .pluck(),
    rowsUpTo: db.prepare<[number], number>(`SELECT count(*) FROM (SELECT 1 FROM ${t.table} LIMIT ?)`).pluck(),
    purgeTombstones: db.prepare<[number]>(`DELETE FROM ${t.table} WHERE deleted = 1 AND lwt <= ?`),
  };
}

export class RxStorageInstanceSqlite<RxDocType> implements RxStorageInstance<
  RxDocType,
  SqliteInternals,
  SqliteInstanceOptions,
  Checkpoint
> {
  readonly internals: SqliteInternals;
  private readonly statements: Statements;
  private readonly runner: QueryRunner;
  private readonly runnerSchema: RxJsonSchema<RxDocumentData<unknown>>;
  private closed = false;

  constructor(
    readonly storage: RxStorage<SqliteInternals, SqliteInstanceOptions>,
    readonly databaseName: string,
    readonly collectionName: string,
    readonly schema: Readonly<RxJsonSchema<RxDocumentData<RxDocType>>>,
    readonly options: Readonly<SqliteInstanceOptions>,
    private readonly file: StoreFile,
    private readonly table: CollectionTable,
  ) {
    this.internals = { file: file.path, table: table.table };
    this.statements = prepareStatements(file.db, table);
    this.runnerSchema = schema as RxJsonSchema<RxDocumentData<unknown>>;
    this.runner = new QueryRunner(file.db, table, this.runnerSchema);
  }

  bulkWrite(
    rows: BulkWriteRow<RxDocType>[],
    context: string,
  ): Promise<RxStorageBulkWriteResponse<RxDocType>> {
    return this.run(`writing ${rows.length} document(s) to "${this.collectionName}"`, () => {
      const primaryPath = this.table.primaryPath;
      const ids = rows.map((row) => this.idOf(row.document));
      const write = this.file.db.transaction(() => {
        const docsInDb = new Map<string, RxDocumentData<RxDocType>>();
        for (const json of this.statements.byIds.iterate(JSON.stringify(ids))) {
          const doc = parseDocument<RxDocType>(json);
          docsInDb.set(this.idOf(doc), doc);
        }
        const categorized = categorizeBulkWriteRows<RxDocType>(
          this,
          primaryPath as StringKeys<RxDocType>,
          docsInDb,
          rows,
          context,
        );
        const inserts = categorized.bulkInsertDocs.length;
        // Bulk load: building an index from sorted keys is about twice as fast as inserting them
        // one by one; inside this transaction the drop and rebuild are atomic with the rows.
        const bulkLoad = inserts >= BULK_LOAD_MIN_ROWS && this.statements.rowsUpTo.get(inserts) !== inserts;
        if (bulkLoad) {
          for (const index of this.table.indexes) this.file.db.exec(`DROP INDEX ${index.name}`);
        }
        for (const row of categorized.bulkInsertDocs) {
          this.statements.insert.run(this.idOf(row.document), ...this.rowValues(row.document));
        }
        for (const row of categorized.bulkUpdateDocs) {
          this.statements.update.run(...this.rowValues(row.document), this.idOf(row.document));
        }
        if (bulkLoad) {
          for (const index of this.table.indexes) this.file.db.exec(index.create);
        }
        return categorized;
      });
      const categorized = write.immediate();
      const newest = categorized.newestRow;
      if (categorized.eventBulk.events.length > 0 && newest) {
        categorized.eventBulk.checkpoint = { id: this.idOf(newest.document), lwt: newest.document._meta.lwt };
        changesOf(this.file, this.table.table).next(categorized.eventBulk as ChangeBulk);
      }
      return { error: categorized.errors };
    });
  }

  findDocumentsById(ids: string[], withDeleted: boolean): Promise<RxDocumentData<RxDocType>[]> {
    return this.run(`reading documents of "${this.collectionName}"`, () => {
      if (ids.length === 0) {
        return [];
      }
      const statement = withDeleted ? this.statements.byIds : this.statements.byIdsLive;
      return statement.all(JSON.stringify(ids)).map((json) => parseDocument<RxDocType>(json));
    });
  }

  query(prepared: PreparedQuery<RxDocType>): Promise<RxStorageQueryResult<RxDocType>> {
    return this.run(`querying "${this.collectionName}"`, () => ({ documents: this.runner.query(prepared) }));
  }

  count(prepared: PreparedQuery<RxDocType>): Promise<RxStorageCountResult> {
    return this.run(`counting "${this.collectionName}"`, () => ({
      count: this.runner.count(prepared),
      mode: 'fast' as const,
    }));
  }

  getChangedDocumentsSince(
    limit: number,
    checkpoint?: Checkpoint,
  ): Promise<{ documents: RxDocumentData<RxDocType>[]; checkpoint: Checkpoint }> {
    return this.run(`reading changes of "${this.collectionName}"`, () => {
      const documents = this.changedRows(limit, checkpoint).map((json) => parseDocument<RxDocType>(json));
      const last = documents[documents.length - 1];
      return {
        documents,
        checkpoint: last ? { id: this.idOf(last), lwt: last._meta.lwt } : (checkpoint ?? { id: '', lwt: 0 }),
      };
    });
  }

  private changedRows(limit: number, checkpoint: Checkpoint | undefined): string[] {
    if (!checkpoint) {
      return this.statements.changesFirst.all(limit);
    }
    const column = this.table.changesColumn;
    if (!column) {
      return this.statements.changesSince.all({ lwt: checkpoint.lwt, id: checkpoint.id, limit });
    }
    const key = boundKey(this.runnerSchema, column.fields, [checkpoint.lwt, checkpoint.id], 'lower');
    return this.statements.changesSince.all({ key, limit });
  }

  changeStream(): Observable<EventBulk<RxStorageChangeEvent<RxDocumentData<RxDocType>>, Checkpoint>> {
    // The subject is shared by every instance of this table; the element type is this collection's.
    return changesOf(this.file, this.table.table).asObservable() as unknown as Observable<
      EventBulk<RxStorageChangeEvent<RxDocumentData<RxDocType>>, Checkpoint>
    >;
  }

  cleanup(minimumDeletedTime: number): Promise<boolean> {
    return this.run(`cleaning up "${this.collectionName}"`, () => {
      this.statements.purgeTombstones.run(now() - minimumDeletedTime);
      return true;
    });
  }

  getAttachmentData(documentId: string, attachmentId: string): Promise<Blob> {
    return Promise.reject(
      new StoreError(
        'STORE_UNSUPPORTED_SCHEMA',
        this.file.path,
        `Attachment "${attachmentId}" of "${documentId}" was requested, but this store keeps no attachments.`,
      ),
    );
  }

  async remove(): Promise<void> {
    await this.run(`removing "${this.collectionName}"`, () => {
      dropCollectionTable(this.file.db, this.table.table);
      this.file.changes.delete(this.table.table);
    });
    await this.close();
  }

  close(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      releaseStoreFile(this.file);
    }
    return Promise.resolve();
  }

  /** Runs one synchronous step; SQLite errors become StoreErrors naming the file. */
  private run<R>(doing: string, step: () => R): Promise<R> {
    if (this.closed) {
      return Promise.reject(
        new StoreError(
          'STORE_CLOSED',
          this.file.path,
          `Cannot go on ${doing} in ${this.file.path}: the collection was closed. Open the database again.`,
        ),
      );
    }
    try {
      return Promise.resolve(step());
    } catch (error) {
      return Promise.reject(explainSqliteError(error, this.file.path, doing));
    }
  }

  private idOf(doc: RxDocumentData<RxDocType>): string {
    return (doc as Record<string, unknown>)[this.table.primaryPath] as string;
  }

  private rowValues(doc: RxDocumentData<RxDocType>): unknown[] {
    const values: unknown[] = [doc._deleted ? 1 : 0, doc._meta.lwt, JSON.stringify(doc)];
    for (const column of this.table.columns) {
      values.push(column.indexString(doc));
    }
    return values;
  }
}
