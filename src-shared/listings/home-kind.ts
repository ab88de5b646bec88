// The kinds of home a lead asks for, and which kind a listing is. Leads say "condo" or
// "3-bed house"; feeds say RESO PropertyType "Residential" with PropertySubType
// "Condominium". Both are read onto the same small list so a preference can match a listing.
import type { Listing } from '../domain';

export const homeKinds = [
  'single-family',
  'condo',
  'townhouse',
  'multi-family',
  'land',
  'apartment',
] as const;
export type HomeKind = (typeof homeKinds)[number];

export const homeKindLabels: Record<HomeKind, string> = {
  'single-family': 'house',
  condo: 'condo',
  townhouse: 'townhouse',
  'multi-family': 'multi-family',
  land: 'land',
  apartment: 'apartment',
};

export function isHomeKind(value: string): value is HomeKind {
  return (homeKinds as readonly string[]).includes(value);
}

// RESO Data Dictionary PropertySubType lookups (and the spellings IDX exports use).
const subTypeKinds: [RegExp, HomeKind][] = [
  [/condo|stock ?cooperative|co-?op/i, 'condo'],
  [/town ?(house|home)|row ?house/i, 'townhouse'],
  [/duplex|triplex|quadruplex|multi-?family|fourplex/i, 'multi-family'],
  [/apartment/i, 'apartment'],
  [/single ?family|detached|manufactured|mobile|cabin|farm|ranch/i, 'single-family'],
  [/land|lot|acreage/i, 'land'],
];

/** The kind of a listing, from its subtype first and its RESO PropertyType otherwise. */
export function listingKind(listing: Pick<Listing, 'PropertyType' | 'PropertySubType'>): HomeKind | null {
  for (const text of [listing.PropertySubType, listing.PropertyType]) {
    if (text === undefined) continue;
    for (const [pattern, kind] of subTypeKinds) if (pattern.test(text)) return kind;
  }
  if (listing.PropertyType === 'ResidentialIncome') return 'multi-family';
  if (listing.PropertyType === 'Residential') return 'single-family';
  return null;
}
