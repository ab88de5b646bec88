// Sync benchmark (`npm run bench -- sync`; figures printed, never asserted). For each backend
// (SQLite always; PostgreSQL when installed) the server runs as its own process from its
// command line, on 127.0.0.1, as a brokerage runs it:
// 1. push: DOCS leads pushed over HTTP in batches of 500 (docs/s);
// 2. a fresh desktop pulls all of them with RxDB's replication and the shared handlers, as the
//    desktop does (FRESH_BATCH a page): into the desktop's own store (the SQLite RxStorage of
//    core, synchronous=FULL, in a temp folder) and, as a baseline doing the same work without a
//    file, into RxDB's memory storage (time and docs/s). Target < 15 s -> 5 s;
// 3. an edit on replica A visible on replica B (both live, SSE), EDITS edits one after the
//    other, p50/p95 from A's write to B's store. Target p95 < 1 s -> 250 ms;
// 4. the server process's RSS with 10 replicas' live streams open on the DOCS-document team.
//    Target < 300 MB -> 150 MB.
// Replicas run in this process; the machine may be shared, so the figures are of this run.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { addRxPlugin, createRxDatabase, type RxCollection, type RxStorage } from 'rxdb';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { DESKTOP_PULL_BATCH } from '../../src-main/core/sync/replication';
import { getRxStorageSqlite } from '../../src-main/core/store/sqlite';
import { firstValueFrom, filter, type Observable, type Subscription } from 'rxjs';
import type { Lead } from '../../src-shared/domain';
import type { SessionResponse } from '../../src-shared/sync';
import { collectionDefinitions } from '../../src-main/core/store/collections';
import { createTeamWithAdmin } from '../../src-sync/accounts/team';
import { systemClock } from '../../src-sync/context';
import type { ServerStorage } from '../../src-sync/storage/server-storage';
import { SqliteServerStorage } from '../../src-sync/storage/sqlite-storage';
import { PostgresServerStorage } from '../../src-sync/storage/postgres-storage';
import { freePort, postgresAvailable, startPostgres } from '../support/postgres';
import { startSyncServerProcess } from '../support/sync-server-process';
import { leadDoc } from '../sync/documents';
import { tempDir } from '../sync/harness';
import { replicateToServer } from '../sync/rxdb-client';
import { ms, percentile, printTable } from './stats';

addRxPlugin(RxDBMigrationSchemaPlugin);
const DOCS = Number(process.env['SYNC_BENCH_DOCS'] ?? 100_000);
const EDITS = Number(process.env['SYNC_BENCH_EDITS'] ?? 200);
const STREAMS = 10;
const PUSH_BATCH = 500;

interface Backend {
  name: string;
  /** Storage to create the teams with before the server starts on `dataDir`. */
  open(dataDir: string): Promise<ServerStorage>;
  env: Record<string, string>;
  dispose(): Promise<void>;
}

async function signIn(url: string, email: string, code: string): Promise<SessionResponse> {
  const response = await fetch(`${url}/auth/redeem`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, code, password: 'correct horse battery' }),
  });
  return (await response.json()) as SessionResponse;
}

async function replica(name: string, file?: string): Promise<RxCollection<Lead>> {
  const storage: RxStorage<unknown, unknown> =
    file === undefined ? getRxStorageMemory() : getRxStorageSqlite({ path: file });
  const db = await createRxDatabase({ name: `${name}${Date.now()}`, storage, multiInstance: false });
  const { leads } = await db.addCollections<{ leads: RxCollection<Lead> }>({
    leads: collectionDefinitions.leads,
  });
  return leads;
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

/** Waits for a replication's first round; a replication error or 10 minutes ends the bench with its words. */
async function settled(
  state: { awaitInitialReplication(): Promise<void>; error$: Observable<unknown> },
  what: string,
): Promise<void> {
  let sub: Subscription | undefined;
  let timer: NodeJS.Timeout | undefined;
  const failed = new Promise<never>((_, reject) => {
    sub = state.error$.subscribe((error) =>
      reject(
        new Error(`${what} failed: ${error instanceof Error ? error.message : String(error)}`, {
          cause: error,
        }),
      ),
    );
    timer = setTimeout(() => reject(new Error(`${what} did not finish in 10 minutes`)), 600_000);
  });
  try {
    await Promise.race([state.awaitInitialReplication(), failed]);
  } finally {
    sub?.unsubscribe();
    clearTimeout(timer);
  }
}

async function run(backend: Backend): Promise<string[][]> {
  const dir = tempDir('porchlight-sync-bench-');
  const setup = await backend.open(dir.path);
  const big = await createTeamWithAdmin(setup, systemClock, {
    teamName: 'Big',
    adminEmail: 'big@example.com',
  });
  const small = await createTeamWithAdmin(setup, systemClock, {
    teamName: 'Edits',
    adminEmail: 'edit@example.com',
  });
  await setup.close();
  const server = await startSyncServerProcess(dir.path, await freePort(), backend.env);
  try {
    const bigSession = await signIn(server.url, 'big@example.com', big.code);
    const target = (session: SessionResponse) => ({
      baseUrl: server.url,
      fetch,
      accessToken: () => Promise.resolve(session.accessToken),
    });

    // 1. Push throughput over HTTP. The leads are the admin's own: leads in the team pool would
    // set the server routing each of them (docs/routing.md) while the replicas pull.
    const pushStarted = performance.now();
    for (let from = 0; from < DOCS; from += PUSH_BATCH) {
      const rows = Array.from({ length: Math.min(PUSH_BATCH, DOCS - from) }, (_, i) => ({
        newDocumentState: leadDoc(big.teamId, bigSession.agent.id, `lead-${from + i}`, {
          updatedAt: 1000 + i,
        }),
      }));
      const response = await fetch(`${server.url}/sync/leads/push`, {
        method: 'POST',
        headers: { authorization: `Bearer ${bigSession.accessToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ rows }),
      });
      if (!response.ok) throw new Error(`push failed: ${response.status} ${await response.text()}`);
    }
    const pushMs = performance.now() - pushStarted;

    // 2. A fresh desktop pulls everything: into the desktop's SQLite store, then into memory.
    const freshPull = async (file?: string): Promise<{ took: number; pulled: number }> => {
      const fresh = await replica(file === undefined ? 'fresh-memory' : 'fresh-desktop', file);
      const started = performance.now();
      const pulling = replicateToServer(fresh, target(bigSession), {
        live: false,
        batchSize: DESKTOP_PULL_BATCH,
      });
      await settled(pulling, `the fresh pull into ${file === undefined ? 'memory' : 'the desktop store'}`);
      const took = performance.now() - started;
      const pulled = await fresh.count().exec();
      await pulling.cancel();
      await fresh.database.remove();
      return { took, pulled };
    };
    const desktopPull = await freshPull(join(dir.path, 'desktop.sqlite'));
    const memoryPull = await freshPull();

    // 3. Edit latency A -> B on a team of its own (both replicas start empty).
    const editSession = await signIn(server.url, 'edit@example.com', small.code);
    const [a, b] = [await replica('a'), await replica('b')];
    const live = [a, b].map((c) => replicateToServer(c, target(editSession), { live: true, batchSize: 100 }));
    await Promise.all(live.map((state, i) => settled(state, `live replica ${i === 0 ? 'A' : 'B'}`)));
    const latencies: number[] = [];
    for (let i = 0; i < EDITS; i++) {
      const id = `edit-${i % 20}`;
      const seen = firstValueFrom(
        // By its words: the server may restamp `updatedAt` as it stores the edit.
        b.$.pipe(filter((change) => change.documentId === id && change.documentData.notes === `edit ${i}`)),
      );
      const started = performance.now();
      await a.upsert(
        leadDoc(small.teamId, editSession.agent.id, id, { updatedAt: 5000 + i, notes: `edit ${i}` }),
      );
      await seen;
      latencies.push(performance.now() - started);
    }
    await Promise.all(live.map((state) => state.cancel()));

    // 4. Server RSS with live streams of the big team open.
    const streams = await Promise.all(
      Array.from({ length: STREAMS }, () =>
        fetch(`${server.url}/sync/leads/stream`, {
          headers: { authorization: `Bearer ${bigSession.accessToken}` },
        }),
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    const rss = rssMb(server.child.pid ?? 0);
    for (const stream of streams) await stream.body?.cancel();

    const rate = (count: number, took: number) =>
      `${Math.round(count / (took / 1000)).toLocaleString('en-US')} docs/s`;
    return [
      [
        backend.name,
        `push ${DOCS.toLocaleString('en-US')} docs (HTTP, ${PUSH_BATCH} a request)`,
        ms(pushMs),
        rate(DOCS, pushMs),
      ],
      [
        backend.name,
        `${desktopPull.pulled.toLocaleString('en-US')} docs to a fresh desktop (its SQLite store, ${DESKTOP_PULL_BATCH.toLocaleString('en-US')} a page)`,
        ms(desktopPull.took),
        rate(desktopPull.pulled, desktopPull.took),
      ],
      [
        backend.name,
        `${memoryPull.pulled.toLocaleString('en-US')} docs to a fresh replica in memory (baseline, same pages)`,
        ms(memoryPull.took),
        rate(memoryPull.pulled, memoryPull.took),
      ],
      [
        backend.name,
        `edit on A visible on B, ${EDITS} edits`,
        `p50 ${ms(percentile(latencies, 50))}`,
        `p95 ${ms(percentile(latencies, 95))}`,
      ],
      [
        backend.name,
        `server RSS, ${STREAMS} live streams, ${DOCS.toLocaleString('en-US')} docs stored`,
        `${rss.toFixed(0)} MB`,
        '',
      ],
    ];
  } finally {
    await server.stop();
    await backend.dispose();
    dir.remove();
  }
}

export async function runSyncBench(): Promise<void> {
  const rows: string[][] = [['backend', 'figure', 'value', 'rate']];
  rows.push(
    ...(await run({
      name: 'SQLite',
      env: {},
      open: async (dataDir) => {
        const storage = new SqliteServerStorage(join(dataDir, 'sync.sqlite'));
        await storage.migrate();
        return storage;
      },
      dispose: () => Promise.resolve(),
    })),
  );
  if (postgresAvailable()) {
    const pg = await startPostgres();
    const url = await pg.createDatabase('sync_bench');
    rows.push(
      ...(await run({
        name: 'PostgreSQL',
        env: { DATABASE_URL: url },
        open: async () => {
          const storage = new PostgresServerStorage(url);
          await storage.migrate();
          return storage;
        },
        dispose: () => pg.stop(),
      })),
    );
  } else rows.push(['PostgreSQL', 'not installed here: skipped', '', '']);
  printTable(`Sync (${DOCS.toLocaleString('en-US')} documents, the server as its own process)`, rows);
}
