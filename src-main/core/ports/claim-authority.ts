// Who may send a message. Solo: a local atomic transition scheduled -> claimed in the store.
// Team mode: the sync server grants a lease with a fencing token and refuses suppressed
// recipients (engine/team-claims.ts, docs/sync.md CL-*). The dispatcher sends only while it
// holds a claim; a refusal with `retryAt` means "not now": the dispatcher leaves the message
// alone until then (another replica holds it, or the server is out of reach).
import type { RxDocument } from 'rxdb';
import type { Message } from '../../../src-shared/domain';
import type { MessagePatch } from '../messages/outbox-state';

export interface Claim {
  messageId: string;
  token: string;
  /** Monotonic per message; a provider call carries it so a stale holder can be fenced off. */
  fencing: number;
  expiresAt: number;
}

export type ClaimResult =
  /** `message`: the claimed message as the claim stored it, when the authority wrote it locally. */
  | { granted: true; claim: Claim; message?: Message }
  | {
      granted: false;
      reason: 'already_claimed' | 'not_scheduled' | 'suppressed' | 'settled_elsewhere' | 'unavailable';
      detail: string;
      retryAt?: number;
    };

/** What a claim taken on the way to `sending` writes with it (the send pipeline's step 10). */
export interface SendingWrite {
  patch: MessagePatch;
  detail?: string;
}

export interface ClaimAuthority {
  readonly mode: 'solo' | 'team';
  claim(messageId: string, now: number): Promise<ClaimResult>;
  /**
   * Solo only (undefined otherwise): claims a message read as `seen`, only if nothing changed it
   * since; with `sending`, moves it on to `sending` in the same write. The send pipeline checks
   * the message as it read it and claims it with the write that settles or sends it, so a
   * message that goes out costs one write before the provider instead of two.
   */
  readonly claimSeen?:
    ((seen: RxDocument<Message>, now: number, sending?: SendingWrite) => Promise<ClaimResult>) | undefined;
  /** Runs while the engine runs (team mode reports how each claimed send ended). */
  start?(): void;
  stop?(): Promise<void>;
}
