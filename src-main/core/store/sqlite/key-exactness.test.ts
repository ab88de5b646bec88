// The rules by which an index key range answers like RxDB's matcher (key-exactness.ts), on a schema
// with every kind of indexed field: required and optional numbers, booleans, enums and free strings.
import { describe, expect, it } from 'vitest';
import {
  fillWithDefaultSettings,
  getQueryPlan,
  normalizeMangoQuery,
  type MangoQuery,
  type PreparedQuery,
  type RxDocumentData,
  type RxJsonSchema,
} from 'rxdb';
import { isPlainString, isRequiredPath, keySelector, operatorAnswer, trustedPlan } from './key-exactness.js';

interface Row {
  id: string;
  name: string;
  stage: 'new' | 'won';
  score: number;
  price: number;
  hot: boolean;
  rank?: number;
  nested: { visits: number; note?: string };
}

const schema = fillWithDefaultSettings<Row>({
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 20 },
    name: { type: 'string', maxLength: 40 },
    stage: { type: 'string', enum: ['new', 'won'], maxLength: 3 },
    score: { type: 'integer', minimum: 0, maximum: 100, multipleOf: 1 },
    price: { type: 'number', minimum: 0, maximum: 1000, multipleOf: 0.01 },
    hot: { type: 'boolean' },
    rank: { type: 'integer', minimum: 0, maximum: 9, multipleOf: 1 },
    nested: {
      type: 'object',
      properties: { visits: { type: 'integer' }, note: { type: 'string' } },
      required: ['visits'],
    },
  },
  required: ['id', 'name', 'stage', 'score', 'price', 'hot', 'nested'],
  indexes: ['name', ['stage', 'score'], 'price', 'hot', 'rank'],
} satisfies RxJsonSchema<Row>) as RxJsonSchema<RxDocumentData<unknown>>;

const answer = (field: string, operator: string, value: unknown) =>
  operatorAnswer(schema, field, operator, value);

function prepared(query: MangoQuery<RxDocumentData<Row>>, index: string[]): PreparedQuery<unknown> {
  const filled = { ...normalizeMangoQuery(schema, query as MangoQuery<unknown>), index };
  return { query: filled, queryPlan: getQueryPlan(schema, filled) };
}

describe('which operators the key answers exactly', () => {
  it('a number in range and on the key precision is exact on a required field', () => {
    expect(answer('score', '$eq', 5)).toBe('exact');
    expect(answer('score', '$gt', 0)).toBe('exact');
    expect(answer('price', '$lte', 12.34)).toBe('exact');
  });

  it('a number the key would clamp or round, or of another type, is unusable', () => {
    expect(answer('score', '$eq', 150)).toBe('unusable');
    expect(answer('score', '$lt', -1)).toBe('unusable');
    expect(answer('score', '$lt', 5.5)).toBe('unusable');
    expect(answer('price', '$gte', 1.005)).toBe('unusable');
    expect(answer('score', '$eq', '5')).toBe('unusable');
    expect(answer('score', '$eq', null)).toBe('unusable');
    expect(answer('score', '$gt', Number.NaN)).toBe('unusable');
  });

  it('an optional field gives a superset: a missing value is stored like 0', () => {
    expect(answer('rank', '$eq', 0)).toBe('superset');
    expect(answer('nested.note', '$eq', 'x')).toBe('superset');
  });

  it('booleans answer $eq of a boolean only', () => {
    expect(answer('hot', '$eq', true)).toBe('exact');
    expect(answer('_deleted', '$eq', false)).toBe('exact');
    expect(answer('hot', '$gt', false)).toBe('unusable');
    expect(answer('hot', '$eq', 1)).toBe('unusable');
  });

  it('an enum of plain members answers plain strings exactly, in ranges too', () => {
    expect(answer('stage', '$eq', 'won')).toBe('exact');
    expect(answer('stage', '$gt', 'new')).toBe('exact');
    expect(answer('stage', '$eq', 'won ')).toBe('superset');
    expect(answer('stage', '$eq', 7)).toBe('unusable');
  });

  it('a free string: $eq is a superset ("Ann " shares the key of "Ann"), > is unusable', () => {
    expect(answer('name', '$eq', 'Ann')).toBe('superset');
    expect(answer('name', '$lt', 'Ann')).toBe('superset');
    expect(answer('name', '$lt', 'a b')).toBe('unusable');
    expect(answer('name', '$gt', 'Ann')).toBe('unusable');
    expect(answer('name', '$gte', 'Ann')).toBe('unusable');
  });

  it('$in is at best a superset; operators without bounds are unusable', () => {
    expect(answer('score', '$in', [1, 2])).toBe('superset');
    expect(answer('score', '$in', [1, 2.5])).toBe('unusable');
    expect(answer('score', '$in', [])).toBe('unusable');
    expect(answer('name', '$in', ['Ann', 'a b'])).toBe('unusable');
    for (const op of ['$ne', '$nin', '$exists', '$regex', '$not', '$type', '$size', '$mod']) {
      expect(answer('score', op, 1)).toBe('unusable');
    }
  });

  it('plain strings and required paths', () => {
    expect(isPlainString('Ann')).toBe(true);
    expect(isPlainString('')).toBe(true);
    expect(isPlainString('Ann ')).toBe(false);
    expect(isPlainString('tab\tname')).toBe(false);
    expect(isRequiredPath(schema, 'nested.visits')).toBe(true);
    expect(isRequiredPath(schema, 'nested.note')).toBe(false);
    expect(isRequiredPath(schema, 'rank')).toBe(false);
  });
});

describe('the selector the key ranges over', () => {
  it('keeps usable operators and says whether the key alone answers', () => {
    expect(keySelector(schema, { _deleted: { $eq: false }, score: { $gt: 3 } })).toEqual({
      selector: { _deleted: { $eq: false }, score: { $gt: 3 } },
      exact: true,
      boundsHold: true,
    });
    expect(keySelector(schema, { score: { $gt: 3, $lt: 5.5, $ne: 4 } })).toEqual({
      selector: { score: { $gt: 3 } },
      exact: false,
      boundsHold: false,
    });
    expect(keySelector(schema, { $or: [{ score: { $eq: 1 } }], name: { $eq: 'Ann' } })).toEqual({
      selector: { name: { $eq: 'Ann' } },
      exact: false,
      boundsHold: true,
    });
  });
});

describe('plans made true to the keys', () => {
  const index = ['_deleted', 'stage', 'score', 'id'];

  it("keeps RxDB's plan where every operator is exact", () => {
    const plan = prepared({ selector: { _deleted: false, stage: 'won', score: { $gte: 10 } } }, index);
    expect(plan.queryPlan.selectorSatisfiedByIndex).toBe(true);
    const trusted = trustedPlan(schema, plan).queryPlan;
    expect(trusted.selectorSatisfiedByIndex).toBe(true);
    expect([trusted.startKeys, trusted.endKeys]).toEqual([plan.queryPlan.startKeys, plan.queryPlan.endKeys]);
  });

  it('runs the matcher over the same range for a superset', () => {
    const plan = prepared({ selector: { _deleted: false, name: 'Ann' } }, ['_deleted', 'name', 'id']);
    expect(plan.queryPlan.selectorSatisfiedByIndex).toBe(true);
    const trusted = trustedPlan(schema, plan).queryPlan;
    expect(trusted.selectorSatisfiedByIndex).toBe(false);
    expect(trusted.startKeys).toEqual(plan.queryPlan.startKeys);
  });

  it('drops a bound the key cannot hold instead of scanning a wrong range', () => {
    const plan = prepared({ selector: { _deleted: false, stage: 'won', score: { $lt: 5.5 } } }, index);
    const trusted = trustedPlan(schema, plan).queryPlan;
    expect(trusted.selectorSatisfiedByIndex).toBe(false);
    expect(trusted.startKeys.slice(0, 2)).toEqual([false, 'won']);
    expect(trusted.endKeys[2]).not.toBe(5.5);
  });

  it('trusts the index order for a sort only over required numbers and booleans', () => {
    const byScore = prepared(
      { selector: { _deleted: false, stage: 'won' }, sort: [{ score: 'asc' }] },
      index,
    );
    expect(byScore.queryPlan.sortSatisfiedByIndex).toBe(true);
    // the primary key tiebreak is a string: the runner orders ties itself
    expect(trustedPlan(schema, byScore).queryPlan.sortSatisfiedByIndex).toBe(false);
  });
});
