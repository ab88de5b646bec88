// Listings figures: 50,000 listings × 10,000 leads matched (each lead's best 6 with reasons),
// the index the app keeps (built once, then updated in place), and an incremental update of
// 500 changed listings followed by re-matching every lead. The baseline does the same matching
// by scanning every listing for every lead (rankMatches). Each figure is printed as wall time
// and as this process's CPU time (the build machine is shared: the CPU figure is what an idle
// machine would show). Printed beside floor and goal, never asserted.
import { performance } from 'node:perf_hooks';
import type { Lead } from '../../src-shared/domain';
import { criteriaOf, rankMatches } from '../../src-shared/listings/match';
import type { MatchCriteria } from '../../src-shared/listings/match';
import { ListingIndex } from '../../src-shared/listings/match-index';
import { readHomePreferences } from '../../src-shared/listings/preferences';
import { BENCH_CITIES, L0, listingBook } from '../../src-shared/listings/test-fixtures';
import { makeLead } from '../../src-shared/scoring/test-fixtures';
import { seededRandom } from '../../src-shared/seeded-random';
import { figure } from './stats';

const LISTINGS = 50_000;
const LEADS = 10_000;
const LIMIT = 6;

function ms(value: number): string {
  return `${value.toFixed(0)} ms`;
}

/** Runs `work` and returns its wall and CPU (user + system) milliseconds. */
function timed<T>(work: () => T): { value: T; wall: number; cpu: number } {
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  const value = work();
  const wall = performance.now() - start;
  const used = process.cpuUsage(cpuStart);
  return { value, wall, cpu: (used.user + used.system) / 1000 };
}

function both(run: { wall: number; cpu: number }): string {
  return `${ms(run.wall)} wall, ${ms(run.cpu)} CPU`;
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

  const built = timed(() => new ListingIndex(listings, L0));
  const index = built.value;
  console.log(
    `index built from ${String(LISTINGS)} listings: ${both(built)} (${String(index.size)} for sale)`,
  );
  const matchAll = () => {
    let found = 0;
    for (const c of criteria) found += index.matchesFor(c, L0, none, LIMIT).length;
    return found;
  };
  const matched = timed(matchAll);
  const matchedMs = matched.wall;
  figure('50k listings x 10k leads matched, wall', matched.wall, 'ms', { floor: '< 5 s', goal: '< 1 s' });
  figure('50k listings x 10k leads matched, CPU', matched.cpu, 'ms', { floor: '< 5 s', goal: '< 1 s' });
  console.log(
    `${String(LISTINGS)} listings × ${String(LEADS)} leads matched (best ${String(LIMIT)} each, with reasons), index: ${both(matched)} (${String(matched.value)} matches) [floor < 5 s, goal < 1 s]`,
  );
  const area = criteria.filter((c) => c.cities.size > 0 || c.zips.size > 0);
  const bandOnly = criteria.filter((c) => c.cities.size === 0 && c.zips.size === 0);
  for (const [label, group] of [
    ['with an area', area],
    ['with only a budget', bandOnly],
  ] as const) {
    const run = timed(() => {
      for (const c of group) index.matchesFor(c, L0, none, LIMIT);
    });
    console.log(
      `  of which ${String(group.length)} leads ${label}: ${both(run)} (${(run.cpu / Math.max(1, group.length)).toFixed(3)} ms CPU a lead)`,
    );
  }

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
  const updated = timed(() => index.update(changed));
  figure('incremental update of 500 changed listings, wall', updated.wall, 'ms', { floor: '< 200 ms' });
  const rematched = timed(matchAll);
  console.log(
    `incremental update of 500 changed listings (price cuts, pending): ${both(updated)} [floor < 200 ms]; every lead re-matched after it: ${both(rematched)} (${String(rematched.value)} matches)`,
  );
  const byId = new Map(changed.map((c) => [c.id, c]));
  const current = listings.map((l) => byId.get(l.id) ?? l);
  const rebuilt = timed(() => new ListingIndex(current, L0));
  console.log(`baseline, the index rebuilt from scratch instead: ${both(rebuilt)}`);
  await Promise.resolve();
}
