// Who may send a message. Solo: a local atomic transition scheduled -> claimed in the store.
// Team mode: the sync server grants a lease with a fencing token and refuses suppressed
// recipients (engine/team-claims.ts, docs/sync.md CL-*). The dispatcher sends only while it
// holds a claim; a refusal with `retryAt` means "not now": the dispatcher leaves the message
// alone until then (another replica holds it, or the server is out of reach).
import type { Message } from '../../../src-shared/domain';

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

export interface ClaimAuthority {
  readonly mode: 'solo' | 'team';
  claim(messageId: string, now: number): Promise<ClaimResult>;
  /** Runs while the engine runs (team mode reports how each claimed send ended). */
  start?(): void;
  stop?(): Promise<void>;
}
