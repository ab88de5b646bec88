// One CSV row -> one lead, keeping every field that reads and saying, in words, what was
// dropped or corrected ("Row 14: phone "555-12" is not a valid US number; the row was kept
// without a phone."). A row is refused whole only when no name, email or phone is left.
import type { Address, Lead, LeadSource } from '../../../src-shared/domain';
import type { ColumnMapping, ImportPreset, ImportTarget } from '../../../src-shared/imports';
import {
  presetDefinitions,
  readAmount,
  readDate,
  readIntent,
  readPriceRange,
  readSource,
  readStage,
  readTags,
  splitFullName,
} from '../../../src-shared/imports';
import type { Workspace } from '../context';
import { normalizeEmail } from '../leads/contact';
import { compact, nameKeyOf, withTimeZone } from '../leads/lead-record';
import { scoreOnWrite } from '../scoring/lead-score';
import { directContactReaders, type ContactReaders } from './contact-readers';
import type { CsvRow } from './read-rows';

export type RowReading = { lead: Lead; messages: string[] } | { refused: string; messages: string[] };

export interface RowContext {
  batchId: string;
  preset: ImportPreset;
  mapping: ColumnMapping;
  workspace: Workspace;
  /** Whom the new leads go to: the agent, or the team pool to be routed (decision 0901). */
  ownerId: string;
  /** createdAt of a lead whose row has no date: the batch's start (the same on a resumed run). */
  importedAt: number;
  now: number;
  /** How phones and email typos are read (the importer remembers them for its run). */
  readers?: ContactReaders;
  /**
   * The importer scores what it writes as the scoring job does (import-scoring.ts, merge-row.ts),
   * so the provisional score a lone lead gets is not worked out for each row only to be replaced.
   */
  scoredByCaller?: boolean;
}

/** Deterministic per row, so a resumed import writes the same lead, never a second one. */
export function importedLeadId(batchId: string, row: number): string {
  return `${batchId}-r${row}`;
}

const fieldWords: Partial<Record<ImportTarget, string>> = {
  price: 'a price',
  priceMin: 'a lower price',
  priceMax: 'an upper price',
  createdAt: 'a date added',
};

function limited(value: string, max: number, label: string, warn: (m: string) => void): string {
  if (value.length <= max) return value;
  warn(`${label} was longer than ${max} characters and was shortened`);
  return value.slice(0, max);
}

export async function readLeadRow(csv: CsvRow, ctx: RowContext): Promise<RowReading> {
  const messages: string[] = [];
  const at = `Row ${csv.row}`;
  const warn = (text: string): void => void messages.push(`${at}: ${text}.`);
  const values = new Map<ImportTarget, string[]>();
  for (const [header, target] of Object.entries(ctx.mapping)) {
    const value = csv.cells.get(header)?.trim() ?? '';
    if (target === 'ignore' || value === '') continue;
    values.set(target, [...(values.get(target) ?? []), target === 'notes' ? `${header}: ${value}` : value]);
  }
  const one = (target: ImportTarget): string | undefined => values.get(target)?.[0];
  if (values.size === 0)
    return { refused: `${at}: the row is empty; there was nothing to import.`, messages };
  if (csv.extraCells > 0)
    warn(`${csv.extraCells} cell(s) beyond the last column were not imported (a delimiter inside a value?)`);

  let firstName = one('firstName') ?? '';
  let lastName = one('lastName') ?? '';
  const full = one('fullName');
  if (firstName === '' && lastName === '' && full !== undefined)
    ({ firstName, lastName } = splitFullName(full));
  firstName = limited(firstName, 100, 'the first name', warn);
  lastName = limited(lastName, 100, 'the last name', warn);

  const country = ctx.workspace.defaultCountry;
  const readers = ctx.readers ?? directContactReaders;
  let email: string | undefined;
  const rawEmail = one('email');
  if (rawEmail !== undefined) {
    const parsed = normalizeEmail(rawEmail);
    if (parsed.ok && parsed.value.length <= 254) {
      email = parsed.value;
      // A likely typo is reported beside the row; the address is kept as written.
      const likely = readers.emailSuggestion(email);
      if (likely !== null)
        warn(`email "${email}" may be mistyped: did you mean ${likely}? It was kept as written`);
    } else
      warn(
        `${parsed.ok ? `email "${rawEmail}" is too long` : parsed.message}; the row was kept without an email`,
      );
  }
  let phone: string | undefined;
  const rawPhone = one('phone');
  if (rawPhone !== undefined) {
    const parsed = readers.phone(rawPhone, country);
    if (parsed.ok) phone = parsed.value;
    else warn(`${parsed.message}; the row was kept without a phone`);
  }
  if (firstName === '' && lastName === '' && email === undefined && phone === undefined) {
    const why =
      messages.length > 0
        ? ` (${messages.map((m) => m.slice(at.length + 2, -1).replace(/; the (row|lead) was .*$/, '')).join('; ')})`
        : '';
    return {
      refused: `${at}: no name, email or phone could be read${why}; the row was refused.`,
      messages: [],
    };
  }

  const address: Address = compact({
    street: one('street')?.slice(0, 200),
    city: one('city')?.slice(0, 100),
    state: one('state')?.slice(0, 40),
    zip: one('zip')?.slice(0, 20),
  });
  const tags: string[] = [];
  const addTag = (tag: string): void => {
    if (!tags.includes(tag) && tags.length < 50) tags.push(tag);
  };
  for (const cell of values.get('tags') ?? []) readTags(cell).forEach(addTag);

  const rawStage = one('stage');
  const stage = rawStage === undefined ? 'new' : readStage(rawStage);
  if (stage === undefined) warn(`stage "${rawStage}" is not one Porchlight knows; the lead was kept as New`);
  const rawSource = one('source');
  let source: LeadSource = presetDefinitions[ctx.preset].defaultSource;
  if (rawSource !== undefined) {
    source = readSource(rawSource);
    if (source === 'other') addTag(rawSource.slice(0, 40));
  }
  const rawIntent = one('intent');
  const intent = rawIntent === undefined ? 'unknown' : (readIntent(rawIntent) ?? 'unknown');

  const prices: { priceMin?: number; priceMax?: number } = {};
  const rawPrice = one('price');
  if (rawPrice !== undefined) {
    const range = readPriceRange(rawPrice);
    if (range === undefined)
      warn(`price "${rawPrice}" is not an amount or a range; the row was kept without ${fieldWords.price}`);
    else Object.assign(prices, { priceMin: range.min, priceMax: range.max });
  }
  for (const target of ['priceMin', 'priceMax'] as const) {
    const raw = one(target);
    if (raw === undefined) continue;
    const amount = readAmount(raw);
    if (amount === undefined)
      warn(`"${raw}" is not an amount; the row was kept without ${fieldWords[target]}`);
    else prices[target] = amount;
  }
  let createdAt = ctx.importedAt;
  const rawDate = one('createdAt');
  if (rawDate !== undefined) {
    const date = readDate(rawDate);
    if (date === undefined)
      warn(
        `date "${rawDate}" is not a date we can read (use 2024-03-31 or 3/31/2024); the lead was dated today`,
      );
    else createdAt = Math.min(date, ctx.now);
  }
  const notes = (values.get('notes') ?? []).join('\n').slice(0, 20_000);
  const propertyAddress = one('propertyAddress')?.slice(0, 200);

  const base: Lead = compact({
    id: importedLeadId(ctx.batchId, csv.row),
    teamId: ctx.workspace.teamId,
    ownerId: ctx.ownerId,
    updatedAt: ctx.now,
    firstName,
    lastName,
    nameKey: nameKeyOf(firstName, lastName),
    email,
    phone,
    address: Object.keys(address).length > 0 ? { ...address, country } : undefined,
    timeZone: '',
    timeZoneSource: 'unknown',
    stage: stage ?? 'new',
    source,
    intent,
    score: 0,
    temperature: 'cold',
    tags,
    ...prices,
    propertyAddress,
    notes: notes === '' ? undefined : notes,
    consent: { sms: 'unknown', whatsapp: 'unknown', email: 'unknown' },
    createdAt,
    lastContactAt: 0,
    deletedAt: 0,
    importId: ctx.batchId,
    demo: false,
  });
  const zoned = await withTimeZone(base, undefined);
  if (ctx.scoredByCaller === true) return { lead: zoned, messages };
  return { lead: compact({ ...zoned, ...scoreOnWrite(zoned, ctx.now) }), messages };
}
