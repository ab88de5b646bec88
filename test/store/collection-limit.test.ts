// RxDB's open edition opens 13 collections per process at once; a 14th waits ~1.8 s and a
// 15th throws COL23 (rx-collection.js, NON_PREMIUM_COLLECTION_LIMIT). The app has exactly 13
// (listings is the 13th, decision 0840): a workspace opens without waiting, and workspaces
// opened one after another in one process (the sync and e2e suites do) each open in full.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NON_PREMIUM_COLLECTION_LIMIT, OPEN_COLLECTIONS } from 'rxdb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bootCore } from '../../src-main/core/boot';
import { collectionDefinitions } from '../../src-main/core/store/collections';
import { FakeClock } from '../../src-main/core/testing/fake-clock';

let dirs: string[] = [];
beforeEach(() => {
  dirs = [];
});
afterEach(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'porchlight-limit-'));
  dirs.push(dir);
  return dir;
}

describe('the open edition’s collection limit', () => {
  it('the app has exactly as many collections as RxDB opens without waiting', () => {
    expect(Object.keys(collectionDefinitions)).toHaveLength(NON_PREMIUM_COLLECTION_LIMIT);
  });

  it('opens a workspace with all 13 collections, none of them held back by the limit', async () => {
    expect(OPEN_COLLECTIONS.size).toBe(0);
    const core = await bootCore({
      dataDir: dataDir(),
      shell: 'headless',
      clock: new FakeClock(),
      demo: false,
    });
    try {
      // RxDB waits only when the limit is already reached before a collection opens: with 13
      // open after boot, each of the 13 found at most 12 open and went straight in.
      expect(OPEN_COLLECTIONS.size).toBe(NON_PREMIUM_COLLECTION_LIMIT);
      expect(Object.keys(core.ctx.db.collections).sort()).toEqual(Object.keys(collectionDefinitions).sort());
      expect(await core.ctx.db.listings.count().exec()).toBe(0);
    } finally {
      await core.close();
    }
    expect(OPEN_COLLECTIONS.size).toBe(0);
  });

  it('opens workspaces one after another in one process, each with every collection', async () => {
    for (let round = 0; round < 3; round += 1) {
      const core = await bootCore({
        dataDir: dataDir(),
        shell: 'headless',
        clock: new FakeClock(),
        demo: round === 0,
      });
      expect(OPEN_COLLECTIONS.size).toBe(NON_PREMIUM_COLLECTION_LIMIT);
      await core.close();
    }
    expect(OPEN_COLLECTIONS.size).toBe(0);
  });
});
