// Starts core on a data folder, the same way for both shells: take the folder's lock, open
// the database on the SQLite store, start the background jobs, run first-run set-up, and
// hand back the app. `close()` undoes it in reverse order and is safe to call twice.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { CoreApp } from './app';
import { startReplyClassification } from './ai/reply-job';
import { startAssistant } from './assistant/job';
import { createCoreApp } from './app';
import { buildCoreContext } from './build-context';
import type { ConnectionBoard } from './channels/connections';
import type { CoreContext, Workspace } from './context';
import { CurrentWorkspace } from './context';
import { ensureFirstRun } from './demo/demo-workspace';
import { DocumentEvents } from './document-events';
import type { Engine, EnginePorts } from './engine';
import { startEngine } from './engine';
import { startNextFollowUps } from './followups/next-follow-up';
import { CoreEvents } from './events';
import { FollowUpBoss } from './follow-up-boss/service';
import { ListingBook } from './listings/listing-book';
import type { ResoFeedFactory } from './ports/reso-feed';
import type { AiPort } from './ports/ai';
import type { ChannelTesters } from './ports/channel-tester';
import type { Clock } from './ports/clock';
import type { FubApiFactory } from './ports/follow-up-boss';
import type { SecretStore } from './ports/secret-store';
import type { SyncTransport } from './ports/sync-transport';
import { systemClock } from './ports/clock';
import { startScoring } from './scoring';
import { watchSecretDestinations } from './secrets/destination-watch';
import { acquireDataLock } from './store/data-lock';
import { openPorchlightDatabase } from './store/database';
import { getRxStorageSqlite, scrubStoreFile } from './store/sqlite';
import { SyncClient } from './sync/client';
import { readMembership, workspaceKeysOf } from './sync/membership';

export interface BootOptions {
  dataDir: string;
  shell: CoreContext['shell'];
  clock?: Clock;
  /** Create the demo workspace on first run (default true). */
  demo?: boolean;
  workspace?: Partial<Workspace>;
  /** Where provider secrets live: safeStorage on the desktop, a 0600 file headless. */
  secrets?: SecretStore;
  /**
   * Connects the channels (adapters live outside core, so the shell passes them in). Called
   * once the database is open, before the context is built: what it returns goes into the
   * context; its `start` runs after first-run set-up and its `stop` before the database closes.
   */
  connect?: (base: ChannelBase) => Promise<ChannelWiring>;
  /** The team server's transport (adapters/sync); replication runs while signed in. */
  syncTransport?: SyncTransport;
  /** Pause between replication retries while the server is out of reach (default 5 s). */
  syncRetryMs?: number;
  /** Follow Up Boss's API (adapters/follow-up-boss); without it the feature is unavailable. */
  followUpBoss?: FubApiFactory;
  /** The MLS's RESO Web API (adapters/reso); without it listings come in by CSV only. */
  resoFeed?: ResoFeedFactory;
}

/** What the channels are connected with: the store, time, events and the provider keys. */
export type ChannelBase = Pick<CoreContext, 'db' | 'clock' | 'events' | 'secrets'>;

/** What connecting the channels adds to the context, and how they start once core runs. */
export interface ChannelWiring {
  /** The AI, when the shell connects one; without it rules do every AI job. */
  ai?: AiPort;
  connections: ConnectionBoard;
  /** "Send a test message to me" per connected provider; the channels keep it current. */
  channelTesters?: ChannelTesters;
  start(ctx: CoreContext): Promise<ConnectedChannels>;
}

export interface ConnectedChannels {
  ports: EnginePorts;
  /** Called once the engine runs: channels that (re)connect later are handed to it. */
  attach?(engine: Engine): void;
  stop(): Promise<void>;
}

export interface RunningCore {
  app: CoreApp;
  ctx: CoreContext;
  engine: Engine;
  close(): Promise<void>;
}

export const DATABASE_FILE = 'porchlight.sqlite';

export async function bootCore(options: BootOptions): Promise<RunningCore> {
  // Leads are personal data: the workspace folder is the user's alone.
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const lock = acquireDataLock(options.dataDir);
  try {
    const path = join(options.dataDir, DATABASE_FILE);
    const db = await openPorchlightDatabase({
      storage: getRxStorageSqlite({ path }),
      name: 'porchlight',
      path,
    });
    const clock = options.clock ?? systemClock;
    const events = new CoreEvents();
    // Every document written from here on reaches the UI as its *-changed event.
    const documentEvents = new DocumentEvents(db, events, clock);
    documentEvents.start();
    // A desktop that joined a team works under the team's keys from the first write.
    const keys = {
      teamId: options.workspace?.teamId ?? 'solo',
      agentId: options.workspace?.agentId ?? 'me',
      ...workspaceKeysOf(await readMembership(db)),
    };
    const workspace = new CurrentWorkspace(keys, options.workspace?.defaultCountry ?? 'US');
    const sync =
      options.syncTransport === undefined
        ? undefined
        : await SyncClient.open({
            db,
            clock,
            events,
            workspace,
            transport: options.syncTransport,
            secrets: options.secrets,
            scrubStore: () => Promise.resolve(scrubStoreFile(path)),
            ...(options.syncRetryMs === undefined ? {} : { retryMs: options.syncRetryMs }),
          });
    const followUpBoss =
      options.followUpBoss === undefined
        ? undefined
        : new FollowUpBoss({
            db,
            clock,
            events,
            workspace,
            secrets: options.secrets,
            api: options.followUpBoss,
            ...(sync === undefined ? {} : { webhookEvents: () => sync.fubEvents() }),
          });
    const listingBook = new ListingBook(db);
    listingBook.start();
    const secrets = options.secrets === undefined ? {} : { secrets: options.secrets };
    const wiring = await options.connect?.({ db, clock, events, ...secrets });
    // Replies and content are read by the AI when the shell connected one, by rules otherwise.
    const ctx = buildCoreContext({
      db,
      clock,
      events,
      workspace,
      shell: options.shell,
      dataDir: options.dataDir,
      listingBook,
      ...(options.resoFeed === undefined ? {} : { resoFeed: options.resoFeed }),
      ...secrets,
      ...(sync === undefined ? {} : { sync }),
      ...(followUpBoss === undefined ? {} : { followUpBoss }),
      ...(wiring === undefined ? {} : { connections: wiring.connections }),
      ...(wiring?.channelTesters === undefined ? {} : { channelTesters: wiring.channelTesters }),
      ...(wiring?.ai === undefined ? {} : { ai: wiring.ai, contentAnalyzer: 'ai' as const }),
    });
    // Background jobs start before first-run set-up, so the demo leads are scored by them.
    // A settings document from any writer (replication too) that moves a secret's host forgets it.
    const destinations = watchSecretDestinations(ctx);
    const scoring = startScoring(ctx);
    await ensureFirstRun(ctx, { demo: options.demo ?? true });
    // The engine starts after first-run set-up: the demo's history is not a burst of new leads.
    const channels = (await wiring?.start(ctx)) ?? { ports: {}, stop: () => Promise.resolve() };
    const engine = await startEngine(ctx, channels.ports);
    channels.attach?.(engine);
    const replies = startReplyClassification(ctx);
    // The assistant (off until a lead or a sequence turns it on) talks through the same outbox.
    const assistant = startAssistant(ctx);
    const followUps = startNextFollowUps(ctx);
    // The MLS feed, once connected, is imported on its interval (Settings → Listings).
    await ctx.resoImports.start(ctx);
    // After the engine: people it brings in meet the engine's rules (not new inquiries).
    await followUpBoss?.start();
    const app = createCoreApp(ctx);
    // After the engine: what replication brings in meets the engine's catch-up rules.
    await sync?.resume();
    let closing: Promise<void> | undefined;
    const close = (): Promise<void> => {
      closing ??= (async () => {
        await sync?.stop();
        await followUpBoss?.stop();
        await ctx.resoImports.stop();
        followUps.stop();
        await followUps.idle();
        replies.stop();
        await replies.idle();
        assistant.stop();
        await assistant.idle();
        await engine.stop();
        await channels.stop();
        scoring.stop();
        destinations();
        await scoring.idle();
        documentEvents.stop();
        listingBook.stop();
        await db.close();
      })().finally(() => lock.release());
      return closing;
    };
    return { app, ctx, engine, close };
  } catch (error) {
    lock.release();
    throw error;
  }
}
