// What every feature's handlers receive: the store, time, the event bus, who is working and the
// services that live as long as the core. Built once (core/build-context.ts) and never changed
// after: what the shell connects is passed in, and state lives in the object that owns it.
import type { AiService } from './ai/service';
import type { ConnectionBoard } from './channels/connections';
import type { EmailRepliesLog } from './email/replies-status';
import type { EngineSettingsSource } from './engine/settings';
import type { CoreEvents } from './events';
import type { ChannelTesters } from './ports/channel-tester';
import type { Clock } from './ports/clock';
import type { FollowUpBoss } from './follow-up-boss/service';
import type { ListingBook } from './listings/listing-book';
import type { ResoImports } from './listings/reso-imports';
import type { ResoFeedFactory } from './ports/reso-feed';
import type { SecretStore } from './ports/secret-store';
import type { ContentReadings } from './scoring/content-readings';
import type { PorchlightDatabase } from './store/collections';
import type { SyncClient } from './sync/client';

export interface WorkspaceKeys {
  teamId: string;
  /** The agent using this app; owner of leads they create. */
  agentId: string;
}

export interface Workspace extends Readonly<WorkspaceKeys> {
  /** ISO 3166-1 alpha-2 used to read phone numbers written without a country code. */
  readonly defaultCountry: string;
}

/**
 * The workspace of a running core. Its keys change only when this desktop joins or leaves a
 * team (the sync client's sign-in and sign-out move it); everyone else reads.
 */
export class CurrentWorkspace implements Workspace {
  private keys: WorkspaceKeys;

  constructor(
    keys: WorkspaceKeys,
    readonly defaultCountry: string,
  ) {
    this.keys = { ...keys };
  }

  get teamId(): string {
    return this.keys.teamId;
  }

  get agentId(): string {
    return this.keys.agentId;
  }

  moveTo(keys: WorkspaceKeys): void {
    this.keys = { teamId: keys.teamId, agentId: keys.agentId };
  }
}

export interface CoreContext {
  readonly db: PorchlightDatabase;
  readonly clock: Clock;
  readonly events: CoreEvents;
  readonly workspace: Workspace;
  readonly shell: 'desktop' | 'headless';
  readonly dataDir: string;
  /** The team's engine settings, cached for this core. */
  readonly engineSettings: EngineSettingsSource;
  /** AI jobs (drafts, reply classification, content readings); rules answer without a port. */
  readonly ai: AiService;
  /** What the IMAP reply poller last did, since this core started. */
  readonly emailReplies: EmailRepliesLog;
  /** Optional AI reading of a lead's messages, blended into the score as one factor. */
  readonly contentReadings?: ContentReadings;
  /** Provider keys (Electron safeStorage, or env / 0600 file headless); never in RxDB. */
  readonly secrets?: SecretStore;
  /** "Send a test message to me", one per connected provider (kept by the shell's channels). */
  readonly channelTesters?: ChannelTesters;
  /** Team sync, when the shell wired a transport to the server (signed in or not). */
  readonly sync?: SyncClient;
  /** Each provider connection's state, reported by the shell's adapters as they (re)connect. */
  readonly connections?: ConnectionBoard;
  /** Importing people from Follow Up Boss and recording our work there (when the shell wired it). */
  readonly followUpBoss?: FollowUpBoss;
  /** The MLS's RESO Web API (adapters/reso), when the shell wired it. */
  readonly resoFeed?: ResoFeedFactory;
  /** The team's homes, indexed for matching and kept up with the store. */
  readonly listingBook?: ListingBook;
  /** Imports from the MLS one at a time, by hand or on the timer (listings/reso-imports.ts). */
  readonly resoImports: ResoImports;
}
