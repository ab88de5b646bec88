// SF10: a kill -9 in the middle of a large bulk insert loses no committed bulk and leaves no part
// of the interrupted one. A child process writes 20,000-document bulks; it is killed inside one
// (its last line says it began a bulk it never committed); the parent then reopens the file and
// counts every bulk.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { StoreError, getRxStorageSqlite } from '../../src-main/core/store/sqlite/index.js';
import { leadData, openLeads, prepare } from './fixtures.js';

const BULK = 20_000;
const dir = mkdtempSync(join(tmpdir(), 'porchlight-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The writer's stdout, line by line, kept whole: a waiter also sees lines that came before it. */
interface WriterLog {
  readonly lines: string[];
  /** Resolves at the first line matching `line`, seen already or still to come; rejects if the writer ends first. */
  next(line: RegExp): Promise<void>;
  /** Resolves once the writer's stdout is closed: every line it wrote is in `lines`. */
  readonly drained: Promise<void>;
}

function startWriter(path: string): { child: ChildProcess; log: WriterLog } {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'crash-writer.ts'), path, `${BULK}`],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  if (!child.stdout) throw new Error('the writer must be spawned with a piped stdout');
  const lines: string[] = [];
  const waiters = new Set<{ line: RegExp; resolve: () => void }>();
  // readline splits a chunk holding several lines into one event per line, all in one turn.
  const reader = createInterface({ input: child.stdout });
  reader.on('line', (line) => {
    lines.push(line);
    for (const waiter of waiters) {
      if (!waiter.line.test(line)) continue;
      waiters.delete(waiter);
      waiter.resolve();
    }
  });
  const drained = new Promise<void>((resolve) => reader.on('close', resolve));
  const next = (line: RegExp) =>
    lines.some((seen) => line.test(seen))
      ? Promise.resolve()
      : new Promise<void>((resolve, reject) => {
          waiters.add({ line, resolve });
          void drained.then(() => reject(new Error(`the writer ended before writing ${line}`)));
        });
  return { child, log: { lines, next, drained } };
}

function lastBulk(lines: readonly string[], event: 'begin' | 'committed'): number {
  const numbers = lines.filter((l) => l.startsWith(`${event} `)).map((l) => Number(l.split(' ')[1]));
  return Math.max(-1, ...numbers);
}

describe('SF10 durability under kill -9', () => {
  it('keeps every committed bulk whole and drops the interrupted one whole', async () => {
    const path = join(dir, 'porchlight.db');
    const { child, log } = startWriter(path);
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));

    await log.next(/^committed 0$/);
    // While the writer lives, the file is its own: a second opener is refused, not let in.
    const intruder = openLeads(getRxStorageSqlite({ path }), 'crash');
    await expect(intruder).rejects.toBeInstanceOf(StoreError);
    await expect(intruder).rejects.toMatchObject({ code: 'STORE_FILE_IN_USE' });

    // "begin 3" is written just before the bulk's one synchronous transaction starts: killed
    // now, the writer is inside it (the transaction takes far longer than the line takes to come).
    await log.next(/^begin 3$/);
    child.kill('SIGKILL');
    await Promise.all([exited, log.drained]);

    // The kill landed inside a bulk: the writer began one it never said was committed.
    const lastCommitted = lastBulk(log.lines, 'committed');
    const inFlight = lastBulk(log.lines, 'begin');
    expect(lastCommitted).toBeGreaterThanOrEqual(2);
    expect(inFlight, 'the bulk the kill interrupted').toBe(lastCommitted + 1);
    const instance = await openLeads(getRxStorageSqlite({ path }), 'crash');
    const { documents } = await instance.query(prepare({ selector: {}, sort: [{ id: 'asc' }] }));
    const perBulk = new Map<number, number>();
    for (const doc of documents) {
      const bulk = Number(doc.id.slice(1, doc.id.indexOf('-')));
      perBulk.set(bulk, (perBulk.get(bulk) ?? 0) + 1);
    }
    for (let bulk = 0; bulk <= lastCommitted; bulk++) {
      expect(perBulk.get(bulk), `bulk ${bulk} was committed`).toBe(BULK);
    }
    // The interrupted bulk left nothing, and nothing came after it.
    expect(perBulk.get(inFlight), `bulk ${inFlight} in flight`).toBeUndefined();
    expect([...perBulk.keys()].filter((bulk) => bulk > lastCommitted)).toEqual([]);
    const sample = documents.find((d) => d.id === 'b1-77');
    expect(sample).toMatchObject({ ...leadData(77), id: 'b1-77' });
    await instance.close();
  });
});
