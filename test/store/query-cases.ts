// The query cases of the contract (ids SQ1..SQ35): each states its expectation as a plain filter
// and sort over the data set, so a case that passes on RxDB's memory storage states RxDB's
// behaviour. Strings include emoji, private-use and control characters on purpose.
import type { RxDocumentData } from 'rxdb';
import type { Lead, LeadQuery } from './fixtures.js';

export type Stored = RxDocumentData<Lead>;
export type SortSpec = [path: string, direction: 'asc' | 'desc'][];

export interface QueryCase {
  readonly id: string;
  readonly title: string;
  readonly selector: NonNullable<LeadQuery['selector']>;
  readonly matches: (lead: Stored) => boolean;
  readonly sort?: SortSpec;
  readonly skip?: number;
  readonly limit?: number;
}

function valueAt(doc: Stored, path: string): unknown {
  return path.split('.').reduce<unknown>((v, key) => (v as Record<string, unknown> | undefined)?.[key], doc);
}

/** RxDB's order: the given fields, then the primary key ascending; absent values first. */
export function compareBy(sort: SortSpec) {
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

export const live = (l: Stored): boolean => !l._deleted;

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
  {
    id: 'SQ35',
    title: 'skip without a limit on an index-ordered query',
    selector: { _deleted: false },
    matches: live,
    sort: [['name', 'asc']],
    skip: 2,
  },
];
