// What every feature's handlers receive: the store, time, the event bus and who is working.
import type { ConnectionBoard } from './channels/connections';
import type { CoreEvents } from './events';
import type { AiPort } from './ports/ai';
import type { ChannelTesters } from './ports/channel-tester';
import type { Clock } from './ports/clock';
import type { ContentAnalyzer } from './ports/content-analyzer';
import type { FollowUpBoss } from './follow-up-boss/service';
import type { ListingBook } from './listings/listing-book';
import type { ResoFeedFactory } from './ports/reso-feed';
import type { SecretStore } from './ports/secret-store';
import type { PorchlightDatabase } from './store/collections';
import type { SyncClient } from './sync/client';

export interface Workspace {
  teamId: string;
  /** The agent using this app; owner of leads they create. */
  agentId: string;
  /** ISO 3166-1 alpha-2 used to read phone numbers written without a country code. */
  defaultCountry: string;
}

export interface CoreContext {
  db: PorchlightDatabase;
  clock: Clock;
  events: CoreEvents;
  workspace: Workspace;
  shell: 'desktop' | 'headless';
  dataDir: string;
  /** Optional AI reading of a lead's messages, blended into the score as one factor. */
  contentAnalyzer?: ContentAnalyzer;
  /** Optional AI (drafts, reply classification); without it rules and templates do the jobs. */
  ai?: AiPort;
  /** Provider keys (Electron safeStorage, or env / 0600 file headless); never in RxDB. */
  secrets?: SecretStore;
  /** "Send a test message to me", one per connected provider (set by the shell). */
  channelTesters?: ChannelTesters;
  /** Team sync, when the shell wired a transport to the server (signed in or not). */
  sync?: SyncClient;
  /** Each provider connection's state, reported by the shell's adapters as they (re)connect. */
  connections?: ConnectionBoard;
  /** Importing people from Follow Up Boss and recording our work there (when the shell wired it). */
  followUpBoss?: FollowUpBoss;
  /** The MLS's RESO Web API (adapters/reso), when the shell wired it. */
  resoFeed?: ResoFeedFactory;
  /** The team's homes, indexed for matching and kept up with the store. */
  listingBook?: ListingBook;
}
