import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from './csv';

describe('analytics CSV', () => {
  it('neutralises spreadsheet formulas in text cells, keeps numbers as numbers', () => {
    expect(csvCell('=HYPERLINK("http://x.test","click")')).toBe(
      '"\'=HYPERLINK(""http://x.test"",""click"")"',
    );
    expect(csvCell('+1 555 0100')).toBe("'+1 555 0100");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tcmd')).toBe("'\tcmd");
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(0.25)).toBe('0.25');
    expect(csvCell(null)).toBe('');
    expect(csvCell(Number.NaN)).toBe('');
  });

  it('quotes commas, quotes and line breaks (RFC 4180)', () => {
    expect(
      toCsv(
        ['source', 'leads'],
        [
          ['Open house, Sunday', 3],
          ['say "hi"', 1],
        ],
      ),
    ).toBe('source,leads\r\n"Open house, Sunday",3\r\n"say ""hi""",1\r\n');
  });
});
