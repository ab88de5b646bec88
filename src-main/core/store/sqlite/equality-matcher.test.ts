import { describe, expect, it } from 'vitest';
import {
  fillWithDefaultSettings,
  getQueryMatcher,
  normalizeMangoQuery,
  type RxDocumentData,
  type RxJsonSchema,
} from 'rxdb';
import { queryMatcher } from './equality-matcher';

interface Row {
  id: string;
  email?: string;
  stage: string;
  score: number;
  vip: boolean;
  tags: string[];
}

const rowSchema = fillWithDefaultSettings<Row>({
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 40 },
    email: { type: 'string', maxLength: 100 },
    stage: { type: 'string', maxLength: 20 },
    score: { type: 'number', minimum: 0, maximum: 100, multipleOf: 1 },
    vip: { type: 'boolean' },
    tags: { type: 'array', items: { type: 'string' } },
  },
  required: ['id', 'stage', 'score', 'vip', 'tags'],
});
// The storage sees every collection's schema and documents without their type.
const schema = rowSchema as unknown as RxJsonSchema<RxDocumentData<unknown>>;

const meta = { _deleted: false, _rev: '1-a', _meta: { lwt: 1 }, _attachments: {} };
// Rows that keep to the schema, and some that do not (an array or object where a string is
// declared, a number where a string is): the answer must be mingo's for each of them.
const rows = [
  { id: 'a', email: 'ann@example.com', stage: 'new', score: 10, vip: true, tags: ['x'] },
  { id: 'b', stage: 'new', score: 0, vip: false, tags: [] },
  { id: 'c', email: 'ANN@example.com', stage: 'contacted', score: -0, vip: false, tags: ['new'] },
  { id: 'd', email: ['ann@example.com'], stage: 'new', score: 10, vip: true, tags: [] },
  { id: 'e', email: { at: 'ann@example.com' }, stage: 1, score: Number.NaN, vip: true, tags: [] },
  { id: 'f', email: 'ann@example.com ', stage: '1', score: 10, vip: false, tags: ['x', 'y'] },
  { id: 'g', email: 'ann@example.com', stage: 'new', score: 10, vip: true, tags: [], _deleted: true },
].map((row) => ({ ...meta, ...row }));

// Selectors as RxDB hands them to the storage (typed loosely: some break the row's schema).
const selectors: Record<string, unknown>[] = [
  { email: 'ann@example.com' },
  { email: { $eq: 'ann@example.com' }, stage: 'new' },
  { stage: { $in: ['new', 'contacted'] } },
  { stage: { $in: [] } },
  { score: 10 },
  { score: 0 },
  { vip: false },
  { stage: '1' },
  { tags: 'x' },
  { email: { $in: ['ann@example.com', 'bob@example.com'] }, vip: true },
  { email: 'ann@example.com', _deleted: false },
  // Not plain equalities: RxDB's matcher answers these.
  { score: { $gt: 5 } },
  { email: { $exists: false } },
  { $or: [{ stage: 'new' }, { vip: true }] },
];

const queryOf = (selector: Record<string, unknown>) => normalizeMangoQuery(schema, { selector });

describe('the equality matcher', () => {
  it('answers as RxDB’s matcher for every selector and row', () => {
    for (const selector of selectors) {
      const query = queryOf(selector);
      const ours = queryMatcher(schema, query);
      const rxdb = getQueryMatcher(schema, query);
      for (const row of rows) expect([selector, row.id, ours(row)]).toEqual([selector, row.id, rxdb(row)]);
    }
  });

  it('matches by comparing values: a lead by email, deleted ones left out as the storage is asked', () => {
    // The storage is handed the selector with RxDB's `_deleted: false` added.
    const ours = queryMatcher(schema, queryOf({ email: 'ann@example.com', _deleted: false }));
    expect(rows.filter(ours).map((row) => row.id)).toEqual(['a', 'd']);
  });
});
