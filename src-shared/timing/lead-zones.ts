// Which zones and which window apply to a lead. A known zone is used as is. An unknown zone
// uses every zone of the lead's country (the strictest common window, see quiet-hours.ts) and
// the strictest state window of that country. States whose law narrows calling/texting hours
// (Florida's FTSA, Oklahoma's OTSA: 8 a.m.–8 p.m.) get their own window by default.
import type { LocalWindow } from './quiet-hours';
import { intersectWindows } from './quiet-hours';

/** The zones of a country's populated mainland and main islands, east to west. */
export const COUNTRY_ZONES: Readonly<Record<string, readonly string[]>> = {
  US: [
    'America/Puerto_Rico',
    'America/New_York',
    'America/Chicago',
    'America/Denver',
    'America/Phoenix',
    'America/Los_Angeles',
    'America/Anchorage',
    'Pacific/Honolulu',
  ],
  CA: [
    'America/St_Johns',
    'America/Halifax',
    'America/Toronto',
    'America/Winnipeg',
    'America/Regina',
    'America/Edmonton',
    'America/Vancouver',
  ],
  MX: ['America/Cancun', 'America/Mexico_City', 'America/Mazatlan', 'America/Tijuana'],
  AU: ['Australia/Sydney', 'Australia/Brisbane', 'Australia/Adelaide', 'Australia/Darwin', 'Australia/Perth'],
  GB: ['Europe/London'],
  IE: ['Europe/Dublin'],
  NZ: ['Pacific/Auckland'],
};

export interface LeadLocation {
  timeZone: string;
  address?: { state?: string | undefined; country?: string | undefined } | undefined;
}

export interface ZoneRules {
  defaultWindow: LocalWindow;
  /** Narrower windows by US state code. */
  stateWindows: Readonly<Record<string, LocalWindow>>;
  /** Where a lead with no zone and an unlisted country is assumed to be. */
  teamTimeZone: string;
  /** Country assumed when the lead has none. */
  defaultCountry: string;
}

export interface LeadSendRules {
  zones: readonly string[];
  window: LocalWindow;
  /** True when the zone is a guess (the strictest window of the country is used). */
  zoneUnknown: boolean;
}

export function leadSendRules(lead: LeadLocation, rules: ZoneRules): LeadSendRules {
  const country = (lead.address?.country ?? rules.defaultCountry).toUpperCase();
  const state = lead.address?.state?.trim().toUpperCase();
  const stateWindow = country === 'US' && state !== undefined ? rules.stateWindows[state] : undefined;
  if (lead.timeZone !== '') {
    return {
      zones: [lead.timeZone],
      window: stateWindow === undefined ? rules.defaultWindow : narrowest(rules.defaultWindow, [stateWindow]),
      zoneUnknown: false,
    };
  }
  const zones = COUNTRY_ZONES[country] ?? [rules.teamTimeZone];
  const candidates =
    stateWindow !== undefined ? [stateWindow] : country === 'US' ? Object.values(rules.stateWindows) : [];
  return { zones, window: narrowest(rules.defaultWindow, candidates), zoneUnknown: true };
}

function narrowest(base: LocalWindow, others: readonly LocalWindow[]): LocalWindow {
  let window = base;
  for (const other of others) window = intersectWindows(window, other) ?? window;
  return window;
}
