// Quiet hours are never crossed in the lead's zone, across DST changes in many zones.
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { addDelay } from './delays';
import { COUNTRY_ZONES, leadSendRules } from './lead-zones';
import type { SendPolicy } from './quiet-hours';
import { isAllowedAt, nextAllowedSendTime, windowOf } from './quiet-hours';

const ZONES = [
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Phoenix',
  'America/Los_Angeles',
  'America/Anchorage',
  'Pacific/Honolulu',
  'America/St_Johns',
  'America/Santiago',
  'America/Sao_Paulo',
  'America/Havana',
  'Europe/London',
  'Europe/Berlin',
  'Europe/Moscow',
  'Asia/Beirut',
  'Asia/Tehran',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Australia/Sydney',
  'Australia/Lord_Howe',
  'Australia/Adelaide',
  'Pacific/Auckland',
  'Pacific/Chatham',
  'Africa/Casablanca',
];
const POLICY: SendPolicy = {
  window: windowOf('08:00', '21:00'),
  weekdays: [1, 2, 3, 4, 5, 6, 7],
  holidays: [],
};
const MINUTE = 60_000;
/** 2024-01-01 … 2027-12-31: several DST seasons in both hemispheres. */
const instant = fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2027, 11, 31) });

function transitionsNear(zone: string, year: number): number[] {
  // The instants where the zone's offset changes, found hour by hour: the dense spots to test.
  const out: number[] = [];
  let previous = DateTime.fromMillis(Date.UTC(year, 0, 1), { zone }).offset;
  for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); t += 3_600_000) {
    const offset = DateTime.fromMillis(t, { zone }).offset;
    if (offset !== previous) out.push(t);
    previous = offset;
  }
  return out;
}

describe('quiet hours', () => {
  it('QH1: never returns a time inside quiet hours, and never an earlier one', () => {
    fc.assert(
      fc.property(instant, fc.constantFrom(...ZONES), (at, zone) => {
        const next = nextAllowedSendTime(at, [zone], POLICY);
        expect(next).toBeGreaterThanOrEqual(at);
        expect(isAllowedAt(next, zone, POLICY)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('QH2: it is the first allowed minute: nothing allowed was skipped', () => {
    fc.assert(
      fc.property(instant, fc.constantFrom(...ZONES), (at, zone) => {
        const next = nextAllowedSendTime(at, [zone], POLICY);
        if (next === at) return;
        expect(DateTime.fromMillis(next, { zone }).second).toBe(0);
        for (let t = next - MINUTE; t >= at; t -= 15 * MINUTE)
          expect(isAllowedAt(t, zone, POLICY)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('QH3: holds on every DST change day, from every minute around the change', () => {
    for (const zone of ZONES) {
      for (const change of transitionsNear(zone, 2026)) {
        for (let at = change - 30 * 3_600_000; at < change + 30 * 3_600_000; at += 17 * MINUTE) {
          const next = nextAllowedSendTime(at, [zone], POLICY);
          expect(isAllowedAt(next, zone, POLICY), `${zone} ${new Date(at).toISOString()}`).toBe(true);
        }
      }
    }
  });

  it('QH4: a delay of days then quiet hours lands at the same local minute across DST', () => {
    fc.assert(
      fc.property(instant, fc.constantFrom(...ZONES), fc.integer({ min: 1, max: 60 }), (at, zone, days) => {
        const start = nextAllowedSendTime(at, [zone], POLICY);
        const due = addDelay(start, { amount: days, unit: 'days' }, zone);
        const next = nextAllowedSendTime(due, [zone], POLICY);
        expect(isAllowedAt(next, zone, POLICY)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('QH5: an unknown zone gets a time allowed in every zone of the country', () => {
    const rules = leadSendRules(
      { timeZone: '', address: { country: 'US' } },
      {
        defaultWindow: windowOf('08:00', '21:00'),
        stateWindows: { FL: windowOf('08:00', '20:00'), OK: windowOf('08:00', '20:00') },
        teamTimeZone: 'America/New_York',
        defaultCountry: 'US',
      },
    );
    expect(rules.window).toEqual(windowOf('08:00', '20:00'));
    const policy: SendPolicy = { ...POLICY, window: rules.window };
    fc.assert(
      fc.property(instant, (at) => {
        const next = nextAllowedSendTime(at, rules.zones, policy);
        for (const zone of COUNTRY_ZONES.US ?? []) expect(isAllowedAt(next, zone, policy)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('QH6: weekdays and holidays are respected', () => {
    const policy: SendPolicy = { ...POLICY, weekdays: [1, 2, 3, 4, 5], holidays: ['2026-07-03'] };
    // Thursday 2026-07-02 22:00 in New York -> Friday is a holiday, the weekend is closed -> Monday 08:00.
    const at = DateTime.fromISO('2026-07-02T22:00', { zone: 'America/New_York' }).toMillis();
    const next = DateTime.fromMillis(nextAllowedSendTime(at, ['America/New_York'], policy), {
      zone: 'America/New_York',
    });
    expect(next.toISO()).toBe('2026-07-06T08:00:00.000-04:00');
  });

  it('QH7: Florida leads get 08:00–20:00 by default', () => {
    const rules = leadSendRules(
      { timeZone: 'America/New_York', address: { state: 'fl', country: 'US' } },
      {
        defaultWindow: windowOf('08:00', '21:00'),
        stateWindows: { FL: windowOf('08:00', '20:00') },
        teamTimeZone: 'America/New_York',
        defaultCountry: 'US',
      },
    );
    const at = DateTime.fromISO('2026-03-10T20:30', { zone: 'America/New_York' }).toMillis();
    const next = nextAllowedSendTime(at, rules.zones, { ...POLICY, window: rules.window });
    expect(DateTime.fromMillis(next, { zone: 'America/New_York' }).toISO()).toBe(
      '2026-03-11T08:00:00.000-04:00',
    );
  });
});

describe('delays', () => {
  it('business days skip weekends and holidays, keeping the local time', () => {
    const zone = 'America/Chicago';
    const friday = DateTime.fromISO('2026-11-06T10:15', { zone }).toMillis();
    const due = addDelay(friday, { amount: 2, unit: 'business_days' }, zone, ['2026-11-09']);
    expect(DateTime.fromMillis(due, { zone }).toISO()).toBe('2026-11-11T10:15:00.000-06:00');
  });

  it('days keep the wall time across the autumn change', () => {
    const zone = 'America/New_York';
    const before = DateTime.fromISO('2026-10-31T10:00', { zone }).toMillis();
    const due = addDelay(before, { amount: 1, unit: 'days' }, zone);
    expect(DateTime.fromMillis(due, { zone }).toFormat('HH:mm')).toBe('10:00');
    expect(due - before).toBe(25 * 3_600_000);
  });
});
