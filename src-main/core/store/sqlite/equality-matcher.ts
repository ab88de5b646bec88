// The query matcher the runner filters rows with. RxDB's (getQueryMatcher) compiles the selector
// with mingo on every call, about 20 µs, more than the lookup itself for the point queries core
// asks a dozen times per new lead (a lead by email, an enrollment by lead, a suppression by
// address). A selector whose every condition is `$eq` or `$in` of plain values on a top-level
// field is matched here by comparing values instead; anything else goes to RxDB's matcher.
//
// Exactly mingo's answer: for a stored value that is a string, number or boolean (or missing),
// mingo's `$eq` is `===` (isEqual; NaN and -0 are left to mingo) and `$in` is membership of the
// value (no null or RegExp among the values). A stored object or array (an array field, or a
// document that breaks its schema) is asked of RxDB's matcher, compiled once on first need.
import { getQueryMatcher, type FilledMangoQuery, type RxDocumentData, type RxJsonSchema } from 'rxdb';

type Doc = RxDocumentData<unknown>;
type Primitive = string | number | boolean;

interface Condition {
  readonly field: string;
  /** One value for `$eq`, the members for `$in`. */
  readonly values: readonly Primitive[];
}

function isPlainValue(value: unknown): value is Primitive {
  if (typeof value === 'string' || typeof value === 'boolean') return true;
  return typeof value === 'number' && Number.isFinite(value) && !Object.is(value, -0);
}

/** The selector as equality conditions, or undefined when one of them is anything else. */
function conditionsOf(selector: FilledMangoQuery<unknown>['selector']): Condition[] | undefined {
  const conditions: Condition[] = [];
  for (const [field, condition] of Object.entries(selector)) {
    if (field.startsWith('$') || field.includes('.')) return undefined;
    if (typeof condition !== 'object' || condition === null) return undefined;
    const operators = Object.entries(condition as Record<string, unknown>);
    if (operators.length !== 1) return undefined;
    const [operator, operand] = operators[0] ?? [];
    if (operator === '$eq' && isPlainValue(operand)) conditions.push({ field, values: [operand] });
    else if (operator === '$in' && Array.isArray(operand) && operand.every(isPlainValue))
      conditions.push({ field, values: operand });
    else return undefined;
  }
  return conditions;
}

export function queryMatcher(
  schema: RxJsonSchema<Doc>,
  query: FilledMangoQuery<unknown>,
): (doc: Doc) => boolean {
  const conditions = conditionsOf(query.selector);
  if (conditions === undefined) return getQueryMatcher(schema, query);
  let general: ((doc: Doc) => boolean) | undefined;
  return (doc) => {
    const fields = doc as unknown as Record<string, unknown>;
    for (const { field, values } of conditions) {
      const value = fields[field];
      if (typeof value === 'object' && value !== null) {
        general ??= getQueryMatcher(schema, query);
        return general(doc);
      }
      if (!values.includes(value as Primitive)) return false;
    }
    return true;
  };
}
