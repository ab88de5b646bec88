// Query rules every Porchlight storage must follow (ids SQ1..), written once and run against
// RxDB's memory storage and against ours (cases in query-cases.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  asStored,
  findIds,
  leadData,
  openLeads,
  prepare,
  type LeadInstance,
  type LeadQuery,
  type StorageUnderTest,
} from './fixtures.js';
import { QUERY_CASES, compareBy, live, type QueryCase, type Stored } from './query-cases.js';

const LIVE = 60;
const DELETED = 6;

function expectedIds(all: Stored[], c: QueryCase): string[] {
  const sorted = all.filter(c.matches).sort(compareBy(c.sort ?? []));
  const skip = c.skip ?? 0;
  return sorted.slice(skip, c.limit === undefined ? undefined : skip + c.limit).map((l) => l.id);
}

export function registerQueryContractTests(make: () => StorageUnderTest): void {
  const under = make();
  describe(`query contract on ${under.name}`, () => {
    let instance: LeadInstance;
    const all: Stored[] = [];

    beforeAll(async () => {
      instance = await openLeads(under.storage());
      for (let i = 0; i < LIVE + DELETED; i++) {
        all.push(asStored(leadData(i), '1-a', i >= LIVE));
      }
      const result = await instance.bulkWrite(
        all.map((document) => ({ document })),
        'query-contract',
      );
      expect(result.error).toEqual([]);
    });
    afterAll(async () => {
      await instance.close();
      under.dispose();
    });

    for (const c of QUERY_CASES) {
      it(`${c.id} ${c.title}`, async () => {
        const sort = (c.sort ?? []).map(([path, direction]) => ({ [path]: direction }));
        const query: LeadQuery = { selector: c.selector, sort: sort };
        if (c.skip !== undefined) query.skip = c.skip;
        if (c.limit !== undefined) query.limit = c.limit;
        expect(await findIds(instance, query)).toEqual(expectedIds(all, c));
      });
    }

    it('SQ40 count with a selector the index satisfies, and with one it does not', async () => {
      const won = await instance.count(prepare({ selector: { _deleted: false, stage: 'won' } }));
      expect(won.count).toBe(all.filter((l) => live(l) && l.stage === 'won').length);
      const sized = await instance.count(prepare({ selector: { _deleted: false, tags: { $size: 1 } } }));
      expect(sized.count).toBe(all.filter((l) => live(l) && l.tags.length === 1).length);
    });

    it('SQ41 findDocumentsById returns deleted documents only when asked', async () => {
      const ids = ['lead-000', `lead-0${LIVE}`, 'missing'];
      const withoutDeleted = await instance.findDocumentsById(ids, false);
      expect(withoutDeleted.map((d) => d.id)).toEqual(['lead-000']);
      const withDeleted = await instance.findDocumentsById(ids, true);
      expect(withDeleted.map((d) => d.id).sort()).toEqual(['lead-000', `lead-0${LIVE}`]);
      expect(withDeleted.find((d) => d.id === 'lead-000')).toEqual(all[0]);
    });
  });
}
