// The team server as core sees it: sign-in calls and, per replicated collection, the three
// functions RxDB's replicateRxCollection takes (pull by checkpoint, push with the assumed
// master state, a live stream that starts with RESYNC). The HTTP transport lives in
// src-main/adapters/sync; tests use an in-memory server behind the same port.
import type { Observable } from 'rxjs';
import type {
  ClaimAnswer,
  ClaimRequest,
  CompleteRequest,
  ReleaseRequest,
  SettleResult,
  TeamLinks,
} from '../../../src-shared/sync/claims';
import type { RoutingRules, RoutingView } from '../../../src-shared/routing';

/** The server's position in a team's change order (docs/sync.md, SY-P1). */
export interface SyncCheckpoint {
  seq: number;
}

/** A replicated document as it travels: the collection's fields plus RxDB's `_deleted`. */
export type SyncDocument = Record<string, unknown> & { _deleted: boolean };

export interface SyncPushRow {
  assumedMasterState?: SyncDocument | undefined;
  newDocumentState: SyncDocument;
}

export type SyncStreamItem = 'RESYNC' | { documents: SyncDocument[]; checkpoint: SyncCheckpoint };

export interface SyncCollectionHandlers {
  pullHandler(
    checkpoint: SyncCheckpoint | undefined,
    batchSize: number,
  ): Promise<{ documents: SyncDocument[]; checkpoint: SyncCheckpoint }>;
  /** Answers the server's state of every row that met a different master (RxDB adopts it). */
  pushHandler(rows: readonly SyncPushRow[]): Promise<SyncDocument[]>;
  stream$: Observable<SyncStreamItem>;
}

/**
 * What a team send asks the server: its claims (docs/sync.md, CL-*: batches, answered item by
 * item in order) and the team's email link settings (null while the server has no public URL;
 * kept once known, as the key never changes while the server's token key stays).
 */
export interface SyncClaimHandlers {
  claim(requests: readonly ClaimRequest[]): Promise<ClaimAnswer[]>;
  complete(reports: readonly CompleteRequest[]): Promise<SettleResult[]>;
  release(reports: readonly ReleaseRequest[]): Promise<SettleResult[]>;
  links(): Promise<TeamLinks | null>;
  /** Lead routing (docs/routing.md): the rules, an admin's edit, pausing oneself, taking a lead. */
  routing(): Promise<RoutingView>;
  saveRouting(rules: RoutingRules): Promise<RoutingView>;
  setReceiving(paused: boolean): Promise<RoutingView>;
  takeLead(leadId: string): Promise<{ id: string; ownerId: string }>;
  /** Undo of an import handed to the team: bins the named leads it made that teammates hold. */
  undoImport(importId: string, leadIds: readonly string[]): Promise<{ removed: number }>;
}

/** The claims of the team this replica belongs to, and the replica's own id in them. */
export interface TeamClaimsConnection {
  handlers: SyncClaimHandlers;
  replicaId: string;
}

export interface SyncAgent {
  id: string;
  teamId: string;
  email: string;
  name: string;
  role: 'agent' | 'admin';
}

export interface SyncSession {
  accessToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
  refreshToken: string;
  agent: SyncAgent;
}

export interface SyncAuth {
  accessToken(): Promise<string>;
  /** Called after the server refused the token: a fresh one, or throws. */
  refresh(): Promise<string>;
}

/** A document of a push the server would not store, and why (SY-P5). */
export interface SyncRefusal {
  id: string;
  code: string;
  message: string;
}

export interface SyncCollectionOptions {
  auth: SyncAuth;
  onRefused(refusals: SyncRefusal[]): void;
  /** The live stream lost its connection (it reconnects by itself, then RESYNCs). */
  onStreamDown(error: unknown): void;
}

/**
 * What went wrong talking to the server. `offline` (code "offline"): it could not be reached
 * (normal for a laptop; replication retries). `refused`: it answered no, with its code and message.
 */
export class SyncTransportError extends Error {
  constructor(
    readonly kind: 'offline' | 'refused',
    readonly code: string,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'SyncTransportError';
  }
}

/** The Follow Up Boss events the team server received (admin only; src-shared/sync/fub-events). */
export interface SyncFubEvents {
  list(
    afterSeq: number,
    limit: number,
  ): Promise<{
    events: {
      id: string;
      event: string;
      eventCreated?: string | undefined;
      resourceIds: (number | string)[];
      seq: number;
    }[];
    checkpoint: number;
  }>;
  /** GET /admin/webhooks' Follow Up Boss address; undefined while the server has no public URL. */
  webhookUrl(): Promise<string | undefined>;
}

export interface SyncTransport {
  login(serverUrl: string, credentials: { email: string; password: string }): Promise<SyncSession>;
  /** Spends a one-time sign-in code (first run, invite) and sets the agent's password. */
  redeem(
    serverUrl: string,
    credentials: { email: string; code: string; password: string },
  ): Promise<SyncSession>;
  /** Rotates the refresh token: the one passed in is spent. */
  refresh(serverUrl: string, refreshToken: string): Promise<SyncSession>;
  logout(serverUrl: string, refreshToken: string): Promise<void>;
  collection(serverUrl: string, collection: string, options: SyncCollectionOptions): SyncCollectionHandlers;
  claims(serverUrl: string, auth: SyncAuth): SyncClaimHandlers;
  fubEvents(serverUrl: string, auth: SyncAuth): SyncFubEvents;
}
