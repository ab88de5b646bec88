// SF10: a kill -9 in the middle of a large bulk insert loses no committed bulk and leaves no part
// of the interrupted one. A child process writes 20,000-document bulks; it is killed halfway
// through one; the parent then reopens the file and counts every bulk.
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

interface Progress {
  readonly begun: Map<number, number>;
  readonly committed: Map<number, number>;
}

function startWriter(path: string): {
  child: ChildProcess;
  progress: Progress;
  next: (line: RegExp) => Promise<void>;
} {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'crash-writer.ts'), path, `${BULK}`],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const progress: Progress = { begun: new Map(), committed: new Map() };
  if (!child.stdout) throw new Error('the writer must be spawned with a piped stdout');
  const waiters: { line: RegExp; resolve: () => void }[] = [];
  createInterface({ input: child.stdout }).on('line', (line) => {
    const [event, n] = line.split(' ');
    if (event === 'begin') progress.begun.set(Number(n), performance.now());
    if (event === 'committed') progress.committed.set(Number(n), performance.now());
    for (const waiter of waiters.splice(0)) {
      if (waiter.line.test(line)) waiter.resolve();
      else waiters.push(waiter);
    }
  });
  const next = (line: RegExp) => new Promise<void>((resolve) => waiters.push({ line, resolve }));
  return { child, progress, next };
}

describe('SF10 durability under kill -9', () => {
  it('keeps every committed bulk whole and drops the interrupted one whole', async () => {
    const path = join(dir, 'porchlight.db');
    const { child, progress, next } = startWriter(path);
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));

    await next(/^committed 0$/);
    // While the writer lives, the file is its own: a second opener is refused, not let in.
    const intruder = openLeads(getRxStorageSqlite({ path }), 'crash');
    await expect(intruder).rejects.toBeInstanceOf(StoreError);
    await expect(intruder).rejects.toMatchObject({ code: 'STORE_FILE_IN_USE' });

    await next(/^committed 2$/);
    await next(/^begin 3$/);
    const began = progress.begun.get(3) ?? 0;
    const bulkTime = (progress.committed.get(2) ?? 0) - (progress.begun.get(2) ?? 0);
    await new Promise((resolve) =>
      setTimeout(resolve, Math.max(0, began + bulkTime / 2 - performance.now())),
    );
    child.kill('SIGKILL');
    await exited;

    const lastCommitted = Math.max(...progress.committed.keys());
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
    // The bulk in flight is all or nothing (all only if it committed just before the kill landed).
    for (const [bulk, count] of perBulk) {
      if (bulk > lastCommitted) expect(count, `bulk ${bulk} in flight`).toBe(BULK);
    }
    const sample = documents.find((d) => d.id === 'b1-77');
    expect(sample).toMatchObject({ ...leadData(77), id: 'b1-77' });
    await instance.close();
  });
});
