// Opens Porchlight's RxDB database on a given storage and adds every collection.
// The main process is the only writer (multiInstance: false); callers close it on exit.
// A schema that changed without a version bump (RxDB's DB6) is reported as STORE_SCHEMA_CHANGED
// naming the file, like the store's own open errors.
import type { RxStorage } from 'rxdb';
import { addRxPlugin, createRxDatabase } from 'rxdb';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { RxDBUpdatePlugin } from 'rxdb/plugins/update';
import type { PorchlightCollections, PorchlightDatabase } from './collections';
import { collectionDefinitions } from './collections';
import { explainOpenError } from './sqlite/open-errors';

addRxPlugin(RxDBMigrationSchemaPlugin);
addRxPlugin(RxDBUpdatePlugin);

export interface OpenDatabaseOptions {
  /** Any RxStorage: the SQLite storage in the shells, the memory storage in tests. */
  storage: RxStorage<unknown, unknown>;
  /** RxDB's database name: just a name. With the SQLite storage the file is the storage's `path`. */
  name: string;
  /** The storage's file, if it has one; used only to name it in error messages. */
  path?: string;
}

export async function openPorchlightDatabase(options: OpenDatabaseOptions): Promise<PorchlightDatabase> {
  const db = await createRxDatabase<PorchlightCollections>({
    name: options.name,
    storage: options.storage,
    multiInstance: false,
    // The grid shows totals for filtered, searched views; our storage counts those in SQL.
    allowSlowCount: true,
    eventReduce: true,
    closeDuplicates: true,
  });
  try {
    await db.addCollections(collectionDefinitions);
  } catch (error) {
    await db.close();
    throw options.path === undefined ? error : explainOpenError(error, options.path);
  }
  return db;
}
