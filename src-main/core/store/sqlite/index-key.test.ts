import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  fillWithDefaultSettings,
  getIndexableStringMonad,
  type RxDocumentData,
  type RxJsonSchema,
} from 'rxdb';
import { documentKeyFunction, encodeStringPart } from './index-key.js';

const WIDTH = 6;

/** SQLite's BINARY collation: memcmp over UTF-8, shorter prefix first. */
function sqliteOrder(a: string, b: string): number {
  return Math.sign(Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8')));
}

function jsOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// Values as RxDB pads them, drawn from the characters that make dropping the padding tricky:
// spaces, control characters below the space, and the characters toSortableText remaps.
const value = fc
  .array(
    fc.constantFrom(
      '\u0000',
      '\u0001',
      '\u0002',
      '\t',
      ' ',
      ' ',
      'a',
      'b',
      '~',
      '\uffff',
      '\ud83d',
      '\ude00',
    ),
    {
      maxLength: WIDTH,
    },
  )
  .map((chars) => chars.join('').padEnd(WIDTH, ' '));

describe('encodeStringPart', () => {
  it('orders like RxDB padded strings, also when another part follows', () => {
    fc.assert(
      fc.property(value, value, value, value, (a, b, nextA, nextB) => {
        const encodedA = encodeStringPart(a) + encodeStringPart(nextA);
        const encodedB = encodeStringPart(b) + encodeStringPart(nextB);
        expect(sqliteOrder(encodedA, encodedB)).toBe(jsOrder(a + nextA, b + nextB));
      }),
      { numRuns: 20_000 },
    );
  });

  it('is as short as the value, not its padding', () => {
    expect(encodeStringPart('ann@example.com'.padEnd(254, ' '))).toBe('ann@example.com\u0002');
  });
});

interface Row {
  id: string;
  name?: string;
  email?: string;
  score: number;
  price?: number;
  hot?: boolean;
}

const rowSchema = fillWithDefaultSettings<Row>({
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 20 },
    name: { type: 'string', maxLength: 8 },
    email: { type: 'string', maxLength: 254 },
    score: { type: 'integer', minimum: 0, maximum: 100, multipleOf: 1 },
    price: { type: 'number', minimum: -10, maximum: 1e6, multipleOf: 0.01 },
    hot: { type: 'boolean' },
  },
  required: ['id', 'score'],
  indexes: [['name', 'score'], 'email', ['hot', 'price', 'name'], ['score', 'hot', 'email', 'price']],
});

/** As the storage sees every schema (collection-table.ts does the same cast). */
const keySchema = rowSchema as RxJsonSchema<RxDocumentData<unknown>>;

describe('documentKeyFunction', () => {
  const text = fc.string({
    unit: fc.constantFrom(' ', '\t', '\u0000', 'a', 'Z', 'é', '\uffff', '😀'),
    maxLength: 12,
  });
  const row = fc.record(
    {
      id: fc.string({ minLength: 1, maxLength: 20 }),
      name: text,
      email: text,
      score: fc.integer({ min: 0, max: 100 }),
      price: fc.integer({ min: -1000, max: 100_000_000 }).map((cents) => cents / 100),
      hot: fc.boolean(),
    },
    { requiredKeys: ['id', 'score'] },
  );

  it("equals RxDB's padded key with each string part encoded", () => {
    const indexes = (rowSchema.indexes ?? []).map((index) =>
      typeof index === 'string' ? [index] : [...index],
    );
    fc.assert(
      fc.property(row, (value) => {
        const doc = { ...value, _deleted: false, _rev: '1-a', _attachments: {}, _meta: { lwt: 1 } };
        for (const fields of indexes) {
          const reference = fields
            .map((field) => {
              const part = getIndexableStringMonad(rowSchema, [field])(doc);
              const type = rowSchema.properties[field as keyof RxDocumentData<Row>]?.type;
              return type === 'string' ? encodeStringPart(part) : part;
            })
            .join('');
          expect(documentKeyFunction(keySchema, fields)(doc)).toBe(reference);
        }
      }),
      { numRuns: 5_000 },
    );
  });
});
