// Query rules every Porchlight storage must follow (ids SQ1..), written once and run against
// RxDB's memory storage and against ours. Each case states its expectation as a plain filter and
// sort over the data set, so a case that passes on memory states RxDB's behaviour, not ours.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MangoQuery, RxDocumentData } from 'rxdb';
import {
  asStored,
  findIds,
  leadData,
  openLeads,
  prepare,
  type Lead,
  type LeadInstance,
  type StorageUnderTest,
} from './fixtures.js';

type Stored = RxDocumentData<Lead>;
type SortSpec = [path: string, direction: 'asc' | 'desc'][];

interface QueryCase {
  readonly id: string;
  readonly title: string;
  readonly selector: MangoQuery<Lead>['selector'];
  readonly matches: (lead: Stored) => boolean;
  readonly sort?: SortSpec;
  readonly skip?: number;
  readonly limit?: number;
}

const LIVE = 60;
const DELETED = 6;

function valueAt(doc: Stored, path: string): unknown {
  return path.split('.').reduce<unknown>((v, key) => (v as Record<string, unknown> | undefined)?.[key], doc);
}

/** RxDB's order: the given fields, then the primary key ascending; absent values first. */
function compareBy(sort: SortSpec) {
  const full: SortSpec = [...sort, ['id', 'asc']];
  return (a: Stored, b: Stored): number => {
    for (const [path, direction] of full) {
      const va = valueAt(a, path) as string | number | boolean | undefined;
      const vb = valueAt(b, path) as string | number | boolean | undefined;
      if (va === vb) continue;
      const less = va === undefined || (vb !== undefined && va < vb);
      return (less ? -1 : 1) * (direction === 'asc' ? 1 : -1);
    }
    return 0;
  };
}

const live = (l: Stored): boolean => !l._deleted;

export const QUERY_CASES: readonly QueryCase[] = [
  {
    id: 'SQ1',
    title: '$eq',
    selector: { _deleted: false, stage: 'won' },
    matches: (l) => live(l) && l.stage === 'won',
  },
  {
    id: 'SQ2',
    title: '$ne',
    selector: { _deleted: false, stage: { $ne: 'won' } },
    matches: (l) => live(l) && l.stage !== 'won',
  },
  {
    id: 'SQ3',
    title: '$gt',
    selector: { _deleted: false, score: { $gt: 40 } },
    matches: (l) => live(l) && l.score > 40,
  },
  {
    id: 'SQ4',
    title: '$gte and $lt',
    selector: { _deleted: false, score: { $gte: 20, $lt: 30 } },
    matches: (l) => live(l) && l.score >= 20 && l.score < 30,
  },
  {
    id: 'SQ5',
    title: '$lte',
    selector: { _deleted: false, price: { $lte: 100_300 } },
    matches: (l) => live(l) && l.price <= 100_300,
  },
  {
    id: 'SQ6',
    title: '$gt on strings beyond the BMP',
    selector: { _deleted: false, name: { $gt: 'Zed' } },
    matches: (l) => live(l) && l.name > 'Zed',
    sort: [['name', 'asc']],
  },
  {
    id: 'SQ7',
    title: '$lt against private-use characters',
    selector: { _deleted: false, name: { $lt: '\uE000' } },
    matches: (l) => live(l) && l.name < '\uE000',
  },
  {
    id: 'SQ8',
    title: '$in',
    selector: { _deleted: false, stage: { $in: ['new', 'lost'] } },
    matches: (l) => live(l) && ['new', 'lost'].includes(l.stage),
  },
  {
    id: 'SQ9',
    title: '$in on numbers',
    selector: { _deleted: false, score: { $in: [3, 17, 40] } },
    matches: (l) => live(l) && [3, 17, 40].includes(l.score),
  },
  {
    id: 'SQ10',
    title: '$nin',
    selector: { _deleted: false, stage: { $nin: ['new', 'lost'] } },
    matches: (l) => live(l) && !['new', 'lost'].includes(l.stage),
  },
  {
    id: 'SQ11',
    title: '$exists true',
    selector: { _deleted: false, city: { $exists: true } },
    matches: (l) => live(l) && l.city !== undefined,
  },
  {
    id: 'SQ12',
    title: '$exists false',
    selector: { _deleted: false, city: { $exists: false } },
    matches: (l) => live(l) && l.city === undefined,
  },
  {
    id: 'SQ13',
    title: '$regex',
    selector: { _deleted: false, name: { $regex: '^A' } },
    matches: (l) => live(l) && /^A/.test(l.name),
  },
  {
    id: 'SQ14',
    title: '$regex with $options',
    selector: { _deleted: false, name: { $regex: '^a', $options: 'i' } },
    matches: (l) => live(l) && /^a/i.test(l.name),
  },
  {
    id: 'SQ15',
    title: '$and',
    selector: { _deleted: false, $and: [{ score: { $gt: 10 } }, { hot: true }] },
    matches: (l) => live(l) && l.score > 10 && l.hot,
  },
  {
    id: 'SQ16',
    title: '$or',
    selector: { _deleted: false, $or: [{ stage: 'won' }, { score: { $lt: 10 } }] },
    matches: (l) => live(l) && (l.stage === 'won' || l.score < 10),
  },
  {
    id: 'SQ17',
    title: '$not',
    selector: { _deleted: false, score: { $not: { $gt: 25 } } },
    matches: (l) => live(l) && !(l.score > 25),
  },
  {
    id: 'SQ18',
    title: '$nor',
    selector: { _deleted: false, $nor: [{ hot: true }, { stage: 'new' }] },
    matches: (l) => live(l) && !l.hot && l.stage !== 'new',
  },
  {
    id: 'SQ19',
    title: '$elemMatch',
    selector: { _deleted: false, tags: { $elemMatch: { $eq: 'cash' } } },
    matches: (l) => live(l) && l.tags.includes('cash'),
  },
  {
    id: 'SQ20',
    title: '$size',
    selector: { _deleted: false, tags: { $size: 2 } },
    matches: (l) => live(l) && l.tags.length === 2,
  },
  {
    id: 'SQ21',
    title: '$mod',
    selector: { _deleted: false, score: { $mod: [7, 0] } },
    matches: (l) => live(l) && l.score % 7 === 0,
  },
  {
    id: 'SQ22',
    title: 'nested field',
    selector: { _deleted: false, 'contact.visits': { $gte: 3 } },
    matches: (l) => live(l) && l.contact.visits >= 3,
  },
  {
    id: 'SQ23',
    title: 'deleted documents match a selector that does not exclude them',
    selector: { stage: 'won' },
    matches: (l) => l.stage === 'won',
  },
  { id: 'SQ24', title: 'only deleted documents', selector: { _deleted: true }, matches: (l) => l._deleted },
  {
    id: 'SQ25',
    title: 'stage = new by score desc, limit (index scanned backwards)',
    selector: { _deleted: false, stage: 'new' },
    matches: (l) => live(l) && l.stage === 'new',
    sort: [['score', 'desc']],
    limit: 5,
  },
  {
    id: 'SQ26',
    title: 'sort on several fields and directions',
    selector: { _deleted: false },
    matches: live,
    sort: [
      ['hot', 'asc'],
      ['score', 'desc'],
      ['name', 'asc'],
    ],
  },
  {
    id: 'SQ27',
    title: 'sort by a string index, emoji included',
    selector: { _deleted: false },
    matches: live,
    sort: [['name', 'asc']],
  },
  {
    id: 'SQ28',
    title: 'sort desc then asc',
    selector: { _deleted: false },
    matches: live,
    sort: [
      ['name', 'desc'],
      ['score', 'asc'],
    ],
  },
  {
    id: 'SQ29',
    title: 'skip and limit on an index-ordered query',
    selector: { _deleted: false, stage: 'new' },
    matches: (l) => live(l) && l.stage === 'new',
    sort: [['score', 'asc']],
    skip: 3,
    limit: 4,
  },
  {
    id: 'SQ30',
    title: 'skip and limit with a matcher',
    selector: { _deleted: false, tags: { $size: 1 } },
    matches: (l) => live(l) && l.tags.length === 1,
    sort: [['price', 'asc']],
    skip: 2,
    limit: 3,
  },
  {
    id: 'SQ31',
    title: 'ties on a descending boolean, limit',
    selector: { _deleted: false },
    matches: live,
    sort: [['hot', 'desc']],
    limit: 3,
    skip: 1,
  },
  {
    id: 'SQ32',
    title: 'sort on a nested field that is not indexed',
    selector: { _deleted: false },
    matches: live,
    sort: [
      ['contact.visits', 'desc'],
      ['id', 'desc'],
    ],
    limit: 10,
  },
  {
    id: 'SQ33',
    title: 'limit 0 returns nothing',
    selector: { _deleted: false },
    matches: () => false,
    limit: 0,
  },
  { id: 'SQ34', title: 'skip past the end', selector: { _deleted: false }, matches: live, skip: 1000 },
];

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
        const query: MangoQuery<Lead> = { selector: c.selector, sort: sort };
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
