// Who may send a message. Solo: a local atomic transition scheduled -> claimed in the store.
// Team mode: the sync server grants a lease with a fencing token and refuses suppressed
// recipients (built by the sync issue). The dispatcher sends only while it holds a claim.
export interface Claim {
  messageId: string;
  token: string;
  /** Monotonic per message; a provider call carries it so a stale holder can be fenced off. */
  fencing: number;
  expiresAt: number;
}

export type ClaimResult =
  | { granted: true; claim: Claim }
  | {
      granted: false;
      reason: 'already_claimed' | 'not_scheduled' | 'suppressed' | 'unavailable';
      detail: string;
    };

export interface ClaimAuthority {
  readonly mode: 'solo' | 'team';
  claim(messageId: string, now: number): Promise<ClaimResult>;
}
