// Graceful shutdown of a listening sync server (docs/sync.md, Running it): a live stream that
// is still opening when the shutdown begins (desktops reconnect all the time) is closed too,
// so the shutdown finishes, and a request after it finds no server.
import { describe, expect, it } from 'vitest';
import { listenSyncServer } from '../../src-sync/server';
import type { ServerStorage } from '../../src-sync/storage/server-storage';
import { bearer, createTeam, sqliteStorage, tempDir, testApp } from './harness';

describe('sync server shutdown', () => {
  it('closes a stream that was still opening, and finishes', async () => {
    const dir = tempDir();
    const storage = await sqliteStorage(dir.path);
    const clock = { now: () => Date.now() };
    const team = await createTeam(testApp(storage, clock));
    // The stream's first read waits until the shutdown has begun.
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let opening: () => void = () => undefined;
    const opened = new Promise<void>((resolve) => (opening = resolve));
    const gated: ServerStorage = Object.create(storage) as ServerStorage;
    gated.latestSeq = async (teamId) => {
      opening();
      await gate;
      return storage.latestSeq(teamId);
    };
    const server = await listenSyncServer({ ...testApp(gated, clock).deps }, { port: 0 });

    const stream = fetch(`${server.url}/sync/leads/stream`, { headers: bearer(team.admin) }).then(
      async (response) => {
        await response.text();
        return response.status;
      },
    );
    await opened;
    const stopped = server.stop();
    release();
    await stopped;
    // Ended either way (closed stream or socket): the desktop reconnects and RESYNCs.
    const [ended] = await Promise.allSettled([stream]);
    expect(ended.status === 'rejected' || ended.value === 200).toBe(true);
    await expect(fetch(`${server.url}/health`)).rejects.toThrow();
    dir.remove();
  });
});
