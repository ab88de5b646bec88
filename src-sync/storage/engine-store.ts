// The team engine's tables on the server, beside the replicated documents: suppressions that
// take effect at once (a STOP, an unsubscribe, Twilio 21610) and the claims that let exactly one
// replica send a message (docs/sync.md, CL-*). Both backends implement these two ports;
// test/sync/engine-store-contract.ts holds them to the same rules (ES1, ES2, ...).
import type { Channel, Suppression } from '../../src-shared/domain';

/** A channel a suppression covers; 'all' covers every channel. */
export type SuppressionChannel = Channel | 'all';

export interface ServerSuppression {
  teamId: string;
  /** E.164 phone or email; stored as `normalizeAddress` gives it. */
  address: string;
  channel: SuppressionChannel;
  reason: Suppression['reason'];
  /** Where it came from, for the audit: 'twilio-inbound', 'twilio-status', 'unsubscribe', 'desktop'. */
  source: string;
  detail: string | null;
  at: number;
}

/** One spelling of an address: emails lower-cased, Twilio's `whatsapp:` prefix dropped, no spaces. */
export function normalizeAddress(address: string): string {
  const trimmed = address.trim().replace(/^whatsapp:/i, '');
  return trimmed.includes('@') ? trimmed.toLowerCase() : trimmed.replace(/[\s()-]/g, '');
}

export interface SuppressionStore {
  /** Idempotent: suppressing an address already suppressed on that channel keeps the first record (ES1). */
  suppress(suppression: ServerSuppression): Promise<void>;
  /**
   * Whether a message to `address` on `channel` is refused: a suppression on that channel or on
   * 'all'. Without a channel, whether the address is suppressed on any channel (ES2).
   */
  isSuppressed(teamId: string, address: string, channel?: Channel): Promise<boolean>;
  /** The suppression that refuses `address` on `channel` (its own or 'all'), the earliest first. */
  findSuppression(teamId: string, address: string, channel: Channel): Promise<ServerSuppression | null>;
  /** START: lifts the suppressions of `address` on `channel` and on 'all'; how many were lifted (ES3). */
  lift(teamId: string, address: string, channel: Channel): Promise<number>;
  listSuppressions(teamId: string, limit: number): Promise<ServerSuppression[]>;
}

/**
 * held: a replica holds the lease and may send. completed: sent, with the provider's id.
 * released: the holder did not send; the next claim may take it. uncertain: the lease ran out
 * while the holder may have sent; no replica gets it again (an agent decides). failed: the
 * provider refused it for good.
 */
export type ClaimState = 'held' | 'completed' | 'released' | 'uncertain' | 'failed';

export interface ClaimRecord {
  teamId: string;
  messageId: string;
  state: ClaimState;
  /** The fencing token: grows by one with every grant; only the latest holder's calls count. */
  fencing: number;
  /** The account and the replica (one desktop or always-on engine) that hold or held it. */
  holderId: string;
  replicaId: string;
  leaseUntil: number;
  channel: Channel;
  recipient: string;
  providerId: string | null;
  detail: string | null;
  updatedAt: number;
}

export interface ClaimStore {
  readClaim(teamId: string, messageId: string): Promise<ClaimRecord | null>;
  /**
   * One atomic read-decide-write of a message's claim (ES4): `decide` (synchronous, pure) sees
   * the current record and says what to store; two concurrent calls for one message never both
   * see the same record.
   */
  updateClaim<R>(
    teamId: string,
    messageId: string,
    decide: (current: ClaimRecord | null) => { next: ClaimRecord | null; result: R },
  ): Promise<R>;
  /** Turns every held claim whose lease ended before `now` uncertain; returns them as they now are (ES5). */
  expireLeases(now: number): Promise<ClaimRecord[]>;
  listClaims(teamId: string, state: ClaimState, limit: number): Promise<ClaimRecord[]>;
}
