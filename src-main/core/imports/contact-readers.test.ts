// A run's remembered readers answer exactly as the direct ones, for the first and every later
// row with the same text, and for other addresses at a remembered domain.
import { describe, expect, it } from 'vitest';
import { normalizePhone } from '../../../src-shared/leads/contact';
import { suggestEmailCorrection } from '../../../src-shared/leads/email-typo';
import { rememberingContactReaders } from './contact-readers';

const emails = [
  'john@gmial.com',
  'mary.ann@gmial.com',
  'john@gmail.com',
  'ann@example.cmo',
  'bo@example.cmo',
  'ann@example.com',
  'x@yaho.com',
  'sam+homes@hotmial.com',
  'sam@hotmial.com',
];
const phones = ['(312) 555-0123', '312-555-0123', '555-12', '+44 20 7946 0958', '(312) 555-0123', '12'];

describe('remembered contact readers', () => {
  it('suggest the same correction as the typo check, for each address at a remembered domain', () => {
    const readers = rememberingContactReaders();
    for (const round of [1, 2])
      for (const email of emails)
        expect([round, email, readers.emailSuggestion(email)]).toEqual([
          round,
          email,
          suggestEmailCorrection(email),
        ]);
    expect(readers.emailSuggestion('mary.ann@gmial.com')).toBe('mary.ann@gmail.com');
  });

  it('read phones as the phone reader does, in each country, also once the memory was cleared', () => {
    const readers = rememberingContactReaders(2);
    for (const _round of [1, 2])
      for (const country of ['US', 'GB'])
        for (const phone of phones)
          expect(readers.phone(phone, country)).toEqual(normalizePhone(phone, country));
    expect(readers.phone('555-12', 'US')).toEqual({
      ok: false,
      message: 'phone "555-12" is not a valid US number',
    });
  });
});
