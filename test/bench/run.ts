// `npm run bench [-- name ...] [-- --json FILE]`: runs every benchmark suite (or the named ones)
// and prints figures; with --json, also writes every figure (name, unit, value, floor, goal) to
// FILE. Nothing here asserts a timing; the figures go into the issue notes and docs.
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { beginSuite, recordedFigures } from './stats';

const suites: Record<string, () => Promise<void>> = {
  storage: async () => (await import('./storage.bench')).runStorageBench(),
  engine: async () => (await import('./engine.bench')).runEngineBench(),
  scoring: async () => (await import('./scoring.bench')).runScoringBench(),
  grid: async () => (await import('./grid.bench')).runGridBench(),
  timeline: async () => (await import('./timeline.bench')).runTimelineBench(),
  imports: async () => (await import('./imports.bench')).runImportsBench(),
  sync: async () => (await import('./sync.bench')).runSyncBench(),
  claims: async () => (await import('./claims.bench')).runClaimsBench(),
  intake: async () => (await import('./intake.bench')).runIntakeBench(),
  routing: async () => (await import('./routing.bench')).runRoutingBench(),
  assistant: async () => (await import('./assistant.bench')).runAssistantBench(),
  listings: async () => (await import('./listings.bench')).runListingsBench(),
  alerts: async () => (await import('./alerts.bench')).runAlertsBench(),
};

const args = process.argv.slice(2);
const jsonAt = args.indexOf('--json');
const jsonFile = jsonAt >= 0 ? args[jsonAt + 1] : undefined;
if (jsonAt >= 0 && (jsonFile === undefined || jsonFile.startsWith('--'))) {
  console.error('--json needs a file name: npm run bench -- storage --json figures.json');
  process.exit(2);
}
const wanted = args.filter((_, i) => jsonAt < 0 || (i !== jsonAt && i !== jsonAt + 1));
const unknown = wanted.filter((name) => !(name in suites));
if (unknown.length > 0) {
  console.error(`Unknown bench suite(s): ${unknown.join(', ')}. Known: ${Object.keys(suites).join(', ')}.`);
  process.exit(2);
}
const loadAtStart = loadavg()[0] ?? 0;
console.log(`machine: ${cpus().length} cores, load average ${loadAtStart.toFixed(1)} at start`);
for (const [name, run] of Object.entries(suites)) {
  if (wanted.length > 0 && !wanted.includes(name)) continue;
  console.log(`\n=== ${name} ===`);
  beginSuite(name);
  await run();
}
const loadAtEnd = loadavg()[0] ?? 0;
console.log(`\nload average ${loadAtEnd.toFixed(1)} at the end`);
if (jsonFile !== undefined) {
  const machine = { cores: cpus().length, loadAtStart, loadAtEnd };
  writeFileSync(
    jsonFile,
    `${JSON.stringify({ at: new Date().toISOString(), machine, figures: recordedFigures() }, null, 2)}\n`,
  );
  console.log(`${recordedFigures().length} figures written to ${jsonFile}`);
}

export {};
