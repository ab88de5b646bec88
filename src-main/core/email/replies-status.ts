// What the IMAP reply poller last did, kept in memory per running core (a poll every minute
// should not write a replicated document each time). The poller reports; a handler reads.
import type { EmailRepliesStatus } from '../../../src-shared/ipc/email';
import type { CoreContext } from '../context';
import type { InboundOutcome } from './inbound';

type LiveStatus = Omit<EmailRepliesStatus, 'checkpoint'>;

const statuses = new WeakMap<CoreContext, LiveStatus>();

function current(ctx: CoreContext): LiveStatus {
  let status = statuses.get(ctx);
  if (status === undefined) {
    status = { running: false, replies: 0, bounces: 0, ignoredBounces: 0, unmatched: 0 };
    statuses.set(ctx, status);
  }
  return status;
}

export function liveRepliesStatus(ctx: CoreContext): LiveStatus {
  return { ...current(ctx) };
}

export function reportPollerRunning(ctx: CoreContext, running: boolean): void {
  current(ctx).running = running;
}

export function reportPoll(ctx: CoreContext, at: number, outcomes: InboundOutcome[], error?: string): void {
  const status = current(ctx);
  status.lastPollAt = at;
  if (error === undefined) delete status.lastError;
  else status.lastError = error;
  for (const outcome of outcomes) {
    if (outcome.kind === 'reply') status.replies++;
    if (outcome.kind === 'bounce') status.bounces++;
    if (outcome.kind === 'bounce_ignored') status.ignoredBounces++;
    if (outcome.kind === 'unmatched') status.unmatched++;
  }
}
