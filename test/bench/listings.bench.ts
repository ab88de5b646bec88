// Listings figures: 50,000 listings × 10,000 leads matched (each lead's best 6 with reasons),
// the index the app keeps (built once, then updated in place), and an incremental update of
// 500 changed listings followed by re-matching every lead. The baseline does the same matching
// by scanning every listing for every lead (rankMatches). Printed, never asserted.
import { performance } from 'node:perf_hooks';
import type { Lead } from '../../src-shared/domain';
import { criteriaOf, rankMatches } from '../../src-shared/listings/match';
import type { MatchCriteria } from '../../src-shared/listings/match';
import { ListingIndex } from '../../src-shared/listings/match-index';
import { readHomePreferences } from '../../src-shared/listings/preferences';
import { BENCH_CITIES, L0, listingBook } from '../../src-shared/listings/test-fixtures';
import { makeLead } from '../../src-shared/scoring/test-fixtures';
import { seededRandom } from '../../src-shared/seeded-random';

const LISTINGS = 50_000;
const LEADS = 10_000;
const LIMIT = 6;

function ms(value: number): string {
  return `${value.toFixed(0)} ms`;
}

function leadBook(count: number): Lead[] {
  const random = seededRandom(99);
  return Array.from({ length: count }, (_, i) => {
    const city = BENCH_CITIES[Math.floor(random() * BENCH_CITIES.length)] ?? 'Edina';
    const top = Math.round(200 + random() * 900) * 1000;
    const beds = 1 + Math.floor(random() * 4);
    // Most leads name an area; one in ten gives only a budget.
    const notes =
      random() < 0.9
        ? `Looking in ${city}, ${String(beds)} beds, under $${String(top / 1000)}k`
        : `Budget up to $${String(top / 1000)}k`;
    return makeLead({ id: `lead-${String(i)}`, notes });
  });
}

export async function runListingsBench(): Promise<void> {
  const listings = listingBook(LISTINGS, 7);
  const leads = leadBook(LEADS);
  console.log(`book: ${String(listings.length)} listings, ${String(leads.length)} leads`);
  const start = performance.now();
  const criteria: MatchCriteria[] = leads.map((lead) =>
    criteriaOf(readHomePreferences({ lead, inquiry: [], knownCities: BENCH_CITIES })),
  );
  console.log(
    `preferences read for ${String(LEADS)} leads (from their notes): ${ms(performance.now() - start)}`,
  );
  const none = new Set<string>();

  const built = performance.now();
  const index = new ListingIndex(listings);
  console.log(
    `index built from ${String(LISTINGS)} listings: ${ms(performance.now() - built)} (${String(index.size)} for sale)`,
  );
  let found = 0;
  const matched = performance.now();
  for (const c of criteria) found += index.matchesFor(c, L0, none, LIMIT).length;
  const matchedMs = performance.now() - matched;
  console.log(
    `${String(LISTINGS)} listings × ${String(LEADS)} leads matched (best ${String(LIMIT)} each, with reasons), index: ${ms(matchedMs)} (${String(found)} matches)`,
  );

  // Baseline: the same matches by scanning every listing for every lead, on a sample, scaled.
  const sample = 500;
  const scanned = performance.now();
  let baseFound = 0;
  for (const c of criteria.slice(0, sample)) baseFound += rankMatches(c, listings, L0, none, LIMIT).length;
  const scanMs = ((performance.now() - scanned) / sample) * LEADS;
  console.log(
    `baseline, every listing scanned per lead (${String(sample)} leads measured, scaled to ${String(LEADS)}): ${ms(scanMs)} (${String(baseFound)} matches in the sample); index ${(scanMs / matchedMs).toFixed(1)}x faster`,
  );

  const random = seededRandom(5);
  const changed = Array.from({ length: 500 }, () => {
    const listing = listings[Math.floor(random() * listings.length)] ?? listings[0];
    if (listing === undefined) throw new Error('no listings');
    return random() < 0.3
      ? { ...listing, StandardStatus: 'Pending' as const }
      : {
          ...listing,
          PreviousListPrice: listing.ListPrice,
          ListPrice: Math.max(50_000, listing.ListPrice - 15_000),
          PriceChangeTimestamp: L0,
        };
  });
  const updated = performance.now();
  index.update(changed);
  const updateMs = performance.now() - updated;
  const rematched = performance.now();
  let after = 0;
  for (const c of criteria) after += index.matchesFor(c, L0, none, LIMIT).length;
  console.log(
    `incremental update of 500 changed listings (price cuts, pending): ${ms(updateMs)}; every lead re-matched after it: ${ms(performance.now() - rematched)} (${String(after)} matches)`,
  );
  const byId = new Map(changed.map((c) => [c.id, c]));
  const current = listings.map((l) => byId.get(l.id) ?? l);
  const rebuilt = performance.now();
  void new ListingIndex(current);
  console.log(`baseline, the index rebuilt from scratch instead: ${ms(performance.now() - rebuilt)}`);
  await Promise.resolve();
}
