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
// A query that names an index keeps RxDB's plan: the caller chose it.
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
 * The walks of skip scans. Their results are merged by RxDB's comparator, which orders strings as
 * JavaScript does; index keys order padded strings as RxDB's memory storage does ("a \u0001"
 * before "a"), so a walk trusts the index order only for numbers and booleans and otherwise
 * reads its whole group and sorts it.
 */
const walks = new WeakSet<PreparedQuery<unknown>>();

function trimEnd(value: unknown): unknown {
  return typeof value === 'string' ? value.replace(/ +$/, '') : value;
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
    // qualify. Index strings sort as JavaScript compares them (sortable-text.ts), so strings do.
    const ordered =
      type === 'number' ||
      type === 'integer' ||
      type === 'boolean' ||
      (type === 'string' && !walks.has(prepared));
    if (!ordered || !required.has(part[0])) {
      break;
    }
    const get = objectPathMonad<Doc, unknown>(part[0]);
    // RxDB pads string parts with spaces, so "Ann" and "Ann " share one index key and may come
    // interleaved: they are one tie group, which the comparator then orders.
    getters.push(type === 'string' ? (doc) => trimEnd(get(doc)) : get);
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
  return { query: forced, queryPlan: getQueryPlan(schema, forced) };
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
 * Whether RxDB's plan answers the selector from a range on a string field. Such a range compares
 * padded keys ("Ann" and "Ann " are one key), where another index would run the matcher, which
 * compares strings as JavaScript does: the answers would differ, so RxDB's plan is kept.
 */
function rangesOverString(schema: Schema, prepared: PreparedQuery<unknown>): boolean {
  const plan = prepared.queryPlan;
  if (!plan.selectorSatisfiedByIndex) return false;
  return plan.index.some(
    (field, i) =>
      (plan.startKeys[i] !== INDEX_MIN || plan.endKeys[i] !== INDEX_MAX) &&
      getSchemaByObjectPath(schema, field)?.type === 'string',
  );
}

export function choosePlan(schema: Schema, prepared: PreparedQuery<unknown>): Plan {
  const query = prepared.query;
  if (query.index !== undefined || rangesOverString(schema, prepared)) return { kind: 'range', prepared };
  let best = prepared;
  let bestRate = rate(schema, prepared);
  let skip: Plan | undefined;
  let skipRate = bestRate;
  for (const index of schema.indexes ?? []) {
    const fields = typeof index === 'string' ? [index] : [...index];
    const candidate = planned(schema, query, fields);
    const candidateRate = rate(schema, candidate);
    if (candidateRate > bestRate) {
      best = candidate;
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
        fallback: prepared,
      };
      skipRate = walkRate;
    }
  }
  if (skip && skip.kind === 'skip' && skipRate > bestRate) return { ...skip, fallback: best };
  return { kind: 'range', prepared: best };
}
