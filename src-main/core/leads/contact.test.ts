import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeEmail, normalizePhone } from './contact';

describe('normalizePhone', () => {
  it.each([
    ['(305) 555-0142', 'US', '+13055550142'],
    ['305.555.0142', 'US', '+13055550142'],
    ['+1 305 555 0142', 'GB', '+13055550142'],
    ['020 7946 0018', 'GB', '+442079460018'],
  ])('reads %s (default %s) as %s', (raw, country, expected) => {
    expect(normalizePhone(raw, country)).toEqual({ ok: true, value: expected });
  });

  it.each([['555-12'], ['12345678901234'], ['call me'], ['']])(
    'refuses %j with the value in the message',
    (raw) => {
      const result = normalizePhone(raw, 'US');
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.message).toContain(`"${raw.trim()}"`);
    },
  );

  it('is idempotent: an E.164 number normalises to itself', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 100, max: 199 }),
        fc.constantFrom('212', '305', '415', '512'),
        (line, area) => {
          const e164 = `+1${area}5550${line}`.slice(0, 12);
          const once = normalizePhone(e164, 'US');
          if (!once.ok) return true;
          expect(normalizePhone(once.value, 'US')).toEqual(once);
          return true;
        },
      ),
    );
  });
});

describe('normalizeEmail', () => {
  it('trims and lower-cases', () => {
    expect(normalizeEmail('  Ada.Lovelace@Example.COM ')).toEqual({
      ok: true,
      value: 'ada.lovelace@example.com',
    });
  });

  it.each([['not-an-email'], ['a@'], ['@example.com'], ['a b@example.com']])('refuses %j', (raw) => {
    expect(normalizeEmail(raw).ok).toBe(false);
  });
});
