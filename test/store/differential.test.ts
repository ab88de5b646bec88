// Differential check of the query engine: random selectors, sorts, skips and limits run on
// RxDB's memory storage and on the SQLite storage over the same documents must give the same
// ids in the same order, and the same counts. This reaches plan shapes the listed cases do not.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MangoQuerySelector, RxDocumentData } from 'rxdb';
import {
  asStored,
  findIds,
  leadData,
  memoryStorage,
  openLeads,
  prepare,
  sqliteStorage,
  type Lead,
  type LeadInstance,
  type LeadQuery,
  type StorageUnderTest,
} from './fixtures.js';

type Selector = MangoQuerySelector<RxDocumentData<Lead>>;

const NAMES = [
  'Ann',
  'ann',
  'bob',
  'Zed',
  'Émile',
  '😀 Zoë',
  '\uE000 private',
  '中文',
  'tab\tname',
  '',
  'a ',
  'a \u0001',
];
const name = fc.constantFrom(...NAMES);
const score = fc.integer({ min: -5, max: 60 });
const stage = fc.constantFrom('new', 'contacted', 'won', 'lost');

const condition = fc.oneof<fc.Arbitrary<Selector>[]>(
  stage.map((v) => ({ stage: v })),
  fc.array(stage, { minLength: 1, maxLength: 3 }).map((v) => ({ stage: { $in: v } })),
  fc.array(stage, { minLength: 1, maxLength: 2 }).map((v) => ({ stage: { $nin: v } })),
  fc.tuple(fc.constantFrom('$gt', '$gte', '$lt', '$lte', '$eq', '$ne'), score).map(([op, v]) => ({
    score: { [op]: v },
  })),
  fc.tuple(score, score).map(([a, b]) => ({ score: { $gte: Math.min(a, b), $lte: Math.max(a, b) } })),
  fc.array(score, { minLength: 1, maxLength: 4 }).map((v) => ({ score: { $in: v } })),
  fc
    .tuple(fc.constantFrom('$gt', '$lt', '$gte', '$lte', '$eq'), name)
    .map(([op, v]) => ({ name: { [op]: v } })),
  fc.integer({ min: 100_000, max: 101_000 }).map((v) => ({ price: { $lt: v } })),
  fc.boolean().map((v) => ({ hot: v })),
  fc.boolean().map((v) => ({ city: { $exists: v } })),
  fc.integer({ min: 0, max: 3 }).map((v) => ({ tags: { $size: v } })),
  fc.constantFrom('vip', 'cash', 'relo').map((v) => ({ tags: { $elemMatch: { $eq: v } } })),
  fc.integer({ min: 2, max: 5 }).map((v) => ({ score: { $mod: [v, 1] } })),
  fc.integer({ min: 0, max: 5 }).map((v) => ({ 'contact.visits': { $gt: v } })),
);

const selector: fc.Arbitrary<Selector> = fc.oneof(
  fc.array(condition, { minLength: 0, maxLength: 3 }).map((parts) => Object.assign({}, ...parts) as Selector),
  fc.array(condition, { minLength: 1, maxLength: 3 }).map((parts) => ({ $or: parts })),
  fc.array(condition, { minLength: 1, maxLength: 3 }).map((parts) => ({ $and: parts })),
  condition.map((c) => ({ $nor: [c] })),
);

const sortField = fc.constantFrom('name', 'stage', 'score', 'price', 'hot', 'contact.visits');
const sort = fc.uniqueArray(fc.tuple(sortField, fc.constantFrom('asc', 'desc')), {
  maxLength: 3,
  selector: ([field]) => field,
});

const query = fc.record({
  selector,
  deleted: fc.constantFrom<'live' | 'deleted' | 'any'>('live', 'live', 'deleted', 'any'),
  sort,
  skip: fc.option(fc.integer({ min: 0, max: 12 }), { nil: undefined }),
  limit: fc.option(fc.integer({ min: 0, max: 25 }), { nil: undefined }),
});

describe('SQ50 the SQLite storage answers random queries exactly like the memory storage', () => {
  const storages: StorageUnderTest[] = [memoryStorage(), sqliteStorage()];
  const instances: LeadInstance[] = [];

  beforeAll(async () => {
    // Names whose padding matters: inner spaces before control characters, a trailing space.
    const tricky = ['a \u0001x', 'a  \u0000', 'Ann ', 'a\u0000', ' lead'];
    const docs = Array.from({ length: 240 }, (_, i) => {
      const lead = leadData(i);
      return asStored(
        i % 5 === 0 ? { ...lead, name: tricky[(i / 5) % tricky.length] ?? '' } : lead,
        '1-a',
        i % 17 === 0,
      );
    });
    for (const under of storages) {
      const instance = await openLeads(under.storage());
      expect(
        (
          await instance.bulkWrite(
            docs.map((document) => ({ document })),
            'differential',
          )
        ).error,
      ).toEqual([]);
      instances.push(instance);
    }
  });
  afterAll(async () => {
    await Promise.all(instances.map((i) => i.close()));
    storages.forEach((s) => s.dispose());
  });

  // Counterexamples the property below found, pinned with the seed that found them.
  const pinned: { name: string; mango: LeadQuery; length: number }[] = [
    {
      // Seed 564557644: "Ann" and "Ann " share an index key, so a scan cut at the limit must read
      // the whole tie group before sorting.
      name: 'names that differ only by trailing spaces tie in the index and are ordered by the next sort field',
      mango: {
        selector: { name: { $gt: '' }, _deleted: false },
        sort: [{ name: 'asc' }, { stage: 'asc' }],
        limit: 9,
      },
      length: 9,
    },
    {
      // Seed 627668312: each walk stopped after 13 names in index order, where "a \u0001x" sorts
      // before "a"; the merge sorts as JavaScript does.
      name: 'a skip scan over _deleted sorted by name reads whole groups: index order is not JavaScript order',
      mango: { selector: {}, sort: [{ name: 'asc' }], limit: 13 },
      length: 13,
    },
    {
      // Seed -888080080: "Ann " pads to the key of "Ann", so RxDB's range for name > "Ann" leaves
      // it out; the score index with a matcher would have kept it.
      name: 'a string range RxDB plans keeps its padded-key answer when another index would give the sort',
      mango: {
        selector: { name: { $gt: 'Ann' }, _deleted: false },
        sort: [{ score: 'asc' }],
        skip: 7,
        limit: 6,
      },
      length: 6,
    },
  ];
  for (const { name: title, mango, length } of pinned) {
    it(title, async () => {
      const [reference, ours] = instances;
      if (!reference || !ours) throw new Error('both storages must be open');
      const ids = await findIds(ours, mango);
      expect(ids).toHaveLength(length);
      expect(ids).toEqual(await findIds(reference, mango));
    });
  }

  it('same ids, same order, same counts', async () => {
    await fc.assert(
      fc.asyncProperty(query, async (q) => {
        const deleted = q.deleted === 'any' ? {} : { _deleted: q.deleted === 'deleted' };
        const mango: LeadQuery = {
          selector: { ...q.selector, ...deleted },
          sort: q.sort.map(([field, direction]) => ({ [field]: direction })),
        };
        if (q.skip !== undefined) mango.skip = q.skip;
        if (q.limit !== undefined) mango.limit = q.limit;
        const [reference, ours] = instances;
        if (!reference || !ours) throw new Error('both storages must be open');
        expect(await findIds(ours, mango)).toEqual(await findIds(reference, mango));
        const countQuery = { selector: mango.selector ?? {} };
        expect((await ours.count(prepare(countQuery))).count).toBe(
          (await reference.count(prepare(countQuery))).count,
        );
      }),
      { numRuns: 400 },
    );
  });
});
