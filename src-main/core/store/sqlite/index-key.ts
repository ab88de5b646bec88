// Compact, order-preserving keys for the index columns.
//
// RxDB's indexable string of a document (getIndexableStringMonad) concatenates one fixed-width
// part per index field: numbers as zero-padded digits, booleans as 0/1, strings padded with spaces
// to the schema's maxLength. Query bounds (getStartIndexStringFrom{Lower,Upper}Bound) have the same
// shape. Stored as is, an index on `email` (maxLength 254) costs ~300 bytes per row, twice (table
// and index); 100,000 leads with ten indexes made a 590 MB file. So each part is taken from RxDB's
// helpers one field at a time and re-encoded:
// - number and boolean parts are fixed width over one alphabet: kept as they are;
// - a string part drops its padding and ends with a terminator, escaping what would otherwise
//   sort wrongly against the dropped padding:
//     T = U+0002                              end of the part (the padding that was dropped)
//     U+0001, U+0020 + c                      control character c (< U+0020): sorts below T
//     U+0001, U+0040 + k                      k spaces followed by a control character
//     spaces followed by any other character  kept as they are (above T)
//   then toSortableText (sortable-text.ts) makes SQLite's byte order match JavaScript's.
// Guarantee: for parts a, b of one field, encode(a) < encode(b) in SQLite order exactly when a < b
// as RxDB compares them; every encoded string part ends with the only bare T in it, so no part is
// a prefix of another and the concatenation orders like RxDB's concatenated string.
import {
  INDEX_MAX,
  getIndexMeta,
  getSchemaByObjectPath,
  getStartIndexStringFromLowerBound,
  getStartIndexStringFromUpperBound,
  type RxDocumentData,
  type RxJsonSchema,
  type RxQueryPlanKey,
} from 'rxdb';
import { toSortableText } from './sortable-text.js';

type Schema = RxJsonSchema<RxDocumentData<unknown>>;

const END = '\u0002';
const ESCAPE = '\u0001';

function hasControlCharacter(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    if (value.charCodeAt(i) < 0x20) return true;
  }
  return false;
}

/** Encodes one string part (RxDB's padded form) as described above. */
export function encodeStringPart(padded: string): string {
  let end = padded.length;
  while (end > 0 && padded.charCodeAt(end - 1) === 0x20) end--;
  const value = end === padded.length ? padded : padded.slice(0, end);
  if (!hasControlCharacter(value)) {
    return toSortableText(value) + END;
  }
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    if (unit < 0x20) {
      out += ESCAPE + String.fromCharCode(0x20 + unit);
    } else if (unit === 0x20) {
      let run = 1;
      while (value.charCodeAt(i + run) === 0x20) run++;
      // value is trimmed, so a non-space follows the run
      out += value.charCodeAt(i + run) < 0x20 ? ESCAPE + String.fromCharCode(0x40 + run) : ' '.repeat(run);
      i += run - 1;
    } else {
      out += value.charAt(i);
    }
  }
  return toSortableText(out) + END;
}

function isStringField(schema: Schema, field: string): boolean {
  return getSchemaByObjectPath(schema, field).type === 'string';
}

/**
 * The key of a document for one index: RxDB's parts, field by field, re-encoded. String parts are
 * encoded from the raw value: encodeStringPart drops trailing spaces, so padding the value to
 * maxLength first (as RxDB does) would give the same key at ~250 more characters of work for an
 * email. index-key.test.ts checks the equality against RxDB's padded parts.
 */
export function documentKeyFunction(
  schema: Schema,
  fields: readonly string[],
): (doc: RxDocumentData<unknown>) => string {
  const parts = getIndexMeta(schema, [...fields]).map((meta): ((doc: RxDocumentData<unknown>) => string) => {
    if (meta.schemaPart.type !== 'string') {
      return meta.getIndexStringPart;
    }
    const getValue = meta.getValue;
    return (doc) => {
      const value = getValue(doc) as string | undefined;
      return encodeStringPart(value ? value : '');
    };
  });
  const [first, second, third] = parts;
  if (parts.length === 2 && first && second) {
    return (doc) => first(doc) + second(doc);
  }
  if (parts.length === 3 && first && second && third) {
    return (doc) => first(doc) + second(doc) + third(doc);
  }
  return (doc) => {
    let key = '';
    for (const part of parts) key += part(doc);
    return key;
  };
}

/**
 * Encoded string parts of constant bounds (INDEX_MAX, or a non-string bound such as INDEX_MIN),
 * per schema, field and side. RxDB pads them to maxLength and encoding walks every character
 * (U+FFFF is remapped one by one), which made bounds cost more than short queries themselves.
 */
const constantParts = new WeakMap<Schema, Map<string, string>>();

function stringBoundPart(
  schema: Schema,
  field: string,
  bound: RxQueryPlanKey,
  side: 'lower' | 'upper',
): string {
  const encode = () =>
    encodeStringPart(
      side === 'lower'
        ? getStartIndexStringFromLowerBound(schema, [field], [bound])
        : getStartIndexStringFromUpperBound(schema, [field], [bound]),
    );
  if (typeof bound === 'string' && bound !== INDEX_MAX) {
    return encode();
  }
  let parts = constantParts.get(schema);
  if (!parts) {
    parts = new Map();
    constantParts.set(schema, parts);
  }
  const key = `${side}\u0000${typeof bound}\u0000${String(bound)}\u0000${field}`;
  let part = parts.get(key);
  if (part === undefined) {
    part = encode();
    parts.set(key, part);
  }
  return part;
}

/** The key of a query plan's lower or upper bound on one index, encoded like documents' keys. */
export function boundKey(
  schema: Schema,
  fields: readonly string[],
  keys: readonly RxQueryPlanKey[],
  side: 'lower' | 'upper',
): string {
  let key = '';
  fields.forEach((field, i) => {
    const bound = keys[i];
    if (isStringField(schema, field)) {
      key += stringBoundPart(schema, field, bound, side);
    } else {
      key +=
        side === 'lower'
          ? getStartIndexStringFromLowerBound(schema, [field], [bound])
          : getStartIndexStringFromUpperBound(schema, [field], [bound]);
    }
  });
  return key;
}
