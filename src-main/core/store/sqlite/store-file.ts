// One open SQLite file, shared by every storage instance that names it in this process.
//
// Guarantees:
// - One connection per file per process (reference counted); closed when the last instance closes.
// - The file is owned by this process alone: locking_mode=EXCLUSIVE is taken at open, so a second
//   process (another window, a headless shell) gets STORE_FILE_IN_USE instead of writing behind
//   our change streams. RxDB runs with multiInstance: false, which relies on exactly this.
// - WAL journal: a commit is one append to the -wal file; a crash (kill -9) mid-transaction leaves
//   the uncommitted frames unreferenced, so the next open sees the last committed state.
// - synchronous=FULL by default: the WAL is fsynced on every commit, so a commit also survives a
//   power cut (NORMAL would survive kill -9 but may lose the last commits on power loss).
// - A file that is not a Porchlight store (garbage bytes, another app's SQLite file, a newer
//   format) is refused with a StoreError that names it; nothing is written to it.
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import Database from 'better-sqlite3';
import { Subject } from 'rxjs';
import type { EventBulk, RxDocumentData, RxStorageChangeEvent, RxStorageDefaultCheckpoint } from 'rxdb';
import { DocumentCache } from './document-cache.js';
import { GroupCommit } from './group-commit.js';
import { StoreError, explainSqliteError } from './errors.js';
import { TableStatements } from './table-statements.js';

export type SynchronousMode = 'FULL' | 'NORMAL';

export type ChangeBulk = EventBulk<RxStorageChangeEvent<RxDocumentData<unknown>>, RxStorageDefaultCheckpoint>;

/** "PLst": marks a SQLite file as a Porchlight store (PRAGMA application_id). */
const APPLICATION_ID = 0x504c5374;
/** Layout version of the file (PRAGMA user_version); bump with a migration when the layout changes. */
const FORMAT_VERSION = 1;
export const CATALOG_TABLE = 'porchlight_collections';

export interface StoreFile {
  readonly path: string;
  /** The mode document writes commit with. */
  readonly synchronous: SynchronousMode;
  readonly db: Database.Database;
  /** Change streams per collection table, shared by all instances of that table in this process. */
  readonly changes: Map<string, Subject<ChangeBulk>>;
  /** Parsed documents of every table of the file, see document-cache.ts. */
  readonly documents: DocumentCache;
  /** The writes of one turn of the event loop, committed together (group-commit.ts). */
  readonly group: GroupCommit;
  /** Prepared statements per table ('' for the catalog), see table-statements.ts. */
  readonly statements: Map<string, TableStatements>;
  refCount: number;
}

const OPEN_FILES = new Map<string, StoreFile>();

export interface StoreFileSettings {
  readonly synchronous: SynchronousMode;
  /** The document cache's budget in JSON characters; 0 for none. */
  readonly documentCache: number;
}

export function acquireStoreFile(path: string, settings: StoreFileSettings): StoreFile {
  const absolute = resolve(path);
  const open = OPEN_FILES.get(absolute);
  if (open) {
    open.refCount++;
    return open;
  }
  const db = openDatabase(absolute, settings.synchronous);
  const file: StoreFile = {
    path: absolute,
    synchronous: settings.synchronous,
    db,
    group: new GroupCommit(db),
    changes: new Map(),
    documents: new DocumentCache(settings.documentCache),
    statements: new Map(),
    refCount: 1,
  };
  OPEN_FILES.set(absolute, file);
  return file;
}

export function releaseStoreFile(file: StoreFile): void {
  file.refCount--;
  if (file.refCount > 0) {
    return;
  }
  OPEN_FILES.delete(file.path);
  file.group.flush();
  // close() checkpoints the WAL into the main file and removes the -wal file.
  file.db.close();
}

export function changesOf(file: StoreFile, table: string): Subject<ChangeBulk> {
  let subject = file.changes.get(table);
  if (!subject) {
    subject = new Subject<ChangeBulk>();
    file.changes.set(table, subject);
  }
  return subject;
}

export function statementsOf(file: StoreFile, table: string): TableStatements {
  let statements = file.statements.get(table);
  if (!statements) {
    statements = new TableStatements(file.db);
    file.statements.set(table, statements);
  }
  return statements;
}

/**
 * Copies the write-ahead log into the database and empties it: the log still holds the pages as
 * they were before a delete. Used after an erasure; a no-op when the file is not open here.
 */
export function scrubStoreFile(path: string): void {
  OPEN_FILES.get(resolve(path))?.db.pragma('wal_checkpoint(TRUNCATE)');
}

/** Forgets what this process keeps for a table that was just dropped. */
export function forgetTable(file: StoreFile, table: string): void {
  file.changes.delete(table);
  file.statements.delete(table);
  file.documents.forgetTable(table);
}

function openDatabase(path: string, synchronous: SynchronousMode): Database.Database {
  if (existsSync(path) && statSync(path).isDirectory()) {
    throw new StoreError(
      'STORE_OPEN_FAILED',
      path,
      `Cannot open the database at ${path}: it is a folder. Give the path of a file inside it, e.g. ${path}/porchlight.db.`,
    );
  }
  let db: Database.Database;
  try {
    db = new Database(path, { timeout: 1000 });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new StoreError(
      'STORE_OPEN_FAILED',
      path,
      `Cannot open the database file ${path} (${reason}). Check that its folder exists and is writable ` +
        'by this user, or choose another data folder.',
      { cause: error },
    );
  }
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    // Identify the file before anything writes to it: switching to WAL rewrites the header.
    const isNew = identify(db, path);
    const mode = db.pragma('journal_mode = WAL', { simple: true });
    if (mode !== 'wal') {
      throw new StoreError(
        'STORE_OPEN_FAILED',
        path,
        `The database file ${path} cannot use write-ahead logging (journal_mode=${String(mode)}). ` +
          'Put the data folder on a local disk (not a network share).',
      );
    }
    db.pragma(`synchronous = ${synchronous}`);
    db.pragma('cache_size = -32768');
    // Checkpoint every ~40 MB of log instead of SQLite's 4 MB: a batch of leads dirties pages
    // across all ten lead indexes, and checkpointing every few batches copied those pages back
    // into the file again and again (half the cost of an import). Durability is unchanged: each
    // commit is still synced to the log (synchronous mode), and close checkpoints the whole log.
    db.pragma('wal_autocheckpoint = 10000');
    db.pragma('temp_store = MEMORY');
    // Leads are personal data: deleted and overwritten content is zeroed in the file, so
    // erasing a person ("forget a person") leaves none of their bytes behind.
    db.pragma('secure_delete = ON');
    if (isNew) {
      db.exec(STAMP_NEW_FILE);
    }
    // Take the exclusive lock now, so a second process fails at open and not at its first write.
    db.exec('BEGIN IMMEDIATE; COMMIT');
    return db;
  } catch (error) {
    db.close();
    throw explainSqliteError(error, path, 'opening it');
  }
}

const STAMP_NEW_FILE = `
  PRAGMA application_id = ${APPLICATION_ID};
  PRAGMA user_version = ${FORMAT_VERSION};
  CREATE TABLE IF NOT EXISTS ${CATALOG_TABLE} (
    table_name TEXT PRIMARY KEY,
    database_name TEXT NOT NULL,
    collection_name TEXT NOT NULL,
    schema_version INTEGER NOT NULL,
    layout TEXT NOT NULL,
    UNIQUE (database_name, collection_name, schema_version)
  );`;

/** True for an empty file (to be stamped as ours); refuses anything that is not one of ours. */
function identify(db: Database.Database, path: string): boolean {
  const applicationId = Number(db.pragma('application_id', { simple: true }));
  const userVersion = Number(db.pragma('user_version', { simple: true }));
  const objectCount = Number(db.prepare('SELECT count(*) FROM sqlite_master').pluck().get());
  if (applicationId === 0 && objectCount === 0) {
    return true;
  }
  if (applicationId !== APPLICATION_ID) {
    throw new StoreError(
      'STORE_FILE_CORRUPT',
      path,
      `The file ${path} is a SQLite database of another application, not a Porchlight store. ` +
        'Nothing was changed in it. Choose another path, or move that file aside.',
    );
  }
  if (userVersion > FORMAT_VERSION) {
    throw new StoreError(
      'STORE_OPEN_FAILED',
      path,
      `The database file ${path} was written by a newer Porchlight (store format ${userVersion}, ` +
        `this version reads ${FORMAT_VERSION}). Update Porchlight to open it; nothing was changed.`,
    );
  }
  return false;
}
