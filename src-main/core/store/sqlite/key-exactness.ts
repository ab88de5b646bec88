// Whether an index key range answers a query exactly as RxDB's query matcher does.
//
// RxDB's planner derives key bounds from $eq/$gt/$gte/$lt/$lte (and $in as min..max) and marks a
// plan "selector satisfied" from the operators alone. The matcher (mingo) compares only values of
// one type, treats a missing field as no match, and compares strings as JavaScript does; the keys
// clamp numbers to the schema's range and precision, store a missing field like 0/false/'', and
// order strings as RxDB pads them (trailing spaces dropped, "a \u0001" before "a"). So the key
// answers one operator on one field:
//   exact     a required number/integer field, a finite number in [minimum, maximum] that the
//             key's decimals hold; a required boolean, $eq a boolean; a required string whose
//             schema enum has only plain members (no character <= U+0020), any operator with a
//             plain value;
//   superset  the same on an optional field (missing documents may be inside the range);
//             $eq any string (a value with trailing spaces shares the key); $lt/$lte a plain
//             string; $in of such values (RxDB never trusts $in alone);
//   unusable  anything else: another operator or type, a number the key clamps or rounds, a
//             $gt/$gte on a free string (the key order would drop "a " and "a \u0001" from > "a").
// trustedPlan keeps RxDB's plan when every operator is exact; otherwise it plans the same index on
// the usable operators only and runs the matcher on every row. A sort is taken from the index order
// only over required numbers and booleans; strings go through the runner's ordered prefix.
import {
  getQueryPlan,
  getSchemaByObjectPath,
  getStringLengthOfIndexNumber,
  type FilledMangoQuery,
  type PreparedQuery,
  type RxDocumentData,
  type RxJsonSchema,
} from 'rxdb';

type Schema = RxJsonSchema<RxDocumentData<unknown>>;
export type KeyAnswer = 'exact' | 'superset' | 'unusable';

const BOUNDING = new Set(['$eq', '$gt', '$gte', '$lt', '$lte', '$in']);

interface FieldSchema {
  readonly type?: unknown;
  readonly enum?: readonly unknown[];
  readonly minimum?: number;
  readonly maximum?: number;
  readonly multipleOf?: number;
  readonly required?: readonly string[];
  readonly properties?: Record<string, FieldSchema>;
}

/** A string the key orders as JavaScript does against any other string: no space or control. */
export function isPlainString(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    if (value.charCodeAt(i) <= 0x20) return false;
  }
  return true;
}

/** Whether every document has a value at `path` (each step listed in its parent's `required`). */
export function isRequiredPath(schema: Schema, path: string): boolean {
  let node: FieldSchema | undefined = schema;
  for (const step of path.split('.')) {
    if (!node?.required?.includes(step)) return false;
    node = node.properties?.[step];
  }
  return true;
}

function numberAnswer(part: FieldSchema, value: unknown, required: boolean): KeyAnswer {
  if (typeof value !== 'number' || !Number.isFinite(value)) return 'unusable';
  if (typeof part.minimum !== 'number' || typeof part.maximum !== 'number') return 'unusable';
  if (typeof part.multipleOf !== 'number') return 'unusable';
  if (value < part.minimum || value > part.maximum) return 'unusable';
  const { multiplier } = getStringLengthOfIndexNumber(
    part as Parameters<typeof getStringLengthOfIndexNumber>[0],
  );
  const scaled = value * multiplier;
  // the key keeps `decimals` digits; a finer value would be rounded (float noise is ~1e-9 here)
  if (Math.abs(scaled - Math.round(scaled)) > 1e-6) return 'unusable';
  return required ? 'exact' : 'superset';
}

function stringAnswer(part: FieldSchema, operator: string, value: unknown, required: boolean): KeyAnswer {
  if (typeof value !== 'string') return 'unusable';
  const plainEnum =
    Array.isArray(part.enum) &&
    part.enum.every((member) => typeof member === 'string' && isPlainString(member));
  if (plainEnum && isPlainString(value)) return required ? 'exact' : 'superset';
  if (operator === '$eq') return 'superset';
  if ((operator === '$lt' || operator === '$lte') && isPlainString(value)) return 'superset';
  return 'unusable';
}

/** How the key of `field` answers `{ [field]: { [operator]: value } }` against the matcher. */
export function operatorAnswer(schema: Schema, field: string, operator: string, value: unknown): KeyAnswer {
  if (!BOUNDING.has(operator)) return 'unusable';
  const part = getSchemaByObjectPath(schema, field) as FieldSchema | undefined;
  if (!part) return 'unusable';
  if (operator === '$in') {
    if (!Array.isArray(value) || value.length === 0) return 'unusable';
    const each = value.map((v) => operatorAnswer(schema, field, '$lte', v));
    return each.every((answer) => answer !== 'unusable') ? 'superset' : 'unusable';
  }
  const required = field === '_deleted' || isRequiredPath(schema, field);
  switch (part.type) {
    case 'number':
    case 'integer':
      return numberAnswer(part, value, required);
    case 'boolean':
      if (operator !== '$eq' || typeof value !== 'boolean') return 'unusable';
      return required ? 'exact' : 'superset';
    case 'string':
      return stringAnswer(part, operator, value, required);
    default:
      return 'unusable';
  }
}

function operatorsOf(condition: unknown): [string, unknown][] | undefined {
  if (typeof condition !== 'object' || condition === null || Array.isArray(condition)) return undefined;
  if (condition instanceof RegExp) return undefined;
  return Object.entries(condition);
}

/**
 * The selector with only the operators the key answers exactly or as a superset; whether every
 * operator was exact (then the key alone may answer the query) and whether every bounding
 * operator was at least a superset (then RxDB's own bounds may be kept).
 */
export function keySelector(
  schema: Schema,
  selector: Record<string, unknown>,
): { selector: Record<string, Record<string, unknown>>; exact: boolean; boundsHold: boolean } {
  const kept: Record<string, Record<string, unknown>> = {};
  let exact = true;
  let boundsHold = true;
  for (const [field, condition] of Object.entries(selector)) {
    const operators = field.startsWith('$') ? undefined : operatorsOf(condition);
    if (!operators) {
      exact = false; // $and/$or/$nor or a bare value: RxDB derives no bounds from them
      continue;
    }
    const usable: Record<string, unknown> = {};
    for (const [operator, value] of operators) {
      const answer = operatorAnswer(schema, field, operator, value);
      if (answer !== 'exact') exact = false;
      if (answer !== 'unusable') usable[operator] = value;
      else if (BOUNDING.has(operator)) boundsHold = false;
    }
    if (Object.keys(usable).length > 0) kept[field] = usable;
  }
  return { selector: kept, exact, boundsHold };
}

/** Whether the index order gives the query's sort for every document the matcher accepts. */
function sortIsExact(schema: Schema, query: FilledMangoQuery<unknown>): boolean {
  const selector = query.selector as Record<string, unknown>;
  return query.sort.every((part) => {
    const field = Object.keys(part)[0];
    if (field === undefined) return true;
    const condition = operatorsOf(selector[field]);
    if (
      condition?.some(([op, value]) => op === '$eq' && operatorAnswer(schema, field, op, value) === 'exact')
    ) {
      return true; // one value among the results
    }
    const type = (getSchemaByObjectPath(schema, field) as FieldSchema | undefined)?.type;
    const ordered = type === 'number' || type === 'integer' || type === 'boolean';
    return ordered && (field === '_deleted' || isRequiredPath(schema, field));
  });
}

/**
 * RxDB's plan for `prepared`'s index with its flags made true to the keys: the selector is
 * satisfied only when every operator is exact; the bounds are RxDB's while each bounding operator
 * is at least a superset, else the index is planned again on the usable operators alone (the
 * matcher then runs on every row); the sort is satisfied only when the index order is the
 * comparator's order.
 */
export function trustedPlan(schema: Schema, prepared: PreparedQuery<unknown>): PreparedQuery<unknown> {
  const query = prepared.query;
  const plan = prepared.queryPlan;
  const keys = keySelector(schema, query.selector);
  const sortHolds = !plan.sortSatisfiedByIndex || sortIsExact(schema, query);
  if (keys.exact && sortHolds) return prepared;
  const bounds = keys.boundsHold
    ? plan
    : getQueryPlan(schema, { ...query, selector: keys.selector, index: [...plan.index] });
  return {
    query,
    queryPlan: {
      ...bounds,
      selectorSatisfiedByIndex: keys.exact && plan.selectorSatisfiedByIndex,
      sortSatisfiedByIndex: bounds.sortSatisfiedByIndex && sortIsExact(schema, query),
    },
  };
}
