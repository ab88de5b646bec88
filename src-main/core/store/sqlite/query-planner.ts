// Chooses the index a query walks when the query names none.
//
// RxDB's planner rates every index alike for a descending sort and never considers an index whose
// leading field the selector leaves open, so `{ stage: 'new' }` by score desc read every lead
// (545 ms at 100k) although ['deletedAt', 'stage', 'score'] holds the answer in order. The storage
// sees the whole query, so it plans again:
// - every index is planned with RxDB's own getQueryPlan (same bounds, same satisfied flags) and
//   rated: fields pinned by $eq from the start of the index, a bound on the next one, and, for a
//   query with a limit, an index order that gives the sort (the scan then stops after one page);
//   RxDB's plan is kept unless another rates higher;
// - a skip scan: when an index's first open field is a required boolean or number that the
//   selector does not mention (`_deleted` for a query over deleted and live documents,
//   `deletedAt` for one over every lead), the index is walked once per stored value of that
//   field, each walk as the query with the field pinned to the value, and the walks are merged by
//   RxDB's sort comparator. The values are found by seeking the index (one seek per value) and
//   the scan is given up for the range plan when there are more than MAX_GROUPS of them.
// A query that names an index keeps RxDB's index: the caller chose it.
// Every plan, RxDB's and ours, goes through trustedPlan (key-exactness.ts) first: the index alone
// answers a query only where its keys answer exactly like RxDB's matcher; elsewhere it gives a
// superset that the matcher filters, or no bound at all.
import {
  INDEX_MAX,
  INDEX_MIN,
  getQueryPlan,
  getSchemaByObjectPath,
  objectPathMonad,
  type FilledMangoQuery,
  type PreparedQuery,
  type RxDocumentData,
  type RxJsonSchema,
  type RxQueryPlan,
  type RxQueryPlanKey,
} from 'rxdb';
import { trustedPlan } from './key-exactness.js';

type Doc = RxDocumentData<unknown>;
type Schema = RxJsonSchema<Doc>;
export type Direction = 'ASC' | 'DESC';
export type Comparator = (a: Doc, b: Doc) => number;

/** A skip scan has at most this many walks before the range plan is used instead. */
export const MAX_GROUPS = 256;
/** What walking one group costs against pinning a field outright, in rate points. */
const GROUP_COST = 10;

export type Plan =
  | { readonly kind: 'range'; readonly prepared: PreparedQuery<unknown> }
  | {
      readonly kind: 'skip';
      readonly index: readonly string[];
      /** The open field walked value by value, and its position in the index. */
      readonly field: string;
      readonly position: number;
      /** The bounds of the pinned fields before it. */
      readonly pinnedKeys: readonly RxQueryPlanKey[];
      /** The plan to use if the field has more than MAX_GROUPS values. */
      readonly fallback: PreparedQuery<unknown>;
    };

/**
 * The walks of skip scans. A walk trusts the index order only for numbers and booleans and
 * otherwise reads its whole group; the merge sorts with RxDB's comparator.
 */
const walks = new WeakSet<PreparedQuery<unknown>>();

/**
 * The part of a string the index orders exactly as JavaScript does: the text before the first
 * control character or the first spaces followed by one or by the end, where keys and JavaScript
 * may disagree. Two strings with different such prefixes come in the same order
 * from the index and from the comparator; strings with the same prefix are one tie group, read
 * whole and ordered by the comparator.
 */
export function orderGroup(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    if (unit < 0x20) return value.slice(0, i);
    if (unit !== 0x20) continue;
    let end = i + 1;
    while (value.charCodeAt(end) === 0x20) end++;
    // spaces followed by a control character or by the end: "a" after "a \u0001", "Ann" = "Ann "
    if (end === value.length || value.charCodeAt(end) < 0x20) return value.slice(0, i);
    i = end - 1;
  }
  return value;
}

/** A condition only a number satisfies (mingo compares values of one type): $eq or a range. */
function boundsNumber(condition: unknown): boolean {
  if (typeof condition !== 'object' || condition === null) return false;
  const operators = Object.entries(condition as Record<string, unknown>);
  return operators.some(
    ([operator, value]) =>
      ['$eq', '$gt', '$gte', '$lt', '$lte'].includes(operator) &&
      typeof value === 'number' &&
      Number.isFinite(value),
  );
}

/**
 * How many leading sort fields the index order already gives, and in which direction to scan.
 * Fields that the selector pins with $eq are constant among the results and are skipped, as in
 * RxDB's planner.
 */
export function orderedPrefix(
  schema: Schema,
  prepared: PreparedQuery<unknown>,
): { direction: Direction; compare: Comparator } | undefined {
  const selector = prepared.query.selector as Record<string, unknown>;
  const scalarTypes = new Set(['string', 'number', 'integer', 'boolean']);
  const pinned = (field: string): boolean => {
    const condition = selector[field];
    const type = getSchemaByObjectPath(schema, field)?.type;
    return (
      typeof condition === 'object' &&
      condition !== null &&
      '$eq' in condition &&
      typeof type === 'string' &&
      scalarTypes.has(type)
    );
  };
  const required = new Set<string>(schema.required ?? []);
  const indexFields = prepared.queryPlan.index.filter((f) => !pinned(f));
  const sortParts = prepared.query.sort
    .map((part) => Object.entries(part)[0])
    .filter((entry): entry is [string, 'asc' | 'desc'] => entry !== undefined && !pinned(entry[0]));
  const first = sortParts[0];
  if (!first) {
    return undefined;
  }
  const direction = first[1];
  const getters: ((doc: Doc) => unknown)[] = [];
  for (let i = 0; i < sortParts.length && i < indexFields.length; i++) {
    const part = sortParts[i];
    if (!part || part[0] !== indexFields[i] || part[1] !== direction) {
      break;
    }
    const type = getSchemaByObjectPath(schema, part[0]).type;
    // An absent value indexes like 0/false/'' but sorts first in RxDB: only required fields
    // qualify, and optional numbers the selector bounds (no document without one matches, and the
    // matcher runs on every row, so the absent ones indexed as 0 never reach the results). Strings
    // qualify by their orderGroup, which ends the prefix: within a group the index order of the
    // next fields means nothing.
    const numeric = type === 'number' || type === 'integer';
    const ordered = numeric || type === 'boolean' || (type === 'string' && !walks.has(prepared));
    const present = required.has(part[0]) || (numeric && boundsNumber(selector[part[0]]));
    if (!ordered || !present) {
      break;
    }
    const get = objectPathMonad<Doc, unknown>(part[0]);
    if (type === 'string') {
      getters.push((doc) => orderGroup(get(doc)));
      break;
    }
    getters.push(get);
  }
  if (getters.length === 0) {
    return undefined;
  }
  const compare: Comparator = (a, b) => (getters.some((get) => get(a) !== get(b)) ? 1 : 0);
  return { direction: direction === 'asc' ? 'ASC' : 'DESC', compare };
}

/** Leading index fields whose range is a single value. */
function pinnedPrefix(plan: RxQueryPlan): number {
  let n = 0;
  while (n < plan.index.length && plan.startKeys[n] === plan.endKeys[n]) n++;
  return n;
}

function planned(schema: Schema, query: FilledMangoQuery<unknown>, index: string[]): PreparedQuery<unknown> {
  const forced = { ...query, index };
  return trustedPlan(schema, { query: forced, queryPlan: getQueryPlan(schema, forced) });
}

function rate(schema: Schema, prepared: PreparedQuery<unknown>): number {
  const plan = prepared.queryPlan;
  const pinned = pinnedPrefix(plan);
  const next = pinned < plan.index.length;
  const bounded =
    next && (plan.startKeys[pinned] !== INDEX_MIN || plan.endKeys[pinned] !== INDEX_MAX) ? 2 : 0;
  const paged = typeof prepared.query.limit === 'number';
  const ordered = paged && (plan.sortSatisfiedByIndex || orderedPrefix(schema, prepared) !== undefined);
  return pinned * 10 + bounded + (ordered ? 15 : 0) + (plan.selectorSatisfiedByIndex ? 1 : 0);
}

/** The required boolean or number field a skip scan could walk at `position` of `index`. */
function openField(
  schema: Schema,
  query: FilledMangoQuery<unknown>,
  index: readonly string[],
  position: number,
) {
  const field = index[position];
  if (field === undefined || field in (query.selector as object)) return undefined;
  const type = getSchemaByObjectPath(schema, field)?.type;
  const required = field === '_deleted' || new Set<string>(schema.required ?? []).has(field);
  return required && (type === 'boolean' || type === 'number' || type === 'integer') ? field : undefined;
}

/** The query with `field` pinned to `value`, planned on `index` (one walk of a skip scan). */
export function groupQuery(
  schema: Schema,
  query: FilledMangoQuery<unknown>,
  index: readonly string[],
  field: string,
  value: unknown,
): PreparedQuery<unknown> {
  const skip = query.skip ?? 0;
  const sub: FilledMangoQuery<unknown> = {
    ...query,
    selector: { ...query.selector, [field]: { $eq: value } },
    skip: 0,
  };
  if (typeof query.limit === 'number') sub.limit = skip + query.limit;
  const walk = planned(schema, sub, [...index]);
  const prepared = { ...walk, queryPlan: { ...walk.queryPlan, sortSatisfiedByIndex: false } };
  walks.add(prepared);
  return prepared;
}

/**
 * Which index won for a query of one shape (its selector's fields, operators and value types, its
 * sort, whether it has a limit or a skip), so a query of a shape seen before plans one index, not
 * every one. The values still go through trustedPlan on that index, so any answer is exact; only
 * the choice is reused. A skip scan is re-checked against the values (the pinned prefix can be
 * shorter for a value the index cannot key exactly) and planned afresh if it does not hold.
 */
interface Choice {
  range: readonly string[] | 'rxdb';
  skip?: { index: readonly string[]; field: string };
}

const CHOICES_PER_SCHEMA = 500;
const choices = new WeakMap<Schema, Map<string, Choice>>();

function shapeOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shapeOf);
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) out[key] = shapeOf(inner);
    return out;
  }
  return typeof value;
}

function shapeKey(query: FilledMangoQuery<unknown>): string {
  return JSON.stringify([
    shapeOf(query.selector),
    query.sort,
    typeof query.limit === 'number',
    (query.skip ?? 0) > 0,
  ]);
}

export function choosePlan(schema: Schema, prepared: PreparedQuery<unknown>): Plan {
  const query = prepared.query;
  if (query.index !== undefined) return { kind: 'range', prepared: trustedPlan(schema, prepared) };
  let known = choices.get(schema);
  if (known === undefined) {
    known = new Map();
    choices.set(schema, known);
  }
  const key = shapeKey(query);
  const choice = known.get(key);
  if (choice !== undefined) {
    const plan = fromChoice(schema, prepared, choice);
    if (plan !== undefined) return plan;
  }
  const { plan, made } = planEveryIndex(schema, prepared);
  if (known.size >= CHOICES_PER_SCHEMA) known.clear();
  known.set(key, made);
  return plan;
}

function fromChoice(schema: Schema, prepared: PreparedQuery<unknown>, choice: Choice): Plan | undefined {
  const query = prepared.query;
  const range =
    choice.range === 'rxdb' ? trustedPlan(schema, prepared) : planned(schema, query, [...choice.range]);
  if (choice.skip === undefined) return { kind: 'range', prepared: range };
  const fields = [...choice.skip.index];
  const candidate = planned(schema, query, fields);
  const position = pinnedPrefix(candidate.queryPlan);
  if (openField(schema, query, fields, position) !== choice.skip.field) return undefined;
  return {
    kind: 'skip',
    index: fields,
    field: choice.skip.field,
    position,
    pinnedKeys: candidate.queryPlan.startKeys.slice(0, position),
    fallback: range,
  };
}

/** Plans the query on every index and keeps the best (see the head of this file). */
function planEveryIndex(schema: Schema, prepared: PreparedQuery<unknown>): { plan: Plan; made: Choice } {
  const query = prepared.query;
  const rxdbs = trustedPlan(schema, prepared);
  let best = rxdbs;
  let bestFields: readonly string[] | 'rxdb' = 'rxdb';
  let bestRate = rate(schema, rxdbs);
  let skip: Extract<Plan, { kind: 'skip' }> | undefined;
  let skipRate = bestRate;
  for (const index of schema.indexes ?? []) {
    const fields = typeof index === 'string' ? [index] : [...index];
    const candidate = planned(schema, query, fields);
    const candidateRate = rate(schema, candidate);
    if (candidateRate > bestRate) {
      best = candidate;
      bestFields = fields;
      bestRate = candidateRate;
    }
    const position = pinnedPrefix(candidate.queryPlan);
    const field = openField(schema, query, fields, position);
    if (field === undefined) continue;
    const type = getSchemaByObjectPath(schema, field).type;
    const walk = groupQuery(schema, query, fields, field, type === 'boolean' ? false : 0);
    const walkRate = rate(schema, walk) - GROUP_COST;
    if (walkRate > skipRate) {
      skip = {
        kind: 'skip',
        index: fields,
        field,
        position,
        pinnedKeys: candidate.queryPlan.startKeys.slice(0, position),
        fallback: rxdbs,
      };
      skipRate = walkRate;
    }
  }
  if (skip !== undefined && skipRate > bestRate)
    return {
      plan: { ...skip, fallback: best },
      made: { range: bestFields, skip: { index: skip.index, field: skip.field } },
    };
  return { plan: { kind: 'range', prepared: best }, made: { range: bestFields } };
}
