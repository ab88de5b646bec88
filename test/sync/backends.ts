// The sync server's storage backends under test: SQLite in a temporary folder always, and
// PostgreSQL when its binaries are installed (test/sync/postgres-server.ts starts one).
import type { ServerStorage } from '../../src-sync/storage/server-storage';
import { PostgresServerStorage } from '../../src-sync/storage/postgres-storage';
import { postgresAvailable, startPostgres, type TestPostgres } from '../support/postgres';
import { sqliteStorage, tempDir } from './harness';

// One PostgreSQL server per test file, started on first use; each storage gets its own database.
let server: Promise<TestPostgres> | undefined;
let databases = 0;

export function sharedPostgres(): Promise<TestPostgres> {
  server ??= startPostgres();
  return server;
}

/** Stops the file's PostgreSQL, if one was started (call in afterAll). */
export async function stopSharedPostgres(): Promise<void> {
  const started = server;
  server = undefined;
  if (started !== undefined) await (await started).stop();
}

export async function postgresStorage(): Promise<{ storage: PostgresServerStorage; url: string }> {
  databases += 1;
  const url = await (await sharedPostgres()).createDatabase(`sync_${process.pid}_${databases}`);
  const storage = new PostgresServerStorage(url);
  await storage.migrate();
  return { storage, url };
}

export interface ServerBackend {
  name: 'SQLite' | 'PostgreSQL';
  available: boolean;
  create: () => Promise<{ storage: ServerStorage; dispose: () => Promise<void> }>;
}

export function serverBackends(): ServerBackend[] {
  return [
    {
      name: 'SQLite',
      available: true,
      create: async () => {
        const dir = tempDir();
        const storage = await sqliteStorage(dir.path);
        return { storage, dispose: async () => (await storage.close(), dir.remove()) };
      },
    },
    {
      name: 'PostgreSQL',
      available: postgresAvailable(),
      create: async () => {
        const { storage } = await postgresStorage();
        return { storage, dispose: () => storage.close() };
      },
    },
  ];
}
