// How the matches panel words a lead's preferences and a home (pure, so it is tested alone).
import type { Listing } from '../../../src-shared/domain';
import { homeKindLabels } from '../../../src-shared/listings/home-kind';
import type { LeadHomePreferences, Preference } from '../../../src-shared/listings/preferences';
import { preferenceSourceLabels } from '../../../src-shared/listings/preferences';
import { shortPrice } from '../../../src-shared/listings/match';

export interface PreferenceLine {
  label: string;
  value: string;
  source: string;
}

function line<T>(label: string, part: Preference<T> | null, words: (value: T) => string): PreferenceLine {
  return part === null
    ? { label, value: 'not said', source: '' }
    : {
        label,
        value: words(part.value),
        source: `${preferenceSourceLabels[part.source]}${part.source === 'agent' ? '' : `: “${part.evidence}”`}`,
      };
}

export function preferenceLines(preferences: LeadHomePreferences): PreferenceLine[] {
  return [
    line('Areas', preferences.areas, (areas) => [...areas.cities, ...areas.zips].join(', ') || 'anywhere'),
    line('Price', preferences.price, ({ min, max }) =>
      min !== undefined && max !== undefined
        ? `${shortPrice(min)}–${shortPrice(max)}`
        : max !== undefined
          ? `up to ${shortPrice(max)}`
          : `from ${shortPrice(min ?? 0)}`,
    ),
    line('Beds', preferences.bedsMin, (beds) => `${String(beds)}+`),
    line('Baths', preferences.bathsMin, (baths) => `${String(baths)}+`),
    line('Type', preferences.types, (types) => types.map((kind) => homeKindLabels[kind]).join(', ')),
  ];
}

export function homeTitle(listing: Listing): string {
  return (
    [listing.UnparsedAddress, listing.City].filter((part) => part !== undefined && part !== '').join(', ') ||
    `MLS ${listing.ListingId ?? listing.ListingKey}`
  );
}

export function homeFacts(listing: Listing): string {
  return [
    `$${listing.ListPrice.toLocaleString('en-US')}`,
    ...(listing.BedroomsTotal === undefined ? [] : [`${String(listing.BedroomsTotal)} bd`]),
    ...(listing.BathroomsTotalInteger === undefined ? [] : [`${String(listing.BathroomsTotalInteger)} ba`]),
    ...(listing.LivingArea === undefined ? [] : [`${listing.LivingArea.toLocaleString('en-US')} sq ft`]),
  ].join(' · ');
}

/** "Maple Grove, 55369" -> cities and ZIPs, as the agent typed them. */
export function splitAreas(text: string): { cities: string[]; zips: string[] } {
  const parts = text
    .split(/[,;\n]/)
    .map((part) => part.trim())
    .filter((part) => part !== '');
  return {
    cities: parts.filter((part) => !/^\d{5}(-\d{4})?$/.test(part)),
    zips: parts.filter((part) => /^\d{5}(-\d{4})?$/.test(part)),
  };
}
