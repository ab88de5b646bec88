// The claims protocol's decisions, pure (docs/sync.md, CL-*): given a message's claim as
// stored and what a replica asks, what the server stores and answers. Invariants:
//  - at most one live lease per message, and each grant carries a fencing token one higher
//    than any before it, so only the latest holder's complete/release counts (CL3, CL5);
//  - a message that was completed, failed or became uncertain is never granted again (CL3);
//  - a lease that ran out while its holder may have sent turns uncertain, never over to
//    another replica (CL4); the holder's own report with the same token still settles it (CL5).
import type { Channel } from '../../src-shared/domain';
import type { ClaimAnswer, ClaimStateAnswer, ReleaseOutcome } from '../../src-shared/sync';
import type { ClaimRecord } from '../storage/engine-store';

export const LEASE_RAN_OUT = 'the lease ran out while its holder may have sent';

export interface ClaimAsk {
  teamId: string;
  messageId: string;
  holderId: string;
  replicaId: string;
  channel: Channel;
  recipient: string;
  leaseMs: number;
  now: number;
}

type Decision<R> = { next: ClaimRecord | null; result: R };

function refused(
  current: ClaimRecord,
  reason: 'held' | 'completed' | 'uncertain' | 'failed',
  detail: string,
): ClaimAnswer {
  return {
    granted: false,
    messageId: current.messageId,
    reason,
    detail,
    ...(reason === 'held' ? { leaseUntil: current.leaseUntil } : {}),
    ...(current.providerId === null ? {} : { providerId: current.providerId }),
  };
}

/** CL3: grant a lease, or say why not. */
export function decideClaim(current: ClaimRecord | null, ask: ClaimAsk): Decision<ClaimAnswer> {
  if (current !== null) {
    if (current.state === 'completed')
      return { next: null, result: refused(current, 'completed', 'it was sent already') };
    if (current.state === 'failed')
      return { next: null, result: refused(current, 'failed', 'the provider refused it for good') };
    if (current.state === 'uncertain')
      return { next: null, result: refused(current, 'uncertain', current.detail ?? LEASE_RAN_OUT) };
    if (current.state === 'held') {
      // CL4: the holder may have sent before its lease ran out.
      if (current.leaseUntil < ask.now) {
        const next = { ...current, state: 'uncertain' as const, detail: LEASE_RAN_OUT, updatedAt: ask.now };
        return { next, result: refused(next, 'uncertain', LEASE_RAN_OUT) };
      }
      // The same replica asking again lost the first answer before it could send: a new grant
      // with a higher token fences off anything the first one could still do.
      if (current.replicaId !== ask.replicaId || current.holderId !== ask.holderId)
        return { next: null, result: refused(current, 'held', 'another replica is sending it') };
    }
  }
  const fencing = (current?.fencing ?? 0) + 1;
  const next: ClaimRecord = {
    teamId: ask.teamId,
    messageId: ask.messageId,
    state: 'held',
    fencing,
    holderId: ask.holderId,
    replicaId: ask.replicaId,
    leaseUntil: ask.now + ask.leaseMs,
    channel: ask.channel,
    recipient: ask.recipient,
    providerId: null,
    detail: null,
    updatedAt: ask.now,
  };
  return { next, result: { granted: true, messageId: ask.messageId, fencing, leaseUntil: next.leaseUntil } };
}

/** Why a complete or release was not taken (CL5): the server's state goes back with it. */
export class StaleClaimError extends Error {
  readonly code = 'stale_fencing';
  constructor(readonly current: ClaimStateAnswer | null) {
    super(
      current === null
        ? 'There is no claim for this message; claim it before sending.'
        : `This claim is no longer yours (token ${current.fencing}, ${current.state}); the send must not be recorded under it.`,
    );
  }
}

const stateOf = (c: ClaimRecord): ClaimStateAnswer => ({
  messageId: c.messageId,
  state: c.state,
  fencing: c.fencing,
});

function ownClaim(current: ClaimRecord | null, holderId: string, fencing: number): ClaimRecord {
  if (current === null || current.fencing !== fencing || current.holderId !== holderId)
    throw new StaleClaimError(current === null ? null : stateOf(current));
  return current;
}

/** CL5: the holder sent it; the provider's id is kept. A repeat of the same report is a no-op. */
export function decideComplete(
  current: ClaimRecord | null,
  report: { holderId: string; fencing: number; providerId: string; now: number },
): Decision<ClaimStateAnswer> {
  const claim = ownClaim(current, report.holderId, report.fencing);
  if (claim.state === 'completed') {
    if (claim.providerId === report.providerId) return { next: null, result: stateOf(claim) };
    throw new StaleClaimError(stateOf(claim));
  }
  // Held, or uncertain under this very token: the holder's report settles what was a guess.
  if (claim.state !== 'held' && claim.state !== 'uncertain') throw new StaleClaimError(stateOf(claim));
  const next: ClaimRecord = {
    ...claim,
    state: 'completed',
    providerId: report.providerId,
    detail: null,
    updatedAt: report.now,
  };
  return { next, result: stateOf(next) };
}

/** CL6: the holder ends its claim without a send (or knows it may have left: uncertain). */
export function decideRelease(
  current: ClaimRecord | null,
  report: { holderId: string; fencing: number; outcome: ReleaseOutcome; detail: string | null; now: number },
): Decision<ClaimStateAnswer> {
  const claim = ownClaim(current, report.holderId, report.fencing);
  const state = ({ not_sent: 'released', failed: 'failed', uncertain: 'uncertain' } as const)[report.outcome];
  if (claim.state === state) return { next: null, result: stateOf(claim) };
  if (claim.state !== 'held' && claim.state !== 'uncertain') throw new StaleClaimError(stateOf(claim));
  const next: ClaimRecord = { ...claim, state, detail: report.detail, updatedAt: report.now };
  return { next, result: stateOf(next) };
}
