// RxDB's own replication base suite (rxdb/plugins/test-utils) against the sync server and the
// shared client handlers, on the SQLite and PostgreSQL backends. The suite's humans replicate
// as a team-scope collection; the client side is RxDB's memory storage.
import { afterAll, beforeAll, describe, it } from 'vitest';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { runReplicationBaseTestSuite, setConfig } from 'rxdb/plugins/test-utils';
import { addRxPlugin, type RxCollection } from 'rxdb';
import { RxDBDevModePlugin, disableWarnings } from 'rxdb/plugins/dev-mode';
import { RxDBLocalDocumentsPlugin } from 'rxdb/plugins/local-documents';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { humanCollection, inProcessFetch, createTeam, testApp, type TeamSessions } from './harness';
import { replicateToServer, syncOnce, type ReplicationTarget } from './rxdb-client';
import { serverBackends, stopSharedPostgres } from './backends';

// humansCollection.create() opens databases with ignoreDuplicate (dev-mode) and local documents.
disableWarnings();
addRxPlugin(RxDBDevModePlugin);
addRxPlugin(RxDBLocalDocumentsPlugin);
// The suite is written for mocha's globals.
Object.assign(globalThis, { describe, it });
setConfig({
  storage: {
    name: 'memory',
    getStorage: () => wrappedValidateAjvStorage({ storage: getRxStorageMemory() }),
    getPerformanceStorage: () => ({ storage: getRxStorageMemory(), description: 'memory' }),
    hasPersistence: false,
    hasMultiInstance: false,
    hasAttachments: false,
    hasReplication: true,
  },
});

afterAll(() => stopSharedPostgres());

for (const backend of serverBackends()) {
  describe.skipIf(!backend.available)(
    `RxDB replication base suite on the ${backend.name} sync server`,
    () => {
      let close: () => Promise<void> = () => Promise.resolve();
      let team: TeamSessions;
      let target: ReplicationTarget;
      let storage: Awaited<ReturnType<typeof backend.create>>['storage'];

      beforeAll(async () => {
        const made = await backend.create();
        storage = made.storage;
        close = () => made.dispose();
        const test = testApp(storage, undefined, { collections: [humanCollection] });
        team = await createTeam(test);
        target = {
          baseUrl: 'http://sync.test',
          fetch: inProcessFetch(test.app),
          accessToken: () => Promise.resolve(team.admin.accessToken),
        };
      });
      afterAll(async () => close());

      runReplicationBaseTestSuite({
        startReplication: (collection: RxCollection) =>
          replicateToServer(collection, target, { live: true, serverCollection: 'human' }),
        syncOnce: (collection: RxCollection) => syncOnce(collection, target),
        getAllServerDocs: async () =>
          (await storage.changesSince(team.teamId, 'human', 0, 100_000, null)).map((row) => row.doc),
        cleanUpServer: async () => {
          const all = await storage.changesSince(team.teamId, 'human', 0, 100_000, null);
          await storage.deleteDocuments(
            team.teamId,
            'human',
            all.map((row) => row.id),
          );
        },
        softDeletes: true,
        isDeleted: (doc: { _deleted?: boolean }) => doc._deleted === true,
        getPrimaryOfServerDoc: (doc: { passportId: string }) => doc.passportId,
      });
    },
  );
}
