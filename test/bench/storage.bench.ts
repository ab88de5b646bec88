// Storage benchmark (figures printed and recorded, never asserted), each beside its floor: the
// same work done directly on better-sqlite3 (raw-sqlite.ts: same rows, same indexes, same
// synchronous mode).
// 1. RxDB's own harness (runPerformanceTests from rxdb/plugins/test-utils) on the memory storage
//    and on ours (synchronous FULL, the default, and NORMAL), and the harness's operations done
//    raw. The target is ours / raw per operation: <= 2x floor, <= 1.2x goal.
// 2. Porchlight's leads collection (its real schema and indexes), 100,000 leads: one bulkInsert,
//    core's grid query "stage = new, by score desc, limit 50" on live leads with the index core
//    names and with no index named (the storage plans it), and the first query after reopening.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RxStorage } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { runPerformanceTests, type PerformanceTestResult } from 'rxdb/plugins/test-utils';
import { getRxStorageSqlite, type SynchronousMode } from '../../src-main/core/store/sqlite/index.js';
import { openPorchlightDatabase } from '../../src-main/core/store/database.js';
import type { PorchlightDatabase } from '../../src-main/core/store/collections.js';
import { leadIndex, leadSelector } from '../../src-main/core/leads/query.js';
import { benchLeads } from './lead-fixtures.js';
import { storageAloneHarness } from './storage-alone.js';
import { openRaw, rawHarness, rawInsertLeads, rawLeadTable, rawStageQuery } from './raw-sqlite.js';
import { figure, ms, percentile, printTable } from './stats.js';

const HARNESS_RUNS = Number(process.env['STORAGE_BENCH_RUNS'] ?? 12);
const LEADS = Number(process.env['STORAGE_BENCH_LEADS'] ?? 100_000);
const SAMPLES = 20;

function sqlite(dir: string, synchronous: SynchronousMode): RxStorage<unknown, unknown> {
  return getRxStorageSqlite({ path: join(dir, `harness-${synchronous}.db`), synchronous });
}

async function harness(dir: string): Promise<void> {
  const config = { runs: HARNESS_RUNS, log: false, waitBetweenTests: 20 };
  const results: PerformanceTestResult[] = [];
  results.push(await runPerformanceTests(getRxStorageMemory(), 'memory', config));
  results.push(await runPerformanceTests(sqlite(dir, 'FULL'), 'sqlite FULL', config));
  results.push(await runPerformanceTests(sqlite(dir, 'NORMAL'), 'sqlite NORMAL', config));
  const rawFull = rawHarness(dir, 'FULL', HARNESS_RUNS);
  const rawNormal = rawHarness(dir, 'NORMAL', HARNESS_RUNS);
  const aloneFull = await storageAloneHarness(dir, 'FULL', HARNESS_RUNS);
  const [memory, full, normal] = results;
  if (!memory || !full || !normal) return;
  const keys = Object.keys(memory).filter((k) => typeof memory[k] === 'number' && !/Amount$/.test(k));
  const value = (v: unknown) => (typeof v === 'number' ? v : Number.NaN);
  const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}x`;
  printTable(
    `RxDB runPerformanceTests, ${HARNESS_RUNS} runs, ${memory.docsAmount} docs x ${memory.collectionsAmount} collections (average, top 5% dropped); raw = the same operations on better-sqlite3; alone = the same operations as calls on our storage instances, without RxDB's layer above them`,
    [
      [
        'operation',
        'memory',
        'raw FULL',
        'ours FULL',
        'ours/raw',
        'alone FULL',
        'alone/raw',
        'raw NORMAL',
        'ours NORMAL',
        'ours/raw',
      ],
      ...keys.map((k) => {
        const [m, f, n, rf, rn, af] = [
          value(memory[k]),
          value(full[k]),
          value(normal[k]),
          value(rawFull[k]),
          value(rawNormal[k]),
          value(aloneFull[k]),
        ];
        figure(`harness ${k}, ours FULL / raw FULL`, f / rf, 'x', { floor: '<= 2x', goal: '<= 1.2x' });
        figure(`harness ${k}, ours NORMAL / raw NORMAL`, n / rn, 'x', { floor: '<= 2x', goal: '<= 1.2x' });
        figure(`harness ${k}, ours FULL`, f, 'ms');
        figure(`harness ${k}, raw FULL`, rf, 'ms');
        figure(`harness ${k}, memory`, m, 'ms');
        // property-access is RxDB's document getters: the storage does no work there.
        const alone = Number.isNaN(af) ? ['-', '-'] : [ms(af), ratio(af, rf)];
        if (!Number.isNaN(af)) {
          figure(`harness ${k}, storage alone FULL`, af, 'ms');
          figure(`harness ${k}, storage alone FULL / raw FULL`, af / rf, 'x', {
            floor: '<= 2x',
            goal: '<= 1.2x',
          });
        }
        return [k, ms(m), ms(rf), ms(f), ratio(f, rf), ...alone, ms(rn), ms(n), ratio(n, rn)];
      }),
    ],
  );
}

async function time<T>(work: () => Promise<T> | T): Promise<[number, T]> {
  const start = performance.now();
  const result = await work();
  return [performance.now() - start, result];
}

/** Core's grid query for stage = new by score desc: its selector, with or without its index. */
const stageQuery = {
  deleted: false,
  stages: ['new' as const],
  sort: { field: 'score' as const, direction: 'desc' as const },
};
type Variant = 'named' | 'unnamed' | 'all leads';
/** `all leads`: { stage: 'new' } alone, deleted leads included, as code without the grid's help writes it. */
function coreQuery(db: PorchlightDatabase, variant: Variant) {
  const index = variant === 'named' ? leadIndex(stageQuery) : undefined;
  return db.leads.find({
    selector: variant === 'all leads' ? { stage: 'new' } : leadSelector(stageQuery),
    sort: [{ score: 'desc' }],
    limit: 50,
    ...(index === undefined ? {} : { index }),
  });
}

/** SAMPLES runs of the query, each a fresh RxQuery (RxDB's query cache is emptied before each). */
async function samples(db: PorchlightDatabase, variant: Variant): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    db.leads._queryCache._map.clear();
    const [t, docs] = await time(() => coreQuery(db, variant).exec());
    if (docs.length !== 50) throw new Error(`query returned ${docs.length} leads`);
    times.push(t);
  }
  return times;
}

function rawLeads(dir: string, leads: ReturnType<typeof benchLeads>) {
  const path = join(dir, 'raw-leads.db');
  let db = openRaw(path, 'FULL');
  rawLeadTable(db);
  const insert = performance.now();
  rawInsertLeads(db, leads);
  const insertMs = performance.now() - insert;
  const query: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const started = performance.now();
    if (rawStageQuery(db).length !== 50) throw new Error('raw query returned too few leads');
    query.push(performance.now() - started);
  }
  const all: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const started = performance.now();
    if (rawStageQuery(db, true).length !== 50) throw new Error('raw query returned too few leads');
    all.push(performance.now() - started);
  }
  db.close();
  const reopened = performance.now();
  db = openRaw(path, 'FULL');
  rawStageQuery(db);
  const firstMs = performance.now() - reopened;
  db.close();
  return { insertMs, queryMs: percentile(query, 50), allMs: percentile(all, 50), firstMs };
}

async function leads(dir: string): Promise<void> {
  const path = join(dir, 'leads.db');
  const open = () =>
    openPorchlightDatabase({ storage: getRxStorageSqlite({ path }), name: 'porchlight', path });
  const data = benchLeads(LEADS, Date.now());
  const raw = rawLeads(dir, data);
  const n = LEADS.toLocaleString('en-US');
  const rows: string[][] = [['what', 'ours', 'raw better-sqlite3', 'ours/raw', 'floor', 'goal']];
  const row = (name: string, ours: number, rawMs: number | undefined, floor: string, goal: string) => {
    figure(name, ours, 'ms', { floor, goal });
    if (rawMs !== undefined) figure(`${name}, raw better-sqlite3`, rawMs, 'ms');
    rows.push([
      name,
      ms(ours),
      rawMs === undefined ? '' : ms(rawMs),
      rawMs === undefined ? '' : `${(ours / rawMs).toFixed(2)}x`,
      floor,
      goal,
    ]);
  };

  let db = await open();
  const [insert, written] = await time(() => db.leads.bulkInsert(data));
  if (written.error.length > 0) throw new Error(`${written.error.length} leads were not written`);
  row(`insert ${n} leads (one bulkInsert)`, insert, raw.insertMs, '< 3 s', '< 2 s');

  const named = await samples(db, 'named');
  const unnamed = await samples(db, 'unnamed');
  const all = await samples(db, 'all leads');
  row(
    "live leads, stage = new by score desc, limit 50, core's index named (median of 20, fresh query each)",
    percentile(named, 50),
    raw.queryMs,
    '',
    '',
  );
  row(
    'the same query naming no index (median of 20, fresh query each)',
    percentile(unnamed, 50),
    raw.queryMs,
    '< 20 ms',
    '< 3 ms',
  );
  row(
    'stage = new by score desc, limit 50, deleted leads included ({ stage: "new" }), no index named (median of 20)',
    percentile(all, 50),
    raw.allMs,
    '< 20 ms',
    '< 3 ms',
  );

  const firstIds = data.slice(0, 3000).map((lead) => lead.id);
  const byIds = async () => {
    const found = await db.leads.storageInstance.findDocumentsById(firstIds, false);
    if (found.length !== firstIds.length) throw new Error(`found ${found.length} leads`);
  };
  const [cold] = await time(byIds);
  const [cached] = await time(byIds);
  rows.push([
    '3,000 leads by id, storage call (not in the document cache / in it)',
    `${ms(cold)} / ${ms(cached)}`,
    '',
    '',
    '',
    '',
  ]);
  const [closeTime] = await time(() => db.close());
  rows.push(['close (checkpoints the WAL)', ms(closeTime), '', '', '', '']);
  const [reopen] = await time(async () => {
    db = await open();
  });
  rows.push(['reopen the database (no query)', ms(reopen), '', '', '', '']);
  const [firstQuery] = await time(() => coreQuery(db, 'unnamed').exec());
  row(
    `first query after reopening ${n} leads (the same query, no index named)`,
    firstQuery,
    raw.firstMs,
    '< 50 ms',
    '< 10 ms',
  );
  await db.close();
  rows.push([
    'file size',
    `${(statSync(path).size / 1e6).toFixed(1)} MB`,
    `${(statSync(join(dir, 'raw-leads.db')).size / 1e6).toFixed(1)} MB`,
    '',
    '',
    '',
  ]);
  printTable(`Porchlight leads on the SQLite storage (${n} leads, synchronous FULL)`, rows);
}

export async function runStorageBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'porchlight-storage-bench-'));
  try {
    if (process.env['STORAGE_BENCH_SKIP_HARNESS'] !== '1') await harness(dir);
    await leads(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
