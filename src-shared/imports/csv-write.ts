// Writing CSV for people to open in a spreadsheet: RFC 4180 quoting, CRLF line ends, a UTF-8
// BOM so Excel reads accents, and formula injection neutralised (OWASP "CSV Injection"): a
// cell starting with = + - @, a tab or a carriage return is prefixed with a single quote, so a
// spreadsheet shows it as text instead of running it (a plain phone number is left alone).
const FORMULA_START = /^[=+\-@\t\r]/;
/** "+1 (555) 010-0123" starts with "+" but is only a number: a spreadsheet cannot run it. */
const PLAIN_NUMBER = /^[+-]?[\d\s().-]+$/;

export function csvCell(value: string | number | boolean | undefined | null): string {
  if (value === undefined || value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text) && !PLAIN_NUMBER.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(cells: readonly (string | number | boolean | undefined | null)[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

export const CSV_BOM = '\uFEFF';
