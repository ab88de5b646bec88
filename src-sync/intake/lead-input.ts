// A lead posted by a website or Zapier, as the domain's own lead schema (leadInputSchema): JSON,
// or a form whose flat fields (street, city, state, zip, country; tags as "a, b"; prices as
// numbers) are shaped into the same input first. Every problem is reported per field, in the
// product's words, and nothing is stored; a valid input becomes a Lead the way the desktop makes
// one (E.164 phone, lower-case email, a provisional score), owned by the routed agent.
import { IANAZone } from 'luxon';
import { lookup as zipTimeZone } from 'zipcode-to-timezone';
import { leadSchema, type Lead } from '../../src-shared/domain';
import { leadInputSchema } from '../../src-shared/ipc/leads';
import { normalizeEmail, normalizePhone } from '../../src-shared/leads/contact';
import { DEFAULT_MODEL, DEFAULT_SCORING_SETTINGS, scoreLead } from '../../src-shared/scoring';

export type FieldErrors = Record<string, string>;
type ValidInput = ReturnType<typeof leadInputSchema.parse>;

const intakeSchema = leadInputSchema.omit({ ownerId: true });
const ADDRESS_FIELDS = ['street', 'city', 'state', 'zip', 'country'] as const;
const NUMBER_FIELDS = ['priceMin', 'priceMax'] as const;

/** A form's fields as the lead input's shape (JSON bodies are taken as they are). */
export function formToInput(form: Record<string, string>): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  const address: Record<string, string> = {};
  for (const [key, value] of Object.entries(form)) {
    if ((ADDRESS_FIELDS as readonly string[]).includes(key)) address[key] = value;
    else if ((NUMBER_FIELDS as readonly string[]).includes(key))
      input[key] = value.trim() === '' || Number.isNaN(Number(value)) ? value : Number(value);
    else if (key === 'tags')
      input.tags = value
        .split(',')
        .map((tag) => tag.trim())
        .filter((tag) => tag !== '');
    else input[key] = value;
  }
  if (Object.keys(address).length > 0) input.address = address;
  return input;
}

export function parseLeadInput(raw: unknown): { input: ValidInput } | { errors: FieldErrors } {
  const parsed = intakeSchema.safeParse(raw);
  if (!parsed.success) {
    const errors: FieldErrors = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path.length === 0 ? 'body' : issue.path.join('.');
      errors[field] ??= issue.message;
    }
    return { errors };
  }
  const input = parsed.data;
  if (!input.firstName && !input.lastName && !input.email && !input.phone)
    return { errors: { firstName: 'Enter a name, an email or a phone number' } };
  return { input };
}

/** The stored lead, or the contact fields that do not parse. */
export function leadFromInput(
  input: ValidInput,
  keys: { id: string; teamId: string; ownerId: string; now: number; defaultCountry: string },
): { lead: Lead } | { errors: FieldErrors } {
  const errors: FieldErrors = {};
  const contact: Partial<Lead> = {};
  if (input.email !== undefined && input.email !== '') {
    const email = normalizeEmail(input.email);
    if (email.ok) contact.email = email.value;
    else errors.email = email.message;
  }
  if (input.phone !== undefined && input.phone !== '') {
    const phone = normalizePhone(input.phone, input.address?.country ?? keys.defaultCountry);
    if (phone.ok) contact.phone = phone.value;
    else errors.phone = phone.message;
  }
  if (input.timeZone !== undefined && input.timeZone !== '' && !IANAZone.isValidZone(input.timeZone))
    errors.timeZone = `"${input.timeZone}" is not a known time zone (e.g. America/Chicago)`;
  if (Object.keys(errors).length > 0) return { errors };
  const { timeZone: _zone, email: _email, phone: _phone, ...given } = input;
  const plain = Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)) as Partial<Lead>;
  const firstName = input.firstName ?? '';
  const lastName = input.lastName ?? '';
  const base: Lead = {
    id: keys.id,
    teamId: keys.teamId,
    ownerId: keys.ownerId,
    updatedAt: keys.now,
    ...plain,
    ...contact,
    firstName,
    lastName,
    nameKey: `${firstName} ${lastName}`.trim().toLowerCase().slice(0, 210),
    ...zoneOf(input),
    stage: input.stage ?? 'new',
    source: input.source ?? 'website',
    intent: input.intent ?? 'unknown',
    score: 0,
    temperature: 'cold',
    tags: input.tags ?? [],
    consent: { sms: 'unknown', whatsapp: 'unknown', email: 'unknown' },
    createdAt: keys.now,
    lastContactAt: 0,
    deletedAt: 0,
    demo: false,
  };
  const scored = scoreLead(base, [], keys.now, DEFAULT_SCORING_SETTINGS, DEFAULT_MODEL);
  const lead = {
    ...base,
    score: scored.score,
    temperature: scored.temperature,
    scoreConfidence: scored.confidence,
    scoreFactors: scored.factors,
  };
  return { lead: leadSchema.parse(JSON.parse(JSON.stringify(lead))) };
}

/**
 * The zone a person gave, else the US ZIP's. The desktop's fuller derivation (phone number,
 * state) needs data files read from disk, which the server does not carry; without a zone the
 * engine keeps to the strictest sending window of the lead's country.
 */
function zoneOf(input: ValidInput): Pick<Lead, 'timeZone' | 'timeZoneSource'> {
  if (input.timeZone !== undefined && input.timeZone !== '')
    return { timeZone: input.timeZone, timeZoneSource: 'given' };
  const zip = input.address?.zip?.trim().slice(0, 5);
  const isUs = input.address?.country === undefined || input.address.country.toUpperCase() === 'US';
  const zone = isUs && zip !== undefined && /^\d{5}$/.test(zip) ? zipTimeZone(zip) : null;
  return zone === null
    ? { timeZone: '', timeZoneSource: 'unknown' }
    : { timeZone: zone, timeZoneSource: 'zip' };
}
