import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireDataLock, DataFolderLockedError } from './data-lock';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'porchlight-lock-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('data folder lock', () => {
  it('lets one holder in and releases on demand', () => {
    const lock = acquireDataLock(dir);
    expect(existsSync(join(dir, 'porchlight.lock'))).toBe(true);
    lock.release();
    expect(existsSync(join(dir, 'porchlight.lock'))).toBe(false);
    acquireDataLock(dir).release();
  });

  it('refuses while a live process holds it, naming the folder and the process', () => {
    // The parent of this test process is alive for the whole test.
    writeFileSync(join(dir, 'porchlight.lock'), String(process.ppid));
    let error: unknown;
    try {
      acquireDataLock(dir);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(DataFolderLockedError);
    expect((error as Error).message).toContain(dir);
    expect((error as Error).message).toContain(String(process.ppid));
  });

  it('takes over a lock left by a process that no longer runs', () => {
    const dead = spawnSync(process.execPath, [
      '-e',
      'process.stdout.write(String(process.pid))',
    ]).stdout.toString();
    writeFileSync(join(dir, 'porchlight.lock'), dead);
    const lock = acquireDataLock(dir);
    lock.release();
  });
});
