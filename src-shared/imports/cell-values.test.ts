import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import {
  readAmount,
  readDate,
  readIntent,
  readPriceRange,
  readStage,
  readTags,
  splitFullName,
} from './cell-values';
import { csvCell, csvLine } from './csv-write';

describe('cell values', () => {
  it('reads amounts and ranges as exports write them', () => {
    expect(readAmount('$450,000')).toBe(450_000);
    expect(readAmount('450k')).toBe(450_000);
    expect(readAmount('1.2M')).toBe(1_200_000);
    expect(readAmount('call me')).toBeUndefined();
    expect(readPriceRange('$400k - $500k')).toEqual({ min: 400_000, max: 500_000 });
    expect(readPriceRange('500,000 to 400,000')).toEqual({ min: 400_000, max: 500_000 });
    expect(readPriceRange('350000')).toEqual({ min: 350_000, max: 350_000 });
  });

  it('reads ISO and US dates, and refuses impossible ones', () => {
    expect(readDate('2024-03-31')).toBe(Date.UTC(2024, 2, 31));
    expect(readDate('3/31/2024 2:05 PM')).toBe(Date.UTC(2024, 2, 31, 14, 5));
    expect(readDate('02/30/2024')).toBeUndefined();
    expect(readDate('yesterday')).toBeUndefined();
  });

  it('reads stages, intents, tags and names in other CRMs’ words', () => {
    expect(readStage('Attempted Contact')).toBe('contacted');
    expect(readStage('Past Client')).toBe('closed');
    expect(readStage('Trash')).toBe('lost');
    expect(readStage('Banana')).toBeUndefined();
    expect(readIntent('Buyer/Seller')).toBe('both');
    expect(readIntent('Renter')).toBe('rent');
    expect(readTags('#hot; open house | 2024 ,')).toEqual(['hot', 'open house', '2024']);
    expect(splitFullName('Lovelace, Ada')).toEqual({ firstName: 'Ada', lastName: 'Lovelace' });
    expect(splitFullName(' Mary  Ann Evans ')).toEqual({ firstName: 'Mary', lastName: 'Ann Evans' });
  });
});

describe('CSV writing', () => {
  it('round-trips any text through a CSV reader, formulas shown as text', () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { minLength: 1, maxLength: 6 }), (cells) => {
        const records: unknown = parse(csvLine(cells), { relax_column_count: true });
        const [read] = records as string[][];
        expect(read).toHaveLength(cells.length);
        read?.forEach((value, i) => {
          const original = cells[i] ?? '';
          expect(value === original || value === `'${original}`).toBe(true);
          expect(/^[=+\-@\t\r]/.test(value) && !/^[+-]?[\d\s().-]+$/.test(value)).toBe(false);
        });
      }),
    );
  });

  it('neutralises formula injection but leaves phone numbers alone', () => {
    expect(csvCell('=HYPERLINK("http://evil","x")')).toBe(`"'=HYPERLINK(""http://evil"",""x"")"`);
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('+15550100123')).toBe('+15550100123');
    expect(csvCell(-3)).toBe('-3');
  });
});
