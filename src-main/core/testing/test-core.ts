// A core on RxDB's memory storage with a fake clock, for feature tests. The same handlers,
// the same schemas; only the storage and time differ from the shells.
import { randomUUID } from 'node:crypto';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import type { HandlerArgs, HandlerName, HandlerResult } from '../../../src-shared/ipc/contract';
import type { CoreApp } from '../app';
import { createCoreApp } from '../app';
import { buildCoreContext } from '../build-context';
import type { ConnectionBoard } from '../channels/connections';
import type { CoreContext } from '../context';
import { DocumentEvents } from '../document-events';
import { CoreEvents } from '../events';
import { ListingBook } from '../listings/listing-book';
import type { ResoFeedFactory } from '../ports/reso-feed';
import type { AiPort } from '../ports/ai';
import type { ChannelTesters } from '../ports/channel-tester';
import type { ContentAnalyzer } from '../ports/content-analyzer';
import type { SecretStore } from '../ports/secret-store';
import type { PorchlightDatabase } from '../store/collections';
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

export interface TestCoreOptions {
  start?: string | number;
  dataDir?: string;
  shell?: CoreContext['shell'];
  /** The clock and events a test built its board with (new ones otherwise). */
  clock?: FakeClock;
  events?: CoreEvents;
  /** Provider keys (an empty memory store otherwise). */
  secrets?: SecretStore;
  /** The AI port, made from the core's database (rules answer without it). */
  ai?: (db: PorchlightDatabase) => AiPort;
  contentAnalyzer?: ContentAnalyzer | 'ai';
  connections?: ConnectionBoard;
  channelTesters?: ChannelTesters;
  resoFeed?: ResoFeedFactory;
}

export async function createTestCore(options: TestCoreOptions = {}): Promise<TestCore> {
  const clock = options.clock ?? new FakeClock(options.start);
  const db = await openPorchlightDatabase({ storage: getRxStorageMemory(), name: `test-${randomUUID()}` });
  const ctx = buildCoreContext({
    db,
    clock,
    events: options.events ?? new CoreEvents(),
    workspace: { teamId: 'team-test', agentId: 'agent-test', defaultCountry: 'US' },
    shell: options.shell ?? 'headless',
    dataDir: options.dataDir ?? '(memory)',
    secrets: options.secrets ?? new MemorySecretStore(),
    listingBook: new ListingBook(db),
    ...(options.resoFeed === undefined ? {} : { resoFeed: options.resoFeed }),
    ...(options.ai === undefined ? {} : { ai: options.ai(db) }),
    ...(options.contentAnalyzer === undefined ? {} : { contentAnalyzer: options.contentAnalyzer }),
    ...(options.connections === undefined ? {} : { connections: options.connections }),
    ...(options.channelTesters === undefined ? {} : { channelTesters: options.channelTesters }),
  });
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
    close: async () => {
      await ctx.resoImports.stop();
      documentEvents.stop();
      ctx.listingBook?.stop();
      await db.close();
    },
  };
}
