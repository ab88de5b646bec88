// Which storage the server runs on: PostgreSQL when DATABASE_URL names one, else the SQLite
// file `sync.sqlite` in the data folder.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ServerStorage } from './server-storage';
import { SqliteServerStorage } from './sqlite-storage';

export const SQLITE_FILE = 'sync.sqlite';

export async function openStorage(options: {
  dataDir?: string | undefined;
  databaseUrl?: string | undefined;
}): Promise<ServerStorage> {
  let storage: ServerStorage;
  if (options.databaseUrl !== undefined && options.databaseUrl !== '') {
    const { PostgresServerStorage } = await import('./postgres-storage');
    storage = new PostgresServerStorage(options.databaseUrl);
  } else {
    if (options.dataDir === undefined)
      throw new Error('Say where the data lives: --data DIR (or set DATABASE_URL=postgres://…).');
    mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
    storage = new SqliteServerStorage(join(options.dataDir, SQLITE_FILE));
  }
  await storage.migrate();
  return storage;
}
