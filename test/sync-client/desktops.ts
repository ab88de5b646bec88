// Desktops for sync-client tests: a whole core (bootCore on its own SQLite data folder, the fake
// clock, the memory secret store) with the real HTTP transport, whose fetch reaches an
// in-process sync server, or fails as if the network were down.
import { bootCore, type RunningCore } from '../../src-main/core/boot';
import { createHttpSyncTransport } from '../../src-main/adapters/sync/http-transport';
import type { SyncClient } from '../../src-main/core/sync/client';
import { FakeClock } from '../../src-main/core/testing/fake-clock';
import { MemorySecretStore } from '../../src-main/core/testing/memory-secret-store';
import type { HandlerArgs, HandlerName, HandlerResult } from '../../src-shared/ipc/contract';
import type { FetchLike } from '../../src-shared/sync';
import type { SyncApp } from '../../src-sync/app';
import { tempDir } from '../sync/harness';

export const SERVER_URL = 'http://sync.test';

/** The network between desktops and the server; `down` makes every request fail. */
export class TestNetwork {
  down = false;
  constructor(private readonly app: SyncApp['app']) {}
  fetch: FetchLike = async (url, init) => {
    if (this.down) throw new TypeError('fetch failed');
    return this.app.request(url, init);
  };
}

export interface Desktop {
  core: RunningCore;
  clock: FakeClock;
  secrets: MemorySecretStore;
  dataDir: string;
  invoke<K extends HandlerName>(name: K, args: HandlerArgs<K>): Promise<HandlerResult<K>>;
  close(): Promise<void>;
}

export async function openDesktop(network: TestNetwork, start?: string | number): Promise<Desktop> {
  const dir = tempDir('porchlight-desktop-');
  const clock = new FakeClock(start);
  const secrets = new MemorySecretStore();
  const core = await bootCore({
    dataDir: dir.path,
    shell: 'headless',
    clock,
    demo: false,
    secrets,
    syncTransport: createHttpSyncTransport({ fetch: network.fetch, reconnectDelayMs: 20 }),
    syncRetryMs: 20,
  });
  return {
    core,
    clock,
    secrets,
    dataDir: dir.path,
    invoke: (name, args) => core.app.invoke(name, args) as Promise<HandlerResult<typeof name>>,
    close: async () => {
      await core.close();
      dir.remove();
    },
  };
}

export function syncOf(desktop: Desktop): SyncClient {
  const { sync } = desktop.core.ctx;
  if (sync === undefined) throw new Error('this desktop has no sync client');
  return sync;
}

/** Waits until `read` finds what it looks for, checking after each store write and core event. */
export function waitForStore<T>(desktop: Desktop, read: () => Promise<T | undefined>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const subscriptions: { unsubscribe(): void }[] = [];
    const attempt = (): void => {
      read()
        .then((value) => {
          if (value === undefined) return;
          for (const s of subscriptions) s.unsubscribe();
          resolve(value);
        })
        .catch(reject);
    };
    subscriptions.push(desktop.core.ctx.db.$.subscribe(attempt));
    subscriptions.push({ unsubscribe: desktop.core.ctx.events.on('*', attempt) });
    attempt();
  });
}
