// Opens Porchlight's RxDB database on a given storage and adds every collection.
// The main process is the only writer (multiInstance: false); callers close it on exit.
import type { RxStorage } from 'rxdb';
import { addRxPlugin, createRxDatabase } from 'rxdb';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { RxDBUpdatePlugin } from 'rxdb/plugins/update';
import type { PorchlightCollections, PorchlightDatabase } from './collections';
import { collectionDefinitions } from './collections';

addRxPlugin(RxDBMigrationSchemaPlugin);
addRxPlugin(RxDBUpdatePlugin);

export interface OpenDatabaseOptions {
  /** Any RxStorage: the SQLite storage in the shells, the memory storage in tests. */
  storage: RxStorage<unknown, unknown>;
  /** Database name; with the SQLite storage it is the file's path. */
  name: string;
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
    throw error;
  }
  return db;
}
