// The floor for the storage figures: the same operations done directly on better-sqlite3, with
// the same rows (the document as RxDB stores it, JSON in one column), the same indexes (RxDB's:
// each schema index led by _deleted and ended by the primary key, plus (_meta.lwt, id)) over
// native columns, the same pragmas (WAL, EXCLUSIVE lock, the same synchronous mode) and reads
// that parse every document they return. No RxDB, no change events, no revisions, no cache.
import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { averageSchemaData } from 'rxdb/plugins/test-utils';
import type { Lead } from '../../src-shared/domain';

export type Synchronous = 'FULL' | 'NORMAL';

export function openRaw(path: string, synchronous: Synchronous): Database.Database {
  const db = new Database(path);
  db.pragma('locking_mode = EXCLUSIVE');
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous}`);
  db.pragma('cache_size = -32768');
  return db;
}

function stored<T extends object>(doc: T, lwt: number): T & Record<string, unknown> {
  return { ...doc, _deleted: false, _rev: '1-rawbench', _attachments: {}, _meta: { lwt } };
}

type HarnessDoc = ReturnType<typeof averageSchemaData>;

interface HarnessTable {
  insert: Database.Statement<unknown[]>;
}

function harnessTables(db: Database.Database, count: number): HarnessTable[] {
  const tables: HarnessTable[] = [];
  for (let i = 0; i < count; i++) {
    const t = `h${i}`;
    db.exec(
      `CREATE TABLE IF NOT EXISTS ${t} (id TEXT PRIMARY KEY, deleted INTEGER, lwt REAL, data TEXT, var1 TEXT, var2 REAL, deep1 TEXT);
       CREATE INDEX IF NOT EXISTS ${t}_a ON ${t} (deleted, var1, id);
       CREATE INDEX IF NOT EXISTS ${t}_b ON ${t} (deleted, var2, id);
       CREATE INDEX IF NOT EXISTS ${t}_c ON ${t} (deleted, deep1, id);
       CREATE INDEX IF NOT EXISTS ${t}_d ON ${t} (deleted, var2, var1, id);
       CREATE INDEX IF NOT EXISTS ${t}_e ON ${t} (lwt, id);`,
    );
    tables.push({
      insert: db.prepare(
        `INSERT INTO ${t} (id, deleted, lwt, data, var1, var2, deep1) VALUES (?, 0, ?, ?, ?, ?, ?)`,
      ),
    });
  }
  return tables;
}

function insertDoc(table: HarnessTable, doc: HarnessDoc): void {
  const lwt = Date.now();
  table.insert.run(doc.id, lwt, JSON.stringify(stored(doc, lwt)), doc.var1, doc.var2, doc.deep.deep1);
}

/** RxDB's averageOfTimeValues: the mean after dropping the highest 5%. */
function averageOfTimes(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  const kept = sorted.slice(0, sorted.length - Math.floor(sorted.length * 0.05));
  return kept.reduce((sum, t) => sum + t, 0) / kept.length;
}

/** One of the harness's six insert batches: 500 documents, var1 over two values, var2 over four. */
export function harnessBatch(): HarnessDoc[] {
  return Array.from({ length: 500 }, (_, i) => averageSchemaData({ var1: `${i % 2}`, var2: i % 4 }));
}

/** The times of each operation over the runs, averaged as the harness averages them. */
export function harnessTimes(): {
  note: (key: string, started: number) => void;
  averages: () => Record<string, number>;
} {
  const times: Record<string, number[]> = {};
  return {
    note: (key, started) => (times[key] ??= []).push(performance.now() - started),
    averages: () =>
      Object.fromEntries(Object.entries(times).map(([key, list]) => [key, averageOfTimes(list)])),
  };
}

const parseAll = (rows: unknown[]): unknown[] => rows.map((json) => JSON.parse(json as string) as unknown);

/**
 * runPerformanceTests' operations in its order, with its sizes (4 tables, 3,000 docs in 6
 * batches, 50 serial, 4 parallel queries), closing and reopening the file where it reopens the
 * database. Returns the same keys, averaged the same way.
 */
export function rawHarness(dir: string, synchronous: Synchronous, runs: number): Record<string, number> {
  const { note, averages } = harnessTimes();
  for (let run = 0; run < runs; run++) {
    const path = `${dir}/raw-harness-${synchronous}-${run}.db`;
    let db: Database.Database | undefined;
    const reopen = (): HarnessTable[] => {
      db?.close();
      db = openRaw(path, synchronous);
      const tables = harnessTables(db, 4);
      const second = tables[1];
      if (second) db.transaction(() => insertDoc(second, averageSchemaData()))();
      return tables;
    };
    let started = performance.now();
    let [table] = reopen();
    note('time-to-first-insert', started);
    const ids: string[] = [];
    for (let batch = 0; batch < 6; batch++) {
      const docs = harnessBatch();
      for (const doc of docs) ids.push(doc.id);
      started = performance.now();
      db!.transaction(() => docs.forEach((doc) => insertDoc(table!, doc)))();
      note('insert-documents-500', started);
    }
    [table] = reopen();
    started = performance.now();
    parseAll(
      db!
        .prepare('SELECT data FROM h0 WHERE id IN (SELECT value FROM json_each(?))')
        .pluck()
        .all(JSON.stringify(ids)),
    );
    note('find-by-ids-3000', started);
    const serial: string[] = [];
    started = performance.now();
    for (let i = 0; i < 50; i++) {
      const doc = averageSchemaData({ var2: 1000 });
      serial.push(doc.id);
      db!.transaction(() => insertDoc(table!, doc)).immediate();
    }
    note('serial-inserts-50', started);
    reopen();
    started = performance.now();
    const byId = db!.prepare('SELECT data FROM h0 WHERE id = ?').pluck();
    for (const id of serial) JSON.parse(byId.get(id) as string);
    note('serial-find-by-id-50', started);
    started = performance.now();
    const all = parseAll(
      db!.prepare('SELECT data FROM h0 WHERE deleted = 0 ORDER BY var2, var1, id').pluck().all(),
    ) as HarnessDoc[];
    note('find-by-query', started);
    reopen();
    started = performance.now();
    const byVar2 = db!.prepare('SELECT data FROM h0 WHERE deleted = 0 AND var2 = ? ORDER BY id').pluck();
    for (let i = 0; i < 4; i++) parseAll(byVar2.all(i));
    note('find-by-query-parallel-4', started);
    started = performance.now();
    const count = db!.prepare('SELECT count(*) FROM h0 WHERE deleted = 0 AND var2 = ?').pluck();
    for (let i = 0; i < 4; i++) count.get(i);
    note('4x-count', started);
    started = performance.now();
    let sum = 0;
    for (const doc of all) sum += doc.deep.deeper.deepNr + doc.deep.deeper.deepNr;
    note('property-access', started);
    if (sum < 0) throw new Error('unreachable');
    db!.close();
    rmSync(path, { force: true });
    rmSync(`${path}-wal`, { force: true });
    rmSync(`${path}-shm`, { force: true });
  }
  return averages();
}

const LEAD_INDEXED = [
  'deletedAt',
  'score',
  'stage',
  'temperature',
  'nameKey',
  'createdAt',
  'lastContactAt',
  'nextFollowUpAt',
  'email',
  'phone',
  'updatedAt',
] as const;
/** The leads collection's ten indexes, as RxDB hands them to a storage. */
const LEAD_INDEXES = [
  ['deletedAt', 'score'],
  ['deletedAt', 'stage', 'score'],
  ['deletedAt', 'temperature', 'score'],
  ['deletedAt', 'nameKey'],
  ['deletedAt', 'createdAt'],
  ['deletedAt', 'lastContactAt'],
  ['deletedAt', 'nextFollowUpAt'],
  ['email'],
  ['phone'],
  ['updatedAt'],
];

/** A leads table with native columns (its indexes come with the first insert). */
export function rawLeadTable(db: Database.Database): void {
  db.exec(
    `CREATE TABLE leads (id TEXT PRIMARY KEY, deleted INTEGER, lwt REAL, data TEXT, ${LEAD_INDEXED.join(', ')})`,
  );
}

/** The same indexes as the collection, built from the rows (as our bulk load does). */
function rawLeadIndexes(db: Database.Database): void {
  db.exec('CREATE INDEX leads_lwt ON leads (lwt, id)');
  LEAD_INDEXES.forEach((fields, i) =>
    db.exec(`CREATE INDEX leads_${i} ON leads (deleted, ${fields.join(', ')}, id)`),
  );
}

/**
 * Inserts the leads in one transaction (documents serialised as they are stored) and builds the
 * indexes from them in the same transaction: building from the rows is SQLite's fastest way, as
 * the storage's bulk load does.
 */
export function rawInsertLeads(db: Database.Database, leads: readonly Lead[]): void {
  const insert = db.prepare(
    `INSERT INTO leads (id, deleted, lwt, data, ${LEAD_INDEXED.join(', ')}) VALUES (?, 0, ?, ?${', ?'.repeat(LEAD_INDEXED.length)})`,
  );
  const lwt = Date.now();
  db.transaction(() => {
    for (const lead of leads) {
      const row = lead as unknown as Record<string, unknown>;
      insert.run(lead.id, lwt, JSON.stringify(stored(lead, lwt)), ...LEAD_INDEXED.map((f) => row[f] ?? null));
    }
    rawLeadIndexes(db);
  })();
}

/**
 * Core's live-leads query (stage = new, by score desc, limit 50), parsed; `withDeleted` drops the
 * deletedAt = 0 condition. SQLite plans it (ANALYZE has not run: its default estimates).
 */
export function rawStageQuery(db: Database.Database, withDeleted = false): unknown[] {
  const live = withDeleted ? '' : 'AND deletedAt = 0';
  return parseAll(
    db
      .prepare(
        `SELECT data FROM leads WHERE deleted = 0 ${live} AND stage = 'new' ORDER BY score DESC LIMIT 50`,
      )
      .pluck()
      .all(),
  );
}
