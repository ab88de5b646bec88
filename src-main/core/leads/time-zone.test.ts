import { describe, expect, it } from 'vitest';
import { deriveTimeZone } from './time-zone';

describe('deriveTimeZone', () => {
  it('keeps a valid zone a person gave', async () => {
    expect(await deriveTimeZone({ timeZone: 'Europe/Lisbon', phone: '+12125550100' })).toEqual({
      timeZone: 'Europe/Lisbon',
      timeZoneSource: 'given',
    });
  });

  it('prefers the ZIP over the phone (people keep their number when they move)', async () => {
    expect(await deriveTimeZone({ address: { zip: '98109' }, phone: '+12125550100' })).toEqual({
      timeZone: 'America/Los_Angeles',
      timeZoneSource: 'zip',
    });
  });

  it('uses ZIP+4 by its first five digits', async () => {
    expect((await deriveTimeZone({ address: { zip: '60614-1234' } })).timeZone).toBe('America/Chicago');
  });

  it.each([
    ['+13055550100', 'America/New_York'],
    ['+16025550100', 'America/Phoenix'],
    ['+18085550100', 'Pacific/Honolulu'],
  ])('reads the area code of %s', async (phone, zone) => {
    expect(await deriveTimeZone({ phone })).toEqual({ timeZone: zone, timeZoneSource: 'phone' });
  });

  it.each([
    ['TX', 'America/Chicago'],
    ['ca', 'America/Los_Angeles'],
    ['FL', 'America/New_York'],
  ])('falls back to the state %s', async (state, zone) => {
    expect(await deriveTimeZone({ address: { state } })).toEqual({ timeZone: zone, timeZoneSource: 'state' });
  });

  it('leaves the zone empty when nothing tells, naming the country when known', async () => {
    expect(await deriveTimeZone({})).toEqual({ timeZone: '', timeZoneSource: 'unknown' });
    expect(await deriveTimeZone({ address: { country: 'CA' } })).toEqual({
      timeZone: '',
      timeZoneSource: 'country',
    });
  });

  it('does not read a US ZIP for another country', async () => {
    expect((await deriveTimeZone({ address: { zip: '10001', country: 'FR' } })).timeZoneSource).toBe(
      'country',
    );
  });
});
