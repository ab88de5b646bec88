import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tightenDataFolder } from './data-folder-permissions';
import { portMovedNotice, readLastPort, writeLastPort } from './last-port';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'porchlight-data-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const mode = (path: string): number => statSync(path).mode & 0o777;

describe.skipIf(process.platform === 'win32')('the data folder', () => {
  it('tightens a loose folder and its database, WAL, lock and secrets files on start', () => {
    chmodSync(dir, 0o755);
    for (const name of ['porchlight.sqlite', 'porchlight.sqlite-wal', 'porchlight.lock', 'secrets.json'])
      writeFileSync(join(dir, name), 'x', { mode: 0o644 });
    const { fixed } = tightenDataFolder(dir);
    expect(mode(dir)).toBe(0o700);
    for (const name of ['porchlight.sqlite', 'porchlight.sqlite-wal', 'porchlight.lock', 'secrets.json'])
      expect(mode(join(dir, name))).toBe(0o600);
    expect(fixed).toHaveLength(5);
    expect(tightenDataFolder(dir).fixed).toEqual([]);
  });

  it('leaves tighter modes as they are', () => {
    chmodSync(dir, 0o700);
    writeFileSync(join(dir, 'secrets.json'), 'x', { mode: 0o400 });
    tightenDataFolder(dir);
    expect(mode(join(dir, 'secrets.json'))).toBe(0o400);
  });
});

describe('the last port', () => {
  it('is remembered in the data folder and said when it could not be reused', () => {
    expect(readLastPort(dir)).toBeUndefined();
    writeLastPort(dir, 41_234);
    expect(readLastPort(dir)).toBe(41_234);
    writeFileSync(join(dir, 'headless-port'), 'not a port');
    expect(readLastPort(dir)).toBeUndefined();
    expect(portMovedNotice(41_234, 41_300)).toContain('bookmark of port 41234');
  });
});
