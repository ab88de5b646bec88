// Listings for the matching tests and the bench: complete documents with only the fields a
// test cares about given, and a seeded book of homes across a few cities.
import type { Listing } from '../domain';
import { listingDocId, standardStatuses } from '../domain';
import { seededRandom } from '../seeded-random';

export const L0 = Date.parse('2026-03-02T15:00:00Z');
const DAY = 86_400_000;

export function makeListing(fields: Partial<Listing> = {}): Listing {
  const key = fields.ListingKey ?? 'K1';
  return {
    id: listingDocId('reso', key),
    teamId: 'team',
    ownerId: 'agent',
    updatedAt: L0,
    feed: 'reso',
    ListingKey: key,
    StandardStatus: 'Active',
    ListPrice: 425_000,
    BedroomsTotal: 3,
    BathroomsTotalInteger: 2,
    PropertyType: 'Residential',
    PropertySubType: 'SingleFamilyResidence',
    UnparsedAddress: '12 Elm St',
    City: 'Maple Grove',
    StateOrProvince: 'MN',
    PostalCode: '55311',
    photos: [{ url: 'https://photos.example.com/k1.jpg' }],
    publicUrl: 'https://homes.example.com/k1',
    ModificationTimestamp: L0 - DAY,
    listedAt: L0 - 20 * DAY,
    demo: false,
    ...fields,
  };
}

export const BENCH_CITIES = [
  'Maple Grove',
  'Plymouth',
  'Edina',
  'Eden Prairie',
  'Minnetonka',
  'Wayzata',
  'Bloomington',
  'Richfield',
  'Roseville',
  'Woodbury',
  'Eagan',
  'Burnsville',
  'Apple Valley',
  'Lakeville',
  'Shakopee',
  'Chaska',
  'Chanhassen',
  'Blaine',
  'Coon Rapids',
  'Anoka',
];
const SUBTYPES = ['SingleFamilyResidence', 'Condominium', 'Townhouse', 'Duplex'];

/** `count` listings spread over the bench cities, prices $150k–$1.5M, some cut, some sold. */
export function listingBook(count: number, seed = 7): Listing[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const listings: Listing[] = [];
  for (let i = 0; i < count; i += 1) {
    const cityIndex = Math.floor(random() * BENCH_CITIES.length);
    const price = Math.round((150_000 + random() * 1_350_000) / 1000) * 1000;
    const cut = random() < 0.1;
    const status = random() < 0.85 ? 'Active' : pick(standardStatuses);
    listings.push(
      makeListing({
        ListingKey: `B${String(i)}`,
        ListPrice: price,
        ...(cut ? { PreviousListPrice: price + 15_000, PriceChangeTimestamp: L0 - 2 * DAY } : {}),
        StandardStatus: status,
        BedroomsTotal: 1 + Math.floor(random() * 5),
        BathroomsTotalInteger: 1 + Math.floor(random() * 3),
        PropertySubType: pick(SUBTYPES),
        City: BENCH_CITIES[cityIndex] as string,
        PostalCode: String(55300 + cityIndex),
        UnparsedAddress: `${String(1 + Math.floor(random() * 9000))} Oak Ave`,
        listedAt: L0 - Math.floor(random() * 60) * DAY,
        ModificationTimestamp: L0 - Math.floor(random() * 30) * DAY,
      }),
    );
  }
  return listings;
}
