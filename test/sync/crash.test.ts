// kill -9 of the sync server in the middle of a 10,000-document push: after a restart the
// desktop's replication carries on, and the server holds each document exactly once, as the
// desktop has it (acknowledged pushes were durable; unacknowledged ones are pushed again).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { firstValueFrom, filter, scan } from 'rxjs';
import { addRxPlugin, createRxDatabase, type RxCollection } from 'rxdb';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import type { Lead } from '../../src-shared/domain';
import type { PullResponse, SessionResponse } from '../../src-shared/sync';
import { collectionDefinitions } from '../../src-main/core/store/collections';
import { createTeamWithAdmin } from '../../src-sync/accounts/team';
import { SqliteServerStorage } from '../../src-sync/storage/sqlite-storage';
import { startSyncServerProcess } from '../support/sync-server-process';
import { freePort } from '../support/postgres';
import { leadDoc } from './documents';
import { tempDir } from './harness';
import { systemClock } from '../../src-sync/context';
import { replicateToServer } from './rxdb-client';

addRxPlugin(RxDBMigrationSchemaPlugin);
const COUNT = Number(process.env.CRASH_COUNT ?? 10_000);

describe('kill -9 of the sync server during a push', () => {
  it('loses nothing and duplicates nothing after the restart', async () => {
    const dir = tempDir();
    const setup = new SqliteServerStorage(join(dir.path, 'sync.sqlite'));
    await setup.migrate();
    const created = await createTeamWithAdmin(setup, systemClock, {
      teamName: 'Lakeside Realty',
      adminEmail: 'jane@example.com',
    });
    await setup.close();

    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    let server = await startSyncServerProcess(dir.path, port);
    try {
      const redeemed = await fetch(`${baseUrl}/auth/redeem`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          email: 'jane@example.com',
          code: created.code,
          password: 'correct horse battery',
        }),
      });
      expect(redeemed.status).toBe(200);
      const session = (await redeemed.json()) as SessionResponse;

      const db = await createRxDatabase({ name: `desktop${Date.now()}`, storage: getRxStorageMemory() });
      const { leads } = await db.addCollections<{ leads: RxCollection<Lead> }>({
        leads: collectionDefinitions.leads,
      });
      await leads.bulkInsert(
        Array.from({ length: COUNT }, (_, i) =>
          // The admin's own leads: pool leads would be routed by the server (0901), which moves
          // their owner and time; this test is about the push surviving the kill.
          leadDoc(created.teamId, created.admin.id, `lead-${i}`, { updatedAt: 1000 + i }),
        ),
      );

      const replication = replicateToServer(
        leads,
        { baseUrl, fetch, accessToken: () => Promise.resolve(session.accessToken) },
        { live: true },
      );
      const sentCount = replication.sent$.pipe(scan((total) => total + 1, 0));
      await firstValueFrom(sentCount.pipe(filter((total) => total >= 3000)));
      await server.kill();

      server = await startSyncServerProcess(dir.path, port);
      await replication.awaitInSync();

      const ids = new Set<string>();
      let rows = 0;
      for (let seq = 0; ;) {
        const page = (await (
          await fetch(`${baseUrl}/sync/leads/pull?seq=${seq}&limit=1000`, {
            headers: { authorization: `Bearer ${session.accessToken}` },
          })
        ).json()) as PullResponse;
        if (page.documents.length === 0) break;
        for (const doc of page.documents) {
          rows += 1;
          ids.add(String(doc.id));
          expect(doc.updatedAt).toBe(1000 + Number(String(doc.id).slice(5)));
        }
        seq = page.checkpoint.seq;
      }
      expect(rows).toBe(COUNT);
      expect(ids.size).toBe(COUNT);

      await replication.cancel();
      await db.close();
    } finally {
      await server.stop();
      dir.remove();
    }
  }, 240_000);
});
