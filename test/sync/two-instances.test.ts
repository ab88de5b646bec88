// Two sync server instances on one PostgreSQL: a desktop replicating with each; an edit on one
// desktop reaches the other through the other instance (LISTEN/NOTIFY feeds its live stream).
import { afterAll, describe, expect, it } from 'vitest';
import { firstValueFrom, filter } from 'rxjs';
import { addRxPlugin, createRxDatabase, type RxCollection } from 'rxdb';
import { RxDBDevModePlugin, disableWarnings } from 'rxdb/plugins/dev-mode';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import type { Lead } from '../../src-shared/domain';
import { TEAM_POOL_OWNER_ID } from '../../src-shared/sync';
import { collectionDefinitions } from '../../src-main/core/store/collections';
import { postgresAvailable } from '../support/postgres';
import { postgresStorage, stopSharedPostgres } from './backends';
import { leadDoc } from './documents';
import { createTeam, inProcessFetch, testApp } from './harness';
import { replicateToServer } from './rxdb-client';
import { PostgresServerStorage } from '../../src-sync/storage/postgres-storage';

disableWarnings();
addRxPlugin(RxDBDevModePlugin);
addRxPlugin(RxDBMigrationSchemaPlugin);
afterAll(() => stopSharedPostgres());

async function leadsReplica(): Promise<RxCollection<Lead>> {
  const db = await createRxDatabase({
    name: `replica${Math.random().toString(36).slice(2)}`,
    storage: wrappedValidateAjvStorage({ storage: getRxStorageMemory() }),
  });
  const { leads } = await db.addCollections({ leads: collectionDefinitions.leads });
  return leads as RxCollection<Lead>;
}

describe.skipIf(!postgresAvailable())('two server instances on one PostgreSQL', () => {
  it('an edit on a desktop of instance A shows on a desktop of instance B', async () => {
    const first = await postgresStorage();
    const second = new PostgresServerStorage(first.url);
    await second.migrate();
    const instanceA = testApp(first.storage);
    const instanceB = testApp(second);
    const team = await createTeam(instanceA);
    const target = (app: typeof instanceA) => ({
      baseUrl: 'http://sync.test',
      fetch: inProcessFetch(app.app),
      accessToken: () => Promise.resolve(team.admin.accessToken),
    });
    const desktopA = await leadsReplica();
    const desktopB = await leadsReplica();
    const replicationA = replicateToServer(desktopA, target(instanceA), { live: true });
    const replicationB = replicateToServer(desktopB, target(instanceB), { live: true });
    await Promise.all([replicationA.awaitInitialReplication(), replicationB.awaitInitialReplication()]);

    const seen = firstValueFrom(
      desktopB.findOne('lead-1').$.pipe(filter((doc) => doc?.stage === 'qualified')),
    );
    await desktopA.insert(leadDoc(team.teamId, TEAM_POOL_OWNER_ID, 'lead-1', { stage: 'qualified' }));
    // No resync, no polling: B's live stream hears of A's commit through NOTIFY.
    expect((await seen)?.firstName).toBe('Maria');

    const renamed = firstValueFrom(
      desktopA.findOne('lead-1').$.pipe(filter((doc) => doc?.firstName === 'Mariana')),
    );
    await (
      await desktopB.findOne('lead-1').exec(true)
    ).incrementalPatch({ firstName: 'Mariana', updatedAt: 5000 });
    expect((await renamed)?.stage).toBe('qualified');

    await Promise.all([replicationA.cancel(), replicationB.cancel()]);
    await Promise.all([desktopA.database.close(), desktopB.database.close()]);
    await Promise.all([first.storage.close(), second.close()]);
  });
});
