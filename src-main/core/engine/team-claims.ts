// The team-mode ClaimAuthority (docs/sync.md, CL-*): a replica sends a team message only
// while it holds the team server's lease for it. Guarantees:
//  - a grant is written locally as scheduled -> claimed with the token `team:<replica>:<fencing>`
//    before the pipeline goes on, so a crash leaves a trace recovery understands (R1, R2);
//  - a refusal never sends: held elsewhere or server out of reach = try again later (the
//    dispatcher leaves the message alone until `retryAt`); settled elsewhere (sent, failed,
//    uncertain) or suppressed on the server = recorded here as the server knows it;
//  - how each of this replica's claimed sends ended is reported (complete with the provider's
//    id, or release), retried until the server took it, and reported again after a restart.
// Claims and reports travel in small batches: a drain asks for many messages at once.
import type { Message } from '../../../src-shared/domain';
import type {
  ClaimAnswer,
  ClaimRequest,
  CompleteRequest,
  ReleaseRequest,
  SettleResult,
} from '../../../src-shared/sync/claims';
import type { CoreContext } from '../context';
import type { ClaimAuthority, ClaimResult } from '../ports/claim-authority';
import type { TeamClaimsConnection } from '../ports/sync-transport';
import { Batcher } from './batcher';
import { recordSettledElsewhere } from './claim-refusals';
import { transitionMessage } from '../messages/outbox-state';
import { docById } from '../store/by-id';

/** A refused "held" is asked again after this long at most: the holder's result usually replicates first. */
const HELD_RETRY_MS = 10_000;
/** The server out of reach: ask again after this long (nothing is sent meanwhile). */
const OFFLINE_RETRY_MS = 15_000;
const REPORT_RETRY_MS = 5_000;
/** After a restart, sends this recent are reported again (the server takes a repeat as a no-op). */
const REPORT_AGAIN_WINDOW_MS = 24 * 3_600_000;

const REPORTED_STATUSES = new Set<Message['status']>([
  'sent',
  'delivered',
  'undelivered',
  'failed',
  'uncertain',
  'scheduled',
  'cancelled',
  'skipped',
  'rerouted',
  'waiting_for_channel',
]);

export function teamClaimToken(replicaId: string, fencing: number): string {
  return `team:${replicaId}:${fencing}`;
}

/** The fencing token of a claim this replica held, from the message's claimToken. */
export function ownFencing(message: Pick<Message, 'claimToken'>, replicaId: string): number | undefined {
  const prefix = `team:${replicaId}:`;
  if (message.claimToken?.startsWith(prefix) !== true) return undefined;
  const fencing = Number(message.claimToken.slice(prefix.length));
  return Number.isInteger(fencing) && fencing > 0 ? fencing : undefined;
}

/** Where the message would go on its channel: what the server checks against its suppressions. */
async function recipientOf(ctx: CoreContext, message: Message): Promise<string | undefined> {
  if (message.to !== undefined && message.to !== '') return message.to;
  const lead = await ctx.db.leads.findOne(message.leadId).exec();
  const channel = message.plannedChannel ?? message.channel;
  if (channel === 'email') return lead?.email;
  if (channel === 'sms' || channel === 'whatsapp') return lead?.phone;
  return lead?.ownerId ?? message.ownerId;
}

export class TeamClaimAuthority implements ClaimAuthority {
  readonly mode = 'team';
  private readonly claims: Batcher<ClaimRequest, ClaimAnswer>;
  private readonly completes: Batcher<CompleteRequest, SettleResult>;
  private readonly releases: Batcher<ReleaseRequest, SettleResult>;
  /** Claims granted to this process and not yet reported: never asked for twice at once. */
  private readonly holding = new Map<string, number>();
  /** What was last reported per message, so a change event is reported once. */
  private readonly reported = new Map<string, string>();
  private unsubscribe: (() => void) | undefined;
  private stopped = false;

  constructor(
    private readonly ctx: CoreContext,
    private readonly connection: TeamClaimsConnection,
  ) {
    const { handlers } = connection;
    this.claims = new Batcher((items) => handlers.claim(items));
    this.completes = new Batcher((items) => handlers.complete(items));
    this.releases = new Batcher((items) => handlers.release(items));
  }

  async claim(messageId: string, now: number): Promise<ClaimResult> {
    // A replicated copy can move a message this process is still sending back to `scheduled`;
    // it is not asked for again until its own send has ended.
    if (this.holding.has(messageId))
      return {
        granted: false,
        reason: 'already_claimed',
        detail: 'this replica is still sending it',
        retryAt: now + HELD_RETRY_MS,
      };
    const message = (await docById(this.ctx.db.messages, messageId))?.toMutableJSON();
    if (message?.status !== 'scheduled')
      return { granted: false, reason: 'not_scheduled', detail: 'the message is no longer scheduled' };
    const channel = message.plannedChannel ?? (message.channel === 'note' ? 'notification' : message.channel);
    const to = await recipientOf(this.ctx, message);
    let answer: ClaimAnswer;
    try {
      answer = await this.claims.run({
        messageId,
        channel,
        to: to === undefined || to === '' ? 'unknown' : to,
        replicaId: this.connection.replicaId,
      });
    } catch (error) {
      return {
        granted: false,
        reason: 'unavailable',
        detail: `the team server could not be asked (${error instanceof Error ? error.message : String(error)})`,
        retryAt: now + OFFLINE_RETRY_MS,
      };
    }
    if (answer.granted) {
      this.holding.set(messageId, answer.fencing);
      const token = teamClaimToken(this.connection.replicaId, answer.fencing);
      const claimed = await transitionMessage(this.ctx.db, messageId, 'claimed', this.ctx.clock.now(), {
        from: ['scheduled'],
        patch: { claimToken: token },
        detail: `claimed from the team server (token ${answer.fencing})`,
      });
      if (claimed === null) {
        this.holding.delete(messageId);
        this.report({ messageId, fencing: answer.fencing, outcome: 'not_sent' });
        return {
          granted: false,
          reason: 'not_scheduled',
          detail: 'the message changed while it was claimed',
        };
      }
      return {
        granted: true,
        claim: { messageId, token, fencing: answer.fencing, expiresAt: answer.leaseUntil },
        message: claimed,
      };
    }
    if (answer.reason === 'held')
      return {
        granted: false,
        reason: 'already_claimed',
        detail: answer.detail,
        retryAt: Math.min(now + HELD_RETRY_MS, (answer.leaseUntil ?? now) + 1),
      };
    await recordSettledElsewhere(this.ctx, message, answer);
    return {
      granted: false,
      reason: answer.reason === 'suppressed' ? 'suppressed' : 'settled_elsewhere',
      detail: answer.detail,
    };
  }

  start(): void {
    const subscription = this.ctx.db.messages.$.subscribe((event) => {
      this.reportOutcome(event.documentData);
    });
    this.unsubscribe = () => subscription.unsubscribe();
    void this.reportAgain();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    await Promise.all([this.claims.idle(), this.completes.idle(), this.releases.idle()]);
  }

  /** After a restart: what this replica's recent claimed sends became is said again. */
  private async reportAgain(): Promise<void> {
    const since = this.ctx.clock.now() - REPORT_AGAIN_WINDOW_MS;
    const docs = await this.ctx.db.messages
      .find({
        selector: {
          status: { $in: ['sent', 'delivered', 'undelivered', 'failed', 'uncertain'] },
          updatedAt: { $gt: since },
        },
      })
      .exec();
    for (const doc of docs) this.reportOutcome(doc.toMutableJSON());
  }

  private reportOutcome(message: Message): void {
    const fencing = ownFencing(message, this.connection.replicaId);
    if (fencing === undefined || !REPORTED_STATUSES.has(message.status)) return;
    if (this.holding.get(message.id) === fencing) this.holding.delete(message.id);
    const key = `${fencing}:${message.status}`;
    if (this.reported.get(message.id) === key) return;
    this.reported.set(message.id, key);
    const messageId = message.id;
    if (message.status === 'sent' || message.status === 'delivered' || message.status === 'undelivered') {
      this.settle(() =>
        this.completes.run({ messageId, fencing, providerId: message.providerId ?? `local:${messageId}` }),
      );
      return;
    }
    const outcome =
      message.status === 'failed' ? 'failed' : message.status === 'uncertain' ? 'uncertain' : 'not_sent';
    const detail = message.statusHistory.at(-1)?.detail;
    this.report({ messageId, fencing, outcome, ...(detail === undefined ? {} : { detail }) });
  }

  private report(release: ReleaseRequest): void {
    this.settle(() => this.releases.run(release));
  }

  /** A report the server did not take yet is tried again until it answers (a stale token is an answer). */
  private settle(send: () => Promise<unknown>): void {
    send().catch(() => {
      if (this.stopped) return;
      const timer = setTimeout(() => this.settle(send), REPORT_RETRY_MS);
      timer.unref();
    });
  }
}
