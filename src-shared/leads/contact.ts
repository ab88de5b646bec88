// Contact fields as stored (desktop and sync server alike): phones in E.164 (libphonenumber-js),
// emails trimmed and lower-case. A value that does not parse is reported with the field's name
// and what to do about it.
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { z } from 'zod';

export type ContactResult = { ok: true; value: string } | { ok: false; message: string };

const emailSchema = z.email();

export function normalizeEmail(raw: string): ContactResult {
  const value = raw.trim().toLowerCase();
  if (!emailSchema.safeParse(value).success) {
    return { ok: false, message: `email "${raw.trim()}" is not a valid email address` };
  }
  return { ok: true, value };
}

export function normalizePhone(raw: string, defaultCountry: string): ContactResult {
  const trimmed = raw.trim();
  const parsed = parsePhoneNumberFromString(trimmed, defaultCountry.toUpperCase() as CountryCode);
  if (parsed === undefined || !parsed.isValid()) {
    const where = trimmed.startsWith('+') ? 'an international' : `a valid ${defaultCountry.toUpperCase()}`;
    return { ok: false, message: `phone "${trimmed}" is not ${where} number` };
  }
  return { ok: true, value: parsed.number };
}
