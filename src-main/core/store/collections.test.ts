import { checkSchema } from 'rxdb/plugins/dev-mode';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { describe, expect, it } from 'vitest';
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
      await db.leads.insert({
        id: 'lead-1',
        teamId: 'team',
        ownerId: 'agent',
        updatedAt: 1,
        firstName: 'Ada',
        lastName: 'Lovelace',
        nameKey: 'ada lovelace',
        timeZone: 'America/New_York',
        timeZoneSource: 'given',
        stage: 'new',
        source: 'website',
        intent: 'buy',
        score: 50,
        temperature: 'warm',
        tags: [],
        consent: { sms: 'unknown', whatsapp: 'unknown', email: 'unknown' },
        createdAt: 1,
        lastContactAt: 0,
        deletedAt: 0,
        demo: false,
      });
      const found = await db.leads.findOne('lead-1').exec();
      expect(found?.firstName).toBe('Ada');
    } finally {
      await db.close();
    }
  });
});
