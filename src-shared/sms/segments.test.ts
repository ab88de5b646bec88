import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countSegments, isGsm7, segmentWarning } from './segments';

const gsmChar = fc.constantFrom(...'abcXYZ019 @£$¥è\nÄ§¿'.split(''));
const extChar = fc.constantFrom(...'^{}\\[~]|€'.split(''));

describe('SMS segments', () => {
  it('SMS1: GSM-7 fits 160 in one segment and 153 per segment after', () => {
    expect(countSegments('a'.repeat(160))).toMatchObject({ encoding: 'GSM-7', segments: 1, remaining: 0 });
    expect(countSegments('a'.repeat(161))).toMatchObject({ segments: 2, perSegment: 153 });
    expect(countSegments('a'.repeat(306)).segments).toBe(2);
    expect(countSegments('a'.repeat(307)).segments).toBe(3);
  });

  it('SMS2: extension characters cost two septets', () => {
    expect(countSegments('€'.repeat(80))).toMatchObject({ encoding: 'GSM-7', units: 160, segments: 1 });
    expect(countSegments('€'.repeat(81)).segments).toBe(2);
  });

  it('SMS3: an escape pair is never split across segments', () => {
    // 152 plain septets then '€' (2): the pair moves to segment 2, which holds 2 + 7 = 9.
    const text = 'a'.repeat(152) + '€' + 'b'.repeat(7);
    expect(countSegments(text)).toMatchObject({ units: 161, segments: 2, remaining: 153 - 9 });
  });

  it('SMS4: one non-GSM character switches to UCS-2 at 70/67', () => {
    expect(countSegments('a'.repeat(69) + '’')).toMatchObject({ encoding: 'UCS-2', segments: 1 });
    expect(countSegments('a'.repeat(70) + '’')).toMatchObject({
      encoding: 'UCS-2',
      segments: 2,
      perSegment: 67,
    });
    expect(countSegments('é').encoding).toBe('GSM-7');
    expect(countSegments('ç').encoding).toBe('UCS-2');
  });

  it('SMS5: an emoji costs two code units and is never split', () => {
    expect(countSegments('😀'.repeat(35))).toMatchObject({ units: 70, segments: 1 });
    // 66 units then the pair (2) would make 68 > 67: the pair opens segment 2 with the 3 after it.
    const text = 'a'.repeat(66) + '😀' + 'bbb';
    expect(countSegments(text)).toMatchObject({ units: 71, segments: 2, remaining: 67 - 5 });
  });

  it('SMS6: appending never lowers the segment count', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), fc.string({ maxLength: 40 }), (a, b) => {
        expect(countSegments(a + b).segments).toBeGreaterThanOrEqual(countSegments(a).segments);
      }),
    );
  });

  it('SMS7: GSM text needs exactly ceil(septets / 153) segments when extension-free', () => {
    fc.assert(
      fc.property(fc.array(gsmChar, { maxLength: 1000 }), (chars) => {
        const text = chars.join('');
        const n = chars.length;
        expect(isGsm7(text)).toBe(true);
        expect(countSegments(text).segments).toBe(n <= 160 ? 1 : Math.ceil(n / 153));
      }),
    );
  });

  it('SMS8: with extension characters, no segment holds more than 153 septets', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(gsmChar, extChar), { minLength: 1, maxLength: 800 }), (chars) => {
        const count = countSegments(chars.join(''));
        expect(count.segments * count.perSegment).toBeGreaterThanOrEqual(count.units);
        expect(count.remaining).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('warns over 3 segments', () => {
    expect(segmentWarning(countSegments('a'.repeat(459)))).toBeNull();
    expect(segmentWarning(countSegments('a'.repeat(460)))).toMatch(/4 SMS segments/);
  });
});
