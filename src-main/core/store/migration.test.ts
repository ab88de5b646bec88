// The migration path a future schema change takes: bump the version in collections.ts, add
// the strategy; documents written under the old version are migrated on open.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRxDatabase, type RxCollection, type RxJsonSchema } from 'rxdb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Lead } from '../../../src-shared/domain';
import { makeLead } from '../../../src-shared/scoring/test-fixtures';
import { collectionDefinitions } from './collections';
import { openPorchlightDatabase } from './database';
import { getRxStorageSqlite } from './sqlite';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'porchlight-migration-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const lead = makeLead({ firstName: 'Grace', lastName: 'Hopper', nameKey: 'grace hopper' });

describe('schema migrations', () => {
  it('migrates documents stored under an earlier schema version when the database opens', async () => {
    const path = join(dir, 'porchlight.sqlite');
    const first = await openPorchlightDatabase({ storage: getRxStorageSqlite({ path }), name: 'porchlight' });
    await first.leads.insert(lead);
    await first.close();

    const v0 = collectionDefinitions.leads.schema;
    const v1 = {
      ...v0,
      version: v0.version + 1,
      properties: { ...v0.properties, nickname: { type: 'string', maxLength: 100 } },
    } as RxJsonSchema<Lead & { nickname: string }>;
    const second = await createRxDatabase<{ leads: RxCollection<Lead & { nickname: string }> }>({
      name: 'porchlight',
      storage: getRxStorageSqlite({ path }),
      multiInstance: false,
    });
    try {
      await second.addCollections({
        leads: {
          schema: v1,
          migrationStrategies: {
            ...collectionDefinitions.leads.migrationStrategies,
            [v0.version + 1]: (doc: Lead) => ({ ...doc, nickname: doc.firstName.slice(0, 3) }),
          },
        },
      });
      const migrated: unknown = (await second.leads.findOne('lead-1').exec())?.toJSON();
      expect(migrated).toMatchObject({ firstName: 'Grace', nickname: 'Gra' });
    } finally {
      await second.close();
    }
  });
});
