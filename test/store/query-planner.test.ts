// The storage's own planning for queries that name no index (query-planner.ts): which plan it
// chooses, and that the skip scan and the re-chosen indexes answer exactly like the memory
// storage (the differential property test reaches many more shapes).
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeStringPart } from '../../src-main/core/store/sqlite/index-key.js';
import { choosePlan, orderGroup } from '../../src-main/core/store/sqlite/query-planner.js';
import {
  asStored,
  findIds,
  leadData,
  leadSchema,
  memoryStorage,
  openLeads,
  prepare,
  sqliteStorage,
  type LeadInstance,
  type LeadQuery,
  type StorageUnderTest,
} from './fixtures.js';

const schema = leadSchema as unknown as Parameters<typeof choosePlan>[0];
const plan = (query: LeadQuery) => choosePlan(schema, prepare(query));

describe('the storage plans queries that name no index', () => {
  it('walks [stage, score] once per _deleted value for a stage over live and deleted leads', () => {
    const chosen = plan({ selector: { stage: 'new' }, sort: [{ score: 'desc' }], limit: 5 });
    expect(chosen).toMatchObject({ kind: 'skip', field: '_deleted', position: 0 });
    if (chosen.kind === 'skip') expect(chosen.index).toEqual(['_deleted', 'stage', 'score', 'id']);
  });

  it('walks [hot, score, name] once per hot value for live leads by score', () => {
    const chosen = plan({ selector: { _deleted: false }, sort: [{ score: 'desc' }], limit: 5 });
    expect(chosen).toMatchObject({ kind: 'skip', field: 'hot', position: 1 });
  });

  it("keeps RxDB's plan for a query that names an index", () => {
    const query: LeadQuery = {
      selector: { stage: 'new' },
      sort: [{ score: 'desc' }],
      limit: 5,
      index: ['name'],
    };
    expect(plan(query)).toMatchObject({ kind: 'range' });
  });

  it('uses a range when the selector pins the leading fields', () => {
    const chosen = plan({ selector: { _deleted: false, stage: 'won' }, sort: [{ score: 'desc' }], limit: 5 });
    expect(chosen.kind).toBe('range');
    if (chosen.kind === 'range')
      expect(chosen.prepared.queryPlan.index).toEqual(['_deleted', 'stage', 'score', 'id']);
  });
});

describe('a query of a shape planned before', () => {
  // The choice is kept per schema object: a copy of the schema plans from scratch.
  const freshPlan = (query: LeadQuery) => choosePlan(structuredClone(schema), prepare(query));
  const indexOf = (chosen: ReturnType<typeof plan>) =>
    chosen.kind === 'range' ? chosen.prepared.queryPlan.index : chosen.index;

  it('plans the index a first planning of the same query chooses, for other values too', () => {
    for (const stage of ['new', 'won', 'lost'] as const) {
      const query: LeadQuery = { selector: { stage }, sort: [{ score: 'desc' }], limit: 5 };
      const again = plan(query);
      expect(again).toMatchObject({ kind: freshPlan(query).kind });
      expect(indexOf(again)).toEqual(indexOf(freshPlan(query)));
    }
  });

  it('keys each query by its own values (bounds are never reused)', () => {
    const a = plan({ selector: { _deleted: false, stage: 'new' }, sort: [{ score: 'desc' }], limit: 5 });
    const b = plan({ selector: { _deleted: false, stage: 'won' }, sort: [{ score: 'desc' }], limit: 5 });
    if (a.kind !== 'range' || b.kind !== 'range') throw new Error('both are ranges');
    expect(a.prepared.queryPlan.startKeys).toContain('new');
    expect(b.prepared.queryPlan.startKeys).toContain('won');
  });
});

describe('order groups of strings (the part index keys order as JavaScript does)', () => {
  const sign = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const text = fc.string({
    unit: fc.constantFrom('a', 'b', ' ', '\t', '\u0001', '\u0000', 'é'),
    maxLength: 6,
  });

  it('strings of different groups come in the same order from their keys and from JavaScript', () => {
    fc.assert(
      fc.property(text, text, (a, b) => {
        const ga = orderGroup(a) as string;
        const gb = orderGroup(b) as string;
        fc.pre(ga !== gb);
        const keys = sign(encodeStringPart(a.padEnd(10, ' ')), encodeStringPart(b.padEnd(10, ' ')));
        expect(keys).toBe(sign(a, b));
        expect(sign(ga, gb)).toBe(sign(a, b));
      }),
      { numRuns: 2000 },
    );
  });

  it('cuts before a control character or spaces that end the text or precede one', () => {
    expect(orderGroup('Ann ')).toBe('Ann');
    expect(orderGroup('a \u0001x')).toBe('a');
    expect(orderGroup('tab\tname')).toBe('tab');
    expect(orderGroup('Ann Lee')).toBe('Ann Lee');
    expect(orderGroup(7)).toBe(7);
  });
});

describe('planned queries answer like the memory storage', () => {
  const storages: StorageUnderTest[] = [memoryStorage(), sqliteStorage()];
  const instances: LeadInstance[] = [];

  beforeAll(async () => {
    // Every seventh lead deleted, so a skip scan over _deleted walks two groups.
    const docs = Array.from({ length: 300 }, (_, i) => asStored(leadData(i), '1-a', i % 7 === 0));
    for (const under of storages) {
      const instance = await openLeads(under.storage());
      expect(
        (
          await instance.bulkWrite(
            docs.map((document) => ({ document })),
            'planner',
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

  const cases: [string, LeadQuery][] = [
    [
      'a stage over live and deleted leads, by score desc',
      { selector: { stage: 'new' }, sort: [{ score: 'desc' }], limit: 7 },
    ],
    [
      'the same, skipped into the second page',
      { selector: { stage: 'lost' }, sort: [{ score: 'desc' }], skip: 5, limit: 6 },
    ],
    ['live leads by score, no limit', { selector: { _deleted: false }, sort: [{ score: 'asc' }] }],
    [
      'live leads by score with a bound',
      { selector: { _deleted: false, score: { $gte: 20 } }, sort: [{ score: 'desc' }], limit: 9 },
    ],
    ['every lead by name', { selector: {}, sort: [{ name: 'asc' }], limit: 11 }],
    // The same shape as the next, with a value the index keys exactly, then one it cannot.
    ['one name, live and deleted', { selector: { name: 'Ann' }, sort: [{ score: 'desc' }], limit: 4 }],
    ['a name with a tab', { selector: { name: 'tab\tname' }, sort: [{ score: 'desc' }], limit: 4 }],
  ];
  for (const [label, query] of cases) {
    it(label, async () => {
      const [reference, ours] = instances;
      if (!reference || !ours) throw new Error('both storages must be open');
      const expected = await findIds(reference, query);
      expect(expected.length).toBeGreaterThan(0);
      expect(await findIds(ours, query)).toEqual(expected);
      const count = { selector: query.selector ?? {} };
      expect((await ours.count(prepare(count))).count).toBe((await reference.count(prepare(count))).count);
    });
  }
});
