// Proof that an import survives a crash: the import runs in a child process (booted core, SQLite
// store), is killed with SIGKILL after a few groups are written, and a second process on the same
// folder resumes it. Every row ends up imported exactly once: no duplicate lead, the same counts
// as an uninterrupted run, and a report line for every row.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BAD_ROW_EVERY, fubCsv } from '../support/import-fixtures';

const CHILD = join(import.meta.dirname, 'import-child.ts');
const ROWS = 2_000;
const dir = mkdtempSync(join(tmpdir(), 'porchlight-kill-import-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(
  args: string[],
  killAfterRow?: number,
): Promise<{ code: number | null; signal: string | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, join(dir, 'data'), ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const rows = [...out.matchAll(/CHECKPOINT (\d+)/g)].map((m) => Number(m[1]));
      if (killAfterRow !== undefined && rows.some((r) => r >= killAfterRow)) child.kill('SIGKILL');
    });
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve({ code, signal, out }));
  });
}

describe('kill -9 mid-import', () => {
  it('resumes after a crash without a duplicate lead and with every row reported once', async () => {
    const file = join(dir, 'leads.csv');
    writeFileSync(file, fubCsv(ROWS));
    const first = await run(['start', file], 700);
    expect(first.signal, first.out).toBe('SIGKILL');
    expect(first.out).not.toContain('DONE');

    const second = await run(['resume']);
    expect(second.code, second.out).toBe(0);
    const line = second.out.split('\n').find((l) => l.startsWith('SUMMARY '));
    const summary = JSON.parse(line?.slice('SUMMARY '.length) ?? 'null') as {
      before: string;
      state: string;
      counts: Record<string, number>;
      leads: number;
      emails: number;
      reportLines: number;
    };
    const refused = ROWS / BAD_ROW_EVERY;
    expect(summary).toMatchObject({
      before: 'interrupted',
      state: 'done',
      leads: ROWS - refused,
      emails: ROWS - refused,
    });
    expect(summary.counts).toMatchObject({ rowsRead: ROWS, imported: ROWS - refused, refused, merged: 0 });
    expect(summary.reportLines).toBe(1 + ROWS);
  }, 240_000);
});
