import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toSortableText } from './sortable-text.js';

/** SQLite's BINARY collation: memcmp over UTF-8, shorter prefix first. */
function sqliteOrder(a: string, b: string): number {
  return Math.sign(Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8')));
}

function jsOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// Strings drawn from every region where UTF-8 and UTF-16 order can disagree: ASCII, the BMP below
// the surrogates, lone and paired surrogates, private use, U+FFFF (RxDB's INDEX_MAX), astral.
const unit = fc.oneof(
  fc.integer({ min: 0, max: 0x7f }),
  fc.integer({ min: 0x80, max: 0xd7ff }),
  fc.integer({ min: 0xd800, max: 0xdfff }),
  fc.integer({ min: 0xe000, max: 0xffff }),
  fc.constantFrom(0xffff, 0xd83d, 0xde00, 0xe000, 0x20),
);
const text = fc.array(unit, { maxLength: 8 }).map((units) => String.fromCharCode(...units));

describe('toSortableText', () => {
  it('keeps JavaScript string order under SQLite byte order', () => {
    fc.assert(
      fc.property(text, text, (a, b) => {
        expect(sqliteOrder(toSortableText(a), toSortableText(b))).toBe(jsOrder(a, b));
      }),
      { numRuns: 5000 },
    );
  });

  it('is injective and leaves ordinary strings alone', () => {
    fc.assert(
      fc.property(text, text, (a, b) => {
        expect(toSortableText(a) === toSortableText(b)).toBe(a === b);
      }),
    );
    expect(toSortableText('Ann Smith  0042')).toBe('Ann Smith  0042');
  });

  it('sorts an emoji name before the INDEX_MAX padding, as RxDB does', () => {
    const upperBound = '\uffff'.repeat(4);
    expect(sqliteOrder(toSortableText('😀 Zoë'), toSortableText(upperBound))).toBe(-1);
    expect(sqliteOrder('😀 Zoë', upperBound)).toBe(1); // raw UTF-8 would put it past the bound
  });
});
