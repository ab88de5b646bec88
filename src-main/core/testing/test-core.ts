// A core on RxDB's memory storage with a fake clock, for feature tests. The same handlers,
// the same schemas; only the storage and time differ from the shells.
import { randomUUID } from 'node:crypto';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import type { HandlerArgs, HandlerName, HandlerResult } from '../../../src-shared/ipc/contract';
import type { CoreApp } from '../app';
import { createCoreApp } from '../app';
import type { CoreContext } from '../context';
import { DocumentEvents } from '../document-events';
import { CoreEvents } from '../events';
import { ListingBook } from '../listings/listing-book';
import type { ResoFeedFactory } from '../ports/reso-feed';
import { openPorchlightDatabase } from '../store/database';
import { FakeClock } from './fake-clock';
import { MemorySecretStore } from './memory-secret-store';

export interface TestCore {
  app: CoreApp;
  ctx: CoreContext;
  clock: FakeClock;
  /** The store's document events; `flushed()` waits until every write so far was announced. */
  documentEvents: DocumentEvents;
  invoke<K extends HandlerName>(name: K, args: HandlerArgs<K>): Promise<HandlerResult<K>>;
  close(): Promise<void>;
}

export async function createTestCore(
  options: { start?: string | number; dataDir?: string; resoFeed?: ResoFeedFactory } = {},
): Promise<TestCore> {
  const clock = new FakeClock(options.start);
  const db = await openPorchlightDatabase({ storage: getRxStorageMemory(), name: `test-${randomUUID()}` });
  const ctx: CoreContext = {
    db,
    clock,
    events: new CoreEvents(),
    workspace: { teamId: 'team-test', agentId: 'agent-test', defaultCountry: 'US' },
    shell: 'headless',
    dataDir: options.dataDir ?? '(memory)',
    secrets: new MemorySecretStore(),
    listingBook: new ListingBook(db),
    ...(options.resoFeed === undefined ? {} : { resoFeed: options.resoFeed }),
  };
  ctx.listingBook?.start();
  const documentEvents = new DocumentEvents(db, ctx.events, clock);
  documentEvents.start();
  const app = createCoreApp(ctx);
  return {
    app,
    ctx,
    clock,
    documentEvents,
    invoke: (name, args) => app.invoke(name, args) as Promise<HandlerResult<typeof name>>,
    close: () => {
      documentEvents.stop();
      ctx.listingBook?.stop();
      return db.close().then(() => undefined);
    },
  };
}
