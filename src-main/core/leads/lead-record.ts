// Turns what a person typed (LeadInput) into a stored Lead: contact fields normalised, the
// time zone derived, derived keys (nameKey) filled. Invalid contact fields are either refused
// with a field error or dropped with a warning, as the caller asks; nothing else is lost.
import type { Lead } from '../../../src-shared/domain';
import { PorchlightError } from '../../../src-shared/ipc/errors';
import type { FieldWarning } from '../../../src-shared/ipc/leads';
import type { leadInputSchema } from '../../../src-shared/ipc/leads';
import type { z } from 'zod';
import { normalizeEmail, normalizePhone } from './contact';
import { deriveTimeZone } from './time-zone';

export type ValidLeadInput = z.output<typeof leadInputSchema>;
export type LeadPatch = ValidLeadInput;

export interface PreparedFields {
  fields: Partial<Lead>;
  warnings: FieldWarning[];
}

/** Normalises the contact fields present in `patch`; refuses or drops the ones that do not parse. */
export function prepareContactFields(
  patch: LeadPatch,
  defaultCountry: string,
  onInvalidContact: 'reject' | 'drop',
): PreparedFields {
  const fields: Partial<Lead> = {};
  const problems: Record<string, string> = {};
  if (patch.email !== undefined) {
    if (patch.email === '') fields.email = undefined;
    else {
      const email = normalizeEmail(patch.email);
      if (email.ok) fields.email = email.value;
      else problems.email = email.message;
    }
  }
  if (patch.phone !== undefined) {
    if (patch.phone === '') fields.phone = undefined;
    else {
      const country = patch.address?.country ?? defaultCountry;
      const phone = normalizePhone(patch.phone, country);
      if (phone.ok) {
        fields.phone = phone.value;
        fields.phoneProblem = undefined;
      } else problems.phone = phone.message;
    }
  }
  const problemFields = Object.keys(problems);
  if (problemFields.length > 0 && onInvalidContact === 'reject') {
    const summary = Object.values(problems).join('; ');
    throw new PorchlightError(
      'validation',
      `${capitalise(summary)}. Correct it or leave it empty.`,
      problems,
    );
  }
  const warnings = Object.entries(problems).map(([field, message]) => ({
    field,
    message: `${capitalise(message)}; the lead was kept without it.`,
  }));
  return { fields, warnings };
}

export function nameKeyOf(firstName: string, lastName: string): string {
  return `${firstName} ${lastName}`.trim().toLowerCase().slice(0, 210);
}

/** Copies the plain (non-contact) fields of the patch that were given. */
export function plainFields(patch: LeadPatch): Partial<Lead> {
  const out: Partial<Lead> = {};
  const keys = [
    'firstName',
    'lastName',
    'address',
    'stage',
    'source',
    'intent',
    'tags',
    'priceMin',
    'priceMax',
    'propertyAddress',
    'notes',
    'preferredChannel',
    'ownerId',
  ] as const;
  for (const key of keys) {
    if (patch[key] !== undefined) Object.assign(out, { [key]: patch[key] });
  }
  return out;
}

/** Re-derives the time zone when the evidence changed and the zone was not given by a person. */
export async function withTimeZone(lead: Lead, explicitZone: string | undefined): Promise<Lead> {
  if (explicitZone !== undefined && explicitZone !== '') {
    const derived = await deriveTimeZone({ timeZone: explicitZone });
    if (derived.timeZoneSource !== 'given') {
      throw new PorchlightError('validation', `Time zone "${explicitZone}" is not a known IANA zone.`, {
        timeZone: `"${explicitZone}" is not a known time zone (e.g. America/Chicago)`,
      });
    }
    return { ...lead, ...derived };
  }
  if (lead.timeZoneSource === 'given') return lead;
  return { ...lead, ...(await deriveTimeZone({ address: lead.address, phone: lead.phone })) };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Removes keys whose value is undefined, so stored documents never carry them. */
export function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
