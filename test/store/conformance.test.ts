// The store's conformance suite: the same contract runs against RxDB's memory storage (the
// reference) and against Porchlight's SQLite storage, so the expectations are RxDB's.
import { describe, expect, it } from 'vitest';
import { addRxPlugin } from 'rxdb';
import { RxDBDevModePlugin, disableWarnings } from 'rxdb/plugins/dev-mode';
import { RxDBLocalDocumentsPlugin } from 'rxdb/plugins/local-documents';
import { humansCollection } from 'rxdb/plugins/test-utils';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { STORAGES } from './fixtures.js';
import { registerQueryContractTests } from './query-contract.js';
import { registerStorageContractTests } from './storage-contract.js';

// humansCollection.create() opens its database with localDocuments and ignoreDuplicate (dev-mode
// only); dev-mode also deep-freezes what the storage returns and checks every query.
disableWarnings();
addRxPlugin(RxDBDevModePlugin);
addRxPlugin(RxDBLocalDocumentsPlugin);

for (const make of STORAGES) {
  registerStorageContractTests(make);
  registerQueryContractTests(make);

  const under = make();
  describe(`RxDatabase on ${under.name}`, () => {
    it('SD1 RxDB collections work end to end (test-utils humansCollection)', async () => {
      const humans = await humansCollection.create(
        30,
        'human',
        false,
        true,
        wrappedValidateAjvStorage({ storage: under.storage() }),
      );
      try {
        const all = await humans.find().exec();
        expect(all).toHaveLength(30);
        const byAge = await humans.find({ sort: [{ age: 'desc' }, { passportId: 'asc' }] }).exec();
        const ages = byAge.map((d) => d.age ?? 0);
        expect(ages).toEqual([...ages].sort((a, b) => b - a));
        const first = all[0];
        expect(first).toBeDefined();
        if (first) {
          await first.incrementalPatch({ firstName: 'Changed' });
          expect((await humans.findOne(first.passportId).exec())?.firstName).toBe('Changed');
          await first.getLatest().remove();
          expect(await humans.count().exec()).toBe(29);
        }
        const found = await humans.findByIds(all.slice(1, 4).map((d) => d.passportId)).exec();
        expect(found.size).toBe(3);
      } finally {
        await humans.database.remove();
        under.dispose();
      }
    });
  });
}
