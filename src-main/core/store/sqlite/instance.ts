// RxStorageInstance over one collection table.
//
// Guarantees:
// - bulkWrite is atomic: the rows it reads to detect conflicts and the rows it writes are one
//   step (a savepoint in the file's group transaction, group-commit.ts: the writes of one turn of
//   the event loop commit together); either every accepted write of the call is committed or none
//   is, and the call resolves once it is committed. Conflicts are decided by RxDB's
//   categorizeBulkWriteRows, so 409 errors carry exactly what RxDB expects (documentInDb,
//   writeRow, context).
// - Change events are emitted after the commit, never for a write that was rolled back.
// - better-sqlite3 is synchronous, so each call runs to completion before the next: calls on one
//   file are serialized without a queue. The cost is that a very large bulkWrite holds the event
//   loop for its duration (100,000 leads take ~5 s on a loaded 2-core machine); callers that
//   import big batches chunk them (see docs/decisions/0001-sqlite-rxstorage.md).
// - Reads return documents from the file's document cache when it has them (document-cache.ts),
//   shared objects that nobody may modify, as with RxDB's memory storage.
import type { Observable } from 'rxjs';
import {
  categorizeBulkWriteRows,
  now,
  type BulkWriteRow,
  type CategorizeBulkWriteRowsOutput,
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
import { CollectionRows } from './collection-rows.js';
import { dropCollectionTable, type CollectionTable } from './collection-table.js';
import type { WrittenDocument } from './document-cache.js';
import { StoreError, explainSqliteError } from './errors.js';
import { QueryRunner } from './query-runner.js';
import {
  changesOf,
  forgetTable,
  releaseStoreFile,
  statementsOf,
  type ChangeBulk,
  type StoreFile,
} from './store-file.js';

/** What `instance.internals` exposes: where the collection lives. */
export interface SqliteInternals {
  readonly file: string;
  readonly table: string;
}

/** No per-collection options: everything is set on the storage (see SqliteStorageSettings). */
export type SqliteInstanceOptions = Record<string, never>;

type Checkpoint = RxStorageDefaultCheckpoint;

export class RxStorageInstanceSqlite<RxDocType> implements RxStorageInstance<
  RxDocType,
  SqliteInternals,
  SqliteInstanceOptions,
  Checkpoint
> {
  readonly internals: SqliteInternals;
  private readonly rows: CollectionRows<RxDocType>;
  private readonly runner: QueryRunner;
  /** Runs inside the group's transaction (group-commit.ts), in a savepoint of its own. */
  private readonly write: (
    rows: BulkWriteRow<RxDocType>[],
    context: string,
  ) => { categorized: CategorizeBulkWriteRowsOutput<RxDocType>; written: WrittenDocument[] };
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
    const statements = statementsOf(file, table.table);
    const anySchema = schema as RxJsonSchema<RxDocumentData<unknown>>;
    this.rows = new CollectionRows<RxDocType>(file.db, table, statements, anySchema, file.documents);
    this.runner = new QueryRunner(statements, table, anySchema, this.rows);
    this.write = (rows: BulkWriteRow<RxDocType>[], context: string) => {
      const docsInDb = new Map<string, RxDocumentData<RxDocType>>();
      const ids = rows.map((row) => this.rows.idOf(row.document));
      for (const doc of this.rows.readByIds(ids, true)) docsInDb.set(this.rows.idOf(doc), doc);
      const primaryPath = table.primaryPath as StringKeys<RxDocType>;
      const categorized = categorizeBulkWriteRows<RxDocType>(this, primaryPath, docsInDb, rows, context);
      const written = this.rows.write(categorized.bulkInsertDocs, categorized.bulkUpdateDocs);
      return { categorized, written };
    };
  }

  bulkWrite(
    rows: BulkWriteRow<RxDocType>[],
    context: string,
  ): Promise<RxStorageBulkWriteResponse<RxDocType>> {
    const doing = () => `writing ${rows.length} document(s) to "${this.collectionName}"`;
    if (this.closed) return this.run(doing, () => ({ error: [] }));
    // Committed with the other writes of this turn of the event loop (group-commit.ts).
    return this.file.group
      .add({
        execute: () => this.write(rows, context),
        applied: ({ written }) => this.rows.remember(written), // later writes of the group read it
        rolledBack: ({ written }) => this.rows.forget(written),
        committed: ({ categorized }) => {
          const newest = categorized.newestRow;
          if (categorized.eventBulk.events.length > 0 && newest) {
            const id = this.rows.idOf(newest.document);
            categorized.eventBulk.checkpoint = { id, lwt: newest.document._meta.lwt };
            changesOf(this.file, this.table.table).next(categorized.eventBulk as ChangeBulk);
          }
        },
        explain: (error) => explainSqliteError(error, this.file.path, doing()),
      })
      .then(({ categorized }) => ({ error: categorized.errors }));
  }

  findDocumentsById(ids: string[], withDeleted: boolean): Promise<RxDocumentData<RxDocType>[]> {
    return this.run(
      () => `reading documents of "${this.collectionName}"`,
      () => this.rows.readByIds(ids, withDeleted),
    );
  }

  query(prepared: PreparedQuery<RxDocType>): Promise<RxStorageQueryResult<RxDocType>> {
    return this.run(
      () => `querying "${this.collectionName}"`,
      () => ({ documents: this.runner.query(prepared) }),
    );
  }

  count(prepared: PreparedQuery<RxDocType>): Promise<RxStorageCountResult> {
    return this.run(
      () => `counting "${this.collectionName}"`,
      () => ({
        count: this.runner.count(prepared),
        mode: 'fast' as const,
      }),
    );
  }

  getChangedDocumentsSince(
    limit: number,
    checkpoint?: Checkpoint,
  ): Promise<{ documents: RxDocumentData<RxDocType>[]; checkpoint: Checkpoint }> {
    return this.run(
      () => `reading changes of "${this.collectionName}"`,
      () => {
        const documents = this.rows.changedSince(limit, checkpoint);
        const last = documents[documents.length - 1];
        return {
          documents,
          checkpoint: last
            ? { id: this.rows.idOf(last), lwt: last._meta.lwt }
            : (checkpoint ?? { id: '', lwt: 0 }),
        };
      },
    );
  }

  changeStream(): Observable<EventBulk<RxStorageChangeEvent<RxDocumentData<RxDocType>>, Checkpoint>> {
    // The subject is shared by every instance of this table; the element type is this collection's.
    return changesOf(this.file, this.table.table).asObservable() as unknown as Observable<
      EventBulk<RxStorageChangeEvent<RxDocumentData<RxDocType>>, Checkpoint>
    >;
  }

  cleanup(minimumDeletedTime: number): Promise<boolean> {
    return this.run(
      () => `cleaning up "${this.collectionName}"`,
      () => {
        this.rows.purgeTombstones(now() - minimumDeletedTime);
        return true;
      },
    );
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
    await this.run(
      () => `removing "${this.collectionName}"`,
      () => {
        this.file.group.flush();
        dropCollectionTable(this.file.db, this.table.table);
        forgetTable(this.file, this.table.table);
      },
    );
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
  private run<R>(doing: () => string, step: () => R): Promise<R> {
    if (this.closed) {
      return Promise.reject(
        new StoreError(
          'STORE_CLOSED',
          this.file.path,
          `Cannot go on ${doing()} in ${this.file.path}: the collection was closed. Open the database again.`,
        ),
      );
    }
    try {
      return Promise.resolve(step());
    } catch (error) {
      return Promise.reject(explainSqliteError(error, this.file.path, doing()));
    }
  }
}
