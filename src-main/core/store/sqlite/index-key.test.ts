import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeStringPart } from './index-key.js';

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
