// getRxStorageSqlite: RxDB's RxStorage on one SQLite file, for the main process.
//
// Every database and collection created through one storage object lives in the one file named by
// `path` (a table per collection and schema version, see collection-table.ts). Porchlight opens
// one RxDB database per file, so in practice that is one file per database.
// Refused at creation, with a StoreError naming the file: multiInstance (the file is owned by this
// process; other processes cannot see its change stream), schemas with attachments (not kept by
// this store), keyCompression/encryption without their wrappers (RxDB's own check).
import {
  ensureRxStorageInstanceParamsAreCorrect,
  RXDB_VERSION,
  type RxDocumentData,
  type RxJsonSchema,
  type RxStorage,
  type RxStorageInstanceCreationParams,
} from 'rxdb';
import { openCollectionTable } from './collection-table.js';
import { StoreError, explainSqliteError } from './errors.js';
import { RxStorageInstanceSqlite, type SqliteInstanceOptions, type SqliteInternals } from './instance.js';
import { DOCUMENT_CACHE_BUDGET } from './document-cache.js';
import {
  acquireStoreFile,
  releaseStoreFile,
  type StoreFileSettings,
  type SynchronousMode,
} from './store-file.js';

export interface SqliteStorageSettings {
  /** The SQLite file; created when missing. Its folder must exist. */
  readonly path: string;
  /**
   * FULL (default) fsyncs the write-ahead log on every commit: a commit survives a power cut.
   * NORMAL survives a crash of the process but may lose the last commits on power loss.
   */
  readonly synchronous?: SynchronousMode;
  /**
   * How much parsed-document JSON (in characters) reads may skip parsing again; 0 turns the cache
   * off. Default DOCUMENT_CACHE_BUDGET (see document-cache.ts). Like `synchronous`, it is taken
   * from the storage that opens the file first in this process.
   */
  readonly documentCache?: number;
}

export type RxStorageSqlite = RxStorage<SqliteInternals, SqliteInstanceOptions>;

export function getRxStorageSqlite(settings: SqliteStorageSettings): RxStorageSqlite {
  const fileSettings = {
    synchronous: settings.synchronous ?? 'FULL',
    documentCache: settings.documentCache ?? DOCUMENT_CACHE_BUDGET,
  };
  const storage: RxStorageSqlite = {
    name: 'porchlight-sqlite',
    rxdbVersion: RXDB_VERSION,
    createStorageInstance<RxDocType>(
      params: RxStorageInstanceCreationParams<RxDocType, SqliteInstanceOptions>,
    ): Promise<RxStorageInstanceSqlite<RxDocType>> {
      try {
        return Promise.resolve(createInstance(storage, settings.path, fileSettings, params));
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
    },
  };
  return storage;
}

function createInstance<RxDocType>(
  storage: RxStorageSqlite,
  path: string,
  fileSettings: StoreFileSettings,
  params: RxStorageInstanceCreationParams<RxDocType, SqliteInstanceOptions>,
): RxStorageInstanceSqlite<RxDocType> {
  ensureRxStorageInstanceParamsAreCorrect(params);
  if (params.multiInstance) {
    throw new StoreError(
      'STORE_MULTI_INSTANCE_UNSUPPORTED',
      path,
      `The database "${params.databaseName}" in ${path} was opened with multiInstance: true. This store ` +
        'belongs to one process; create the database with multiInstance: false.',
    );
  }
  if (params.schema.attachments) {
    throw new StoreError(
      'STORE_UNSUPPORTED_SCHEMA',
      path,
      `The schema of "${params.collectionName}" asks for attachments, which the store in ${path} does ` +
        'not keep. Store files outside the database and keep their paths in the document instead.',
    );
  }
  const file = acquireStoreFile(path, fileSettings);
  try {
    const schema = params.schema as RxJsonSchema<RxDocumentData<unknown>>;
    const table = openCollectionTable(
      file,
      {
        databaseName: params.databaseName,
        collectionName: params.collectionName,
        schemaVersion: schema.version,
      },
      schema,
    );
    return new RxStorageInstanceSqlite<RxDocType>(
      storage,
      params.databaseName,
      params.collectionName,
      params.schema,
      params.options,
      file,
      table,
    );
  } catch (error) {
    releaseStoreFile(file);
    throw explainSqliteError(error, file.path, `opening the collection "${params.collectionName}"`);
  }
}
