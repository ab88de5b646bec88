import { checkSchema } from 'rxdb/plugins/dev-mode';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { describe, expect, it } from 'vitest';
import { makeLead } from '../../../src-shared/scoring/test-fixtures';
import { collectionDefinitions } from './collections';
import { openPorchlightDatabase } from './database';

describe('collection schemas', () => {
  it.each(Object.entries(collectionDefinitions))('%s passes RxDB schema checks', (_name, definition) => {
    expect(() => checkSchema(definition.schema)).not.toThrow();
    expect(definition.schema.primaryKey).toBe('id');
  });

  it('opens a database with every collection and stores a lead', async () => {
    const db = await openPorchlightDatabase({ storage: getRxStorageMemory(), name: `schemas${Date.now()}` });
    try {
      expect(Object.keys(db.collections).sort()).toEqual(Object.keys(collectionDefinitions).sort());
      await db.leads.insert(makeLead({ id: 'lead-1', firstName: 'Ada' }));
      const found = await db.leads.findOne('lead-1').exec();
      expect(found?.firstName).toBe('Ada');
    } finally {
      await db.close();
    }
  });
});
