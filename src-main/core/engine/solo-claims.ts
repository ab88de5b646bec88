// The solo-mode ClaimAuthority: the claim is the local atomic transition scheduled -> claimed
// (one writer per document in RxDB), with a fresh token and a fencing number from the history.
import { randomUUID } from 'node:crypto';
import type { ClaimAuthority, ClaimResult } from '../ports/claim-authority';
import { transitionMessage } from '../messages/outbox-state';
import type { PorchlightDatabase } from '../store/collections';

const LEASE_MS = 5 * 60_000;

export class SoloClaimAuthority implements ClaimAuthority {
  readonly mode = 'solo';

  constructor(private readonly db: PorchlightDatabase) {}

  async claim(messageId: string, now: number): Promise<ClaimResult> {
    const token = randomUUID();
    const claimed = await transitionMessage(this.db, messageId, 'claimed', now, {
      from: ['scheduled'],
      patch: { claimToken: token },
    });
    if (claimed === null)
      return { granted: false, reason: 'not_scheduled', detail: 'the message is no longer scheduled' };
    const fencing = claimed.statusHistory.filter((c) => c.status === 'claimed').length;
    return {
      granted: true,
      claim: { messageId, token, fencing, expiresAt: now + LEASE_MS },
      message: claimed,
    };
  }
}
