// A mistyped provider is offered its likely correction; a right or unguessable address is left
// alone, and the part before the @ is kept as the person wrote it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { suggestEmailCorrection } from './email-typo';

describe('suggestEmailCorrection', () => {
  it('offers the provider a typo was meant to be', () => {
    expect(suggestEmailCorrection('john@gmial.com')).toBe('john@gmail.com');
    expect(suggestEmailCorrection('John.Smith@gmail.con')).toBe('John.Smith@gmail.com');
    expect(suggestEmailCorrection('ana@yaho.com')).toBe('ana@yahoo.com');
    expect(suggestEmailCorrection('sam@hotmial.com')).toBe('sam@hotmail.com');
    expect(suggestEmailCorrection('lee@outlok.com')).toBe('lee@outlook.com');
    expect(suggestEmailCorrection(' kim@GMAIL.CM ')).toBe('kim@gmail.com');
  });

  it('mends a mistyped ending on a domain it does not know', () => {
    expect(suggestEmailCorrection('dana@reyesrealty.cmo')).toBe('dana@reyesrealty.com');
    expect(suggestEmailCorrection('dana@reyesrealty.nte')).toBe('dana@reyesrealty.net');
  });

  it('leaves right, unknown and broken addresses alone', () => {
    for (const email of [
      'john@gmail.com',
      'ava@example.com',
      'ops@brokerage.org',
      'team@lakeside.realty',
      'x@mail.co',
      'not-an-email',
      '@gmail.com',
      'john@',
    ])
      expect(suggestEmailCorrection(email), email).toBeNull();
  });

  it('never changes what is before the @, and never suggests the address itself', () => {
    fc.assert(
      fc.property(fc.emailAddress(), (email) => {
        const suggestion = suggestEmailCorrection(email);
        if (suggestion === null) return;
        expect(suggestion).not.toBe(email.trim());
        expect(suggestion.slice(0, suggestion.lastIndexOf('@'))).toBe(email.slice(0, email.lastIndexOf('@')));
      }),
    );
  });
});
