// What the IMAP reply poller last did, kept in memory for the running core (a poll every minute
// should not write a replicated document each time). The poller reports; a handler reads. One
// log per core, on its context: the counts outlive a reconnect of the poller.
import type { EmailRepliesStatus } from '../../../src-shared/ipc/email';
import type { InboundOutcome } from './inbound';

type LiveStatus = Omit<EmailRepliesStatus, 'checkpoint'>;

export class EmailRepliesLog {
  private readonly status: LiveStatus = {
    running: false,
    replies: 0,
    bounces: 0,
    ignoredBounces: 0,
    unmatched: 0,
  };

  view(): LiveStatus {
    return { ...this.status };
  }

  reportPollerRunning(running: boolean): void {
    this.status.running = running;
  }

  reportPoll(at: number, outcomes: InboundOutcome[], error?: string): void {
    const status = this.status;
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
}
