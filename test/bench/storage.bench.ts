// Storage benchmark (figures printed, never asserted):
// 1. RxDB's own harness (runPerformanceTests from rxdb/plugins/test-utils) on the memory storage
//    and on the SQLite storage (synchronous FULL, the default, and NORMAL) in the same process,
//    side by side with the ratio SQLite / memory per operation. Target: within 2x of memory.
// 2. Porchlight's leads collection (its real schema and indexes): 100,000 leads inserted
//    (target < 5 s), "stage = new, by score desc, limit 50" (target < 50 ms), the database
//    closed and reopened (target < 1 s).
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MangoQuerySelector, RxStorage } from 'rxdb';
import type { Lead } from '../../src-shared/domain';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { runPerformanceTests, type PerformanceTestResult } from 'rxdb/plugins/test-utils';
import { getRxStorageSqlite, type SynchronousMode } from '../../src-main/core/store/sqlite/index.js';
import { openPorchlightDatabase } from '../../src-main/core/store/database.js';
import { benchLeads } from './lead-fixtures.js';
import { ms, percentile, printTable } from './stats.js';

const HARNESS_RUNS = Number(process.env['STORAGE_BENCH_RUNS'] ?? 12);
const LEADS = 100_000;

function sqlite(dir: string, synchronous: SynchronousMode): RxStorage<unknown, unknown> {
  return getRxStorageSqlite({ path: join(dir, `harness-${synchronous}.db`), synchronous });
}

async function harness(dir: string): Promise<void> {
  const config = { runs: HARNESS_RUNS, log: false, waitBetweenTests: 20 };
  const results: PerformanceTestResult[] = [];
  results.push(await runPerformanceTests(getRxStorageMemory(), 'memory', config));
  results.push(await runPerformanceTests(sqlite(dir, 'FULL'), 'sqlite FULL', config));
  results.push(await runPerformanceTests(sqlite(dir, 'NORMAL'), 'sqlite NORMAL', config));
  const [memory, full, normal] = results;
  if (!memory || !full || !normal) return;
  const keys = Object.keys(memory).filter((k) => typeof memory[k] === 'number' && !/Amount$/.test(k));
  const ratio = (a: unknown, b: unknown) =>
    typeof a === 'number' && typeof b === 'number' ? `${(a / b).toFixed(2)}x` : '-';
  const cell = (v: unknown) => (typeof v === 'number' ? ms(v) : '-');
  printTable(
    `RxDB runPerformanceTests, ${HARNESS_RUNS} runs, ${memory.docsAmount} docs x ${memory.collectionsAmount} collections (average, top 5% dropped)`,
    [
      ['operation', 'memory', 'sqlite FULL', 'ratio', 'sqlite NORMAL', 'ratio'],
      ...keys.map((k) => [
        k,
        cell(memory[k]),
        cell(full[k]),
        ratio(full[k], memory[k]),
        cell(normal[k]),
        ratio(normal[k], memory[k]),
      ]),
    ],
  );
}

async function time<T>(work: () => Promise<T>): Promise<[number, T]> {
  const start = performance.now();
  const result = await work();
  return [performance.now() - start, result];
}

async function leads(dir: string): Promise<void> {
  const path = join(dir, 'leads.db');
  const open = () =>
    openPorchlightDatabase({ storage: getRxStorageSqlite({ path }), name: 'porchlight', path });
  const data = benchLeads(LEADS, Date.now());
  const rows: string[][] = [['what', 'time', 'target']];

  let db = await open();
  const [insert, written] = await time(() => db.leads.bulkInsert(data));
  rows.push([`insert ${LEADS.toLocaleString('en-US')} leads (one bulkInsert)`, ms(insert), '< 5 s']);
  if (written.error.length > 0) throw new Error(`${written.error.length} leads were not written`);

  const queryOnce = (selector: MangoQuerySelector<Lead>) =>
    time(() => db.leads.find({ selector, sort: [{ score: 'desc' }], limit: 50 }).exec());
  for (const [label, selector] of [
    ['stage = new, score desc, limit 50', { stage: 'new' }],
    ['same, live leads only (deletedAt = 0)', { deletedAt: 0, stage: 'new' }],
  ] as const) {
    const times: number[] = [];
    for (let i = 0; i < 20; i++) {
      // a fresh query object each time, so RxDB's query cache answers nothing
      const [t, docs] = await queryOnce({ ...selector, score: { $gte: 0 - i } });
      if (docs.length !== 50) throw new Error(`query returned ${docs.length} leads`);
      times.push(t);
    }
    rows.push([
      `${label} (first / median of 20)`,
      `${ms(times[0] ?? NaN)} / ${ms(percentile(times, 50))}`,
      '< 50 ms',
    ]);
  }
  // The first 3,000 leads were written first, so the bulk insert left them out of the document
  // cache (it keeps a large write's last documents): cold from SQLite, then from the cache.
  const firstIds = data.slice(0, 3000).map((lead) => lead.id);
  const byIds = async () => {
    const found = await db.leads.storageInstance.findDocumentsById(firstIds, false);
    if (found.length !== firstIds.length) throw new Error(`found ${found.length} leads`);
  };
  const [cold] = await time(byIds);
  const [cached] = await time(byIds);
  rows.push(['3,000 leads by id, storage call (cold / cached)', `${ms(cold)} / ${ms(cached)}`, '']);
  const [countTime, count] = await time(() =>
    db.leads.count({ selector: { deletedAt: 0, stage: 'closed' } }).exec(),
  );
  rows.push([`count stage = closed (${count})`, ms(countTime), '']);

  rows.push([
    'RSS of this process (harness runs, 100k input leads, RxDB documents)',
    `${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`,
    '',
  ]);
  const [closeTime] = await time(() => db.close());
  rows.push(['close (checkpoints the WAL)', ms(closeTime), '']);
  const [reopen] = await time(async () => {
    db = await open();
    return db.leads.findOne('bench-0000042').exec();
  });
  rows.push(['reopen the database and read one lead', ms(reopen), '< 1 s']);
  const [firstQuery] = await queryOnce({ stage: 'new' });
  rows.push(['first query after reopen', ms(firstQuery), '']);
  await db.close();
  rows.push(['file size', `${(statSync(path).size / 1e6).toFixed(1)} MB`, '']);
  printTable(
    `Porchlight leads on the SQLite storage (${LEADS.toLocaleString('en-US')} leads, synchronous FULL)`,
    rows,
  );
}

export async function runStorageBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'porchlight-storage-bench-'));
  try {
    await harness(dir);
    await leads(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
