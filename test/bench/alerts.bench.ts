// Property-alert figures (src-main/core/listings/property-alerts.ts) on a core with RxDB's memory
// storage: 50,000 listings of which 500 are news, 10,000 leads with home preferences, the alert
// playbook on. The scan a user's import sets off (every lead read, the ones news fits enrolled and
// their alert email materialised), then the same scan again at once (the baseline: every lead
// read, none may have another alert yet), then a scan with no news at all (what start-up and a
// window's end cost when nothing happened). Wall and CPU time printed, never asserted.
import { performance } from 'node:perf_hooks';
import type { Lead } from '../../src-shared/domain';
import { BENCH_CITIES, L0, listingBook } from '../../src-shared/listings/test-fixtures';
import { makeLead } from '../../src-shared/scoring/test-fixtures';
import { seededRandom } from '../../src-shared/seeded-random';
import { scanPropertyAlerts } from '../../src-main/core/listings/property-alerts';
import { installBuiltIns } from '../../src-main/core/sequences/sequence-store';
import { createTestCore } from '../../src-main/core/testing/test-core';
import { figure } from './stats';

const LISTINGS = 50_000;
const NEWS = 500;
const LEADS = 10_000;
const CHUNK = 2000;

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; wall: number; cpu: number }> {
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  const value = await work();
  const wall = performance.now() - start;
  const used = process.cpuUsage(cpuStart);
  return { value, wall, cpu: (used.user + used.system) / 1000 };
}

function leadsWithPreferences(count: number): Lead[] {
  const random = seededRandom(41);
  return Array.from({ length: count }, (_, i) => {
    const city = BENCH_CITIES[Math.floor(random() * BENCH_CITIES.length)] ?? 'Edina';
    return makeLead({
      id: `lead-${String(i)}`,
      createdAt: L0 - 30 * 86_400_000,
      homePreferences: {
        cities: [city],
        priceMax: Math.round(250 + random() * 800) * 1000,
        bedsMin: 1 + Math.floor(random() * 3),
      },
    });
  });
}

export async function runAlertsBench(): Promise<void> {
  const core = await createTestCore({ start: L0 });
  try {
    await installBuiltIns(core.ctx);
    await core.invoke('sequences-set-status', { id: 'builtin-property-alerts', status: 'active' });
    const listings = listingBook(LISTINGS, 7).map((listing, i) =>
      i < NEWS ? { ...listing, alertAt: L0 - 3_600_000, alertKind: 'new' as const } : listing,
    );
    for (let at = 0; at < listings.length; at += CHUNK)
      await core.ctx.db.listings.bulkInsert(listings.slice(at, at + CHUNK));
    const leads = leadsWithPreferences(LEADS);
    for (let at = 0; at < leads.length; at += CHUNK)
      await core.ctx.db.leads.bulkInsert(leads.slice(at, at + CHUNK));
    console.log(`book: ${String(LISTINGS)} listings (${String(NEWS)} news), ${String(LEADS)} leads`);

    const report = (name: string, run: { wall: number; cpu: number }) => {
      figure(name, run.wall, 'ms');
      console.log(`${name}: ${run.wall.toFixed(0)} ms wall, ${run.cpu.toFixed(0)} ms CPU`);
    };
    const first = await timed(() => scanPropertyAlerts(core.ctx));
    report(`scan with news (${String(first.value.enrolled)} leads enrolled)`, first);
    const again = await timed(() => scanPropertyAlerts(core.ctx));
    report(`same scan again, the window holds every lead (${String(again.value.enrolled)} enrolled)`, again);
    await core.clock.advanceTo(L0 + 8 * 86_400_000);
    const quiet = await timed(() => scanPropertyAlerts(core.ctx));
    report('scan with no news (a week on)', quiet);
    console.log(
      `  per lead: ${(first.wall / LEADS).toFixed(2)} ms with news, ${(again.wall / LEADS).toFixed(2)} ms held back`,
    );
  } finally {
    await core.close();
  }
}
