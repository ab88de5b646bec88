// Reading one cell as a lead field, in the words other CRMs use. Each reader returns the value
// or undefined; the caller words the problem (the row keeps its other fields either way).
import type { LeadIntent, LeadSource, LeadStage } from '../domain';

// Tried in this order: the first pattern that matches wins ("Past Client" is closed, not a client).
const stageWords: [RegExp, LeadStage][] = [
  [/^(new|lead|new lead|unworked|fresh)$/, 'new'],
  [/(lost|trash|dead|archiv|junk|not interested|unqualified)/, 'lost'],
  [/(closed|sold|past client|won)/, 'closed'],
  [/(pending|under contract|contract|escrow|offer)/, 'under_contract'],
  [/(appointment|showing|meeting|met)/, 'appointment'],
  [/(nurture|long term|drip|cold|sphere|watch)/, 'nurture'],
  [/(qualif|active|hot|prospect|client)/, 'qualified'],
  [/(attempt|contacted|spoke|engaged|responded|warm)/, 'contacted'],
];

export function readStage(raw: string): LeadStage | undefined {
  const word = raw.trim().toLowerCase().replace(/[_-]+/g, ' ');
  for (const [pattern, stage] of stageWords) if (pattern.test(word)) return stage;
  return undefined;
}

export function readIntent(raw: string): LeadIntent | undefined {
  const word = raw.trim().toLowerCase();
  const buys = /buy|purchas/.test(word);
  const sells = /sell|list/.test(word);
  if (buys && sells) return 'both';
  if (buys) return 'buy';
  if (sells) return 'sell';
  if (/rent|lease|tenant/.test(word)) return 'rent';
  return undefined;
}

const sourceWords: [RegExp, LeadSource][] = [
  [/zillow|trulia/, 'zillow'],
  [/realtor/, 'realtor_com'],
  [/facebook|instagram|meta/, 'facebook'],
  [/referr|sphere|past client/, 'referral'],
  [/open house/, 'open_house'],
  [/website|idx|web|site|google/, 'website'],
  [/follow up boss|fub/, 'follow_up_boss'],
];

/** A source word to our list; anything else is "other" (the word itself goes to the tags). */
export function readSource(raw: string): LeadSource {
  const word = raw.trim().toLowerCase();
  for (const [pattern, source] of sourceWords) if (pattern.test(word)) return source;
  return 'other';
}

/** "$450,000", "450k", "1.2m" -> 450000, 450000, 1200000. */
export function readAmount(raw: string): number | undefined {
  const match = /^\$?\s*(\d+(?:[.,]\d+)*)\s*([km])?$/i.exec(raw.trim().replace(/\s*usd$/i, ''));
  if (match === null) return undefined;
  const digits = match[1] ?? '';
  const suffix = (match[2] ?? '').toLowerCase();
  // A comma followed by exactly three digits groups thousands; otherwise it is a decimal point.
  const normal = /,\d{3}(?!\d)/.test(digits) ? digits.replace(/,/g, '') : digits.replace(',', '.');
  const value = Number(normal) * (suffix === 'k' ? 1_000 : suffix === 'm' ? 1_000_000 : 1);
  return Number.isFinite(value) && value >= 0 ? Math.round(value) : undefined;
}

/** One price or a range: "$400k - $500k", "400,000 to 500,000". */
export function readPriceRange(raw: string): { min: number; max: number } | undefined {
  const parts = raw.split(/\s*(?:-|–|to)\s*/i).filter((p) => p.trim() !== '');
  if (parts.length === 1) {
    const value = readAmount(parts[0] ?? '');
    return value === undefined ? undefined : { min: value, max: value };
  }
  if (parts.length !== 2) return undefined;
  const min = readAmount(parts[0] ?? '');
  const max = readAmount(parts[1] ?? '');
  if (min === undefined || max === undefined) return undefined;
  return { min: Math.min(min, max), max: Math.max(min, max) };
}

/**
 * A date as exports write it: ISO 8601, or US month/day/year with an optional time. Dates
 * without a zone are read as UTC (the hour matters less than the day for a lead's age).
 */
export function readDate(raw: string): number | undefined {
  const text = raw.trim();
  const us =
    /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})(?:[ T,]+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(am|pm)?)?$/i.exec(text);
  if (us !== null) {
    const [, m, d, y, hh, mm, ss, ampm] = us;
    const year = Number(y) < 100 ? 2000 + Number(y) : Number(y);
    let hour = Number(hh ?? 0);
    if (ampm !== undefined) hour = (hour % 12) + (ampm.toLowerCase() === 'pm' ? 12 : 0);
    const at = Date.UTC(year, Number(m) - 1, Number(d), hour, Number(mm ?? 0), Number(ss ?? 0));
    const check = new Date(at);
    return check.getUTCMonth() === Number(m) - 1 && check.getUTCDate() === Number(d) ? at : undefined;
  }
  if (!/^\d{4}-\d{2}-\d{2}/.test(text)) return undefined;
  const iso = /[zZ]|[+-]\d{2}:?\d{2}$/.test(text) || text.length === 10 ? text : `${text}Z`;
  const at = Date.parse(iso.replace(' ', 'T'));
  return Number.isFinite(at) && at >= 0 ? at : undefined;
}

/** Tags separated by commas, semicolons or pipes; "#" prefixes dropped; at most 40 characters. */
export function readTags(raw: string): string[] {
  return raw
    .split(/[,;|]/)
    .map((t) => t.trim().replace(/^#/, '').slice(0, 40))
    .filter((t) => t !== '');
}

/** "Ada Lovelace" -> Ada / Lovelace; "Lovelace, Ada" -> Ada / Lovelace; "Cher" -> Cher / "". */
export function splitFullName(raw: string): { firstName: string; lastName: string } {
  const text = raw.trim().replace(/\s+/g, ' ');
  const comma = text.indexOf(',');
  if (comma > 0) return { firstName: text.slice(comma + 1).trim(), lastName: text.slice(0, comma).trim() };
  const space = text.indexOf(' ');
  if (space < 0) return { firstName: text, lastName: '' };
  return { firstName: text.slice(0, space), lastName: text.slice(space + 1) };
}
