// The solo-mode ClaimAuthority: the claim is the local atomic transition scheduled -> claimed
// (one writer per document in RxDB), with a fresh token and a fencing number from the history.
// `claimSeen` takes it only from the revision the caller read (and, on the way to sending, in the
// same write as `sending`).
import { randomUUID } from 'node:crypto';
import type { RxDocument } from 'rxdb';
import type { Message } from '../../../src-shared/domain';
import type { ClaimAuthority, ClaimResult, SendingWrite } from '../ports/claim-authority';
import { transitionMessage, transitionSeen } from '../messages/outbox-state';
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
    return granted(claimed, messageId, token, now, 'the message is no longer scheduled');
  }

  readonly claimSeen = async (
    seen: RxDocument<Message>,
    now: number,
    sending?: SendingWrite,
  ): Promise<ClaimResult> => {
    const token = randomUUID();
    const claimed = await transitionSeen(
      seen,
      sending === undefined ? 'claimed' : 'sending',
      now,
      sending === undefined
        ? { from: ['scheduled'], patch: { claimToken: token } }
        : {
            from: ['scheduled'],
            via: 'claimed',
            patch: { ...sending.patch, claimToken: token },
            ...(sending.detail === undefined ? {} : { detail: sending.detail }),
          },
    );
    return granted(claimed, seen.primary, token, now, 'the message changed since it was read');
  };
}

function granted(
  claimed: Message | null,
  messageId: string,
  token: string,
  now: number,
  refused: string,
): ClaimResult {
  if (claimed === null) return { granted: false, reason: 'not_scheduled', detail: refused };
  const fencing = claimed.statusHistory.filter((c) => c.status === 'claimed').length;
  return {
    granted: true,
    claim: { messageId, token, fencing, expiresAt: now + LEASE_MS },
    message: claimed,
  };
}
