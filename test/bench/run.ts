// `npm run bench [-- name ...]`: runs every benchmark suite (or the named ones) and prints
// figures. Nothing here asserts a timing; the figures go into the issue notes and docs.
const suites: Record<string, () => Promise<void>> = {
  storage: async () => (await import('./storage.bench')).runStorageBench(),
  engine: async () => (await import('./engine.bench')).runEngineBench(),
  scoring: async () => (await import('./scoring.bench')).runScoringBench(),
  grid: async () => (await import('./grid.bench')).runGridBench(),
  imports: async () => (await import('./imports.bench')).runImportsBench(),
  sync: async () => (await import('./sync.bench')).runSyncBench(),
  claims: async () => (await import('./claims.bench')).runClaimsBench(),
  assistant: async () => (await import('./assistant.bench')).runAssistantBench(),
};

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !(name in suites));
if (unknown.length > 0) {
  console.error(`Unknown bench suite(s): ${unknown.join(', ')}. Known: ${Object.keys(suites).join(', ')}.`);
  process.exit(2);
}
for (const [name, run] of Object.entries(suites)) {
  if (wanted.length > 0 && !wanted.includes(name)) continue;
  console.log(`\n=== ${name} ===`);
  await run();
}

export {};
