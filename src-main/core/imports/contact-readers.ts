// How a run reads its rows' phones and checks their emails for a mistyped domain, remembered
// for the run: a large file repeats the same phones (a lead listed twice, a family sharing a
// line) and a handful of email domains, and the phone parse and the typo check (an edit
// distance against every known provider) were most of a row's reading. A remembered answer is
// the one the reader gave the first time for the same text, so nothing a row says changes.
// Each memory is bounded (cleared when full), so a 100,000-row file does not grow it for ever.
import type { ContactResult } from '../../../src-shared/leads/contact';
import { normalizePhone } from '../../../src-shared/leads/contact';
import { suggestEmailCorrection } from '../../../src-shared/leads/email-typo';

export interface ContactReaders {
  /** normalizePhone(raw, country). */
  phone(raw: string, country: string): ContactResult;
  /** suggestEmailCorrection(email), for an email already normalized (trimmed, lower case). */
  emailSuggestion(email: string): string | null;
}

/** The readers a preview or a single lead uses: no memory. */
export const directContactReaders: ContactReaders = {
  phone: normalizePhone,
  emailSuggestion: suggestEmailCorrection,
};

const MAX_REMEMBERED = 20_000;

export function rememberingContactReaders(limit = MAX_REMEMBERED): ContactReaders {
  const phones = new Map<string, ContactResult>();
  // By domain: the suggestion is the address's own local part before the corrected domain, so
  // what is remembered is the text after the "@" (or that there is nothing to suggest).
  const domains = new Map<string, string | null>();
  return {
    phone(raw, country) {
      const key = `${country}\u0000${raw}`;
      const known = phones.get(key);
      if (known !== undefined) return known;
      const result = normalizePhone(raw, country);
      if (phones.size >= limit) phones.clear();
      phones.set(key, result);
      return result;
    },
    emailSuggestion(email) {
      const at = email.lastIndexOf('@');
      if (at <= 0) return suggestEmailCorrection(email);
      const domain = email.slice(at + 1);
      const known = domains.get(domain);
      if (known !== undefined) return known === null ? null : `${email.slice(0, at)}@${known}`;
      const suggestion = suggestEmailCorrection(email);
      if (domains.size >= limit) domains.clear();
      domains.set(domain, suggestion === null ? null : suggestion.slice(at + 1));
      return suggestion;
    },
  };
}
