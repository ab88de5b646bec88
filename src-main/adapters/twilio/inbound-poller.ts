// Solo mode (no sync server to receive webhooks): replies are read from Twilio's message list
// since a checkpoint kept in the settings collection ("channels.twilio.poll"), and the status
// of recently sent messages is fetched, so both arrive without a public URL. Guarantees: a
// reply is recorded once however often it is listed (ids come from Twilio's sid); the list is
// read with an overlap before the checkpoint because Twilio's DateSent filter is coarse and its
// list eventually consistent; replies from numbers that are no lead's (kept nowhere else) are
// remembered by sid for the overlap, so an old STOP or START is never applied twice; the
// checkpoint only moves forward, after the replies are stored.
import type twilio from 'twilio';
import { recordInboundText } from '../../core/channels/inbound-text';
import { recordProviderStatus } from '../../core/channels/provider-status';
import type { CoreContext } from '../../core/context';
import type { TimerHandle } from '../../core/ports/clock';
import { OPTED_OUT, deliveryReason } from './error-map';
import type { TwilioSender } from './twilio-sender';

export const POLL_CHECKPOINT_ID = 'channels.twilio.poll';
const OVERLAP_MS = 10 * 60_000;
const FIRST_LOOK_BACK_MS = 60 * 60_000;
const STATUS_LOOK_BACK_MS = 2 * 86_400_000;

export interface PollReport {
  received: number;
  duplicates: number;
  unmatched: number;
  statuses: number;
}

export interface TwilioPollerOptions {
  client: twilio.Twilio;
  /** The numbers replies come to: "+1555…" and/or "whatsapp:+1555…"; empty = the whole account. */
  numbers: string[];
  intervalMs: number;
  senders: { sms?: TwilioSender<'sms'>; whatsapp?: TwilioSender<'whatsapp'> };
}

export class TwilioPoller {
  private timer: TimerHandle | undefined;
  private running: Promise<PollReport> | undefined;
  private stopped = false;

  constructor(
    private readonly ctx: CoreContext,
    private readonly options: TwilioPollerOptions,
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.timer?.cancel();
    await this.running?.catch(() => undefined);
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    this.timer = this.ctx.clock.setTimer(this.ctx.clock.now() + delay, () => {
      this.pollOnce()
        .catch((error: unknown) =>
          console.error('Porchlight: polling Twilio failed:', error instanceof Error ? error.message : error),
        )
        .finally(() => this.schedule(this.options.intervalMs));
    });
  }

  /** One pass: new replies, then statuses of recent sends. Concurrent calls share one pass. */
  pollOnce(): Promise<PollReport> {
    this.running ??= this.pass().finally(() => (this.running = undefined));
    return this.running;
  }

  private async pass(): Promise<PollReport> {
    const report: PollReport = { received: 0, duplicates: 0, unmatched: 0, statuses: 0 };
    const { ctx } = this;
    const now = ctx.clock.now();
    const { since: checkpoint, seen } = await readCheckpoint(ctx);
    const since = (checkpoint ?? now - FIRST_LOOK_BACK_MS) - OVERLAP_MS;
    const filters = this.options.numbers.length === 0 ? [{}] : this.options.numbers.map((to) => ({ to }));
    const inbound = [];
    for (const filter of filters) {
      const listed = await this.options.client.messages.list({
        ...filter,
        dateSentAfter: new Date(since),
        pageSize: 100,
      });
      inbound.push(
        ...listed.filter(
          (m) => m.direction === 'inbound' && (m.dateSent ?? m.dateCreated).getTime() >= since,
        ),
      );
    }
    inbound.sort((a, b) => (a.dateSent ?? a.dateCreated).getTime() - (b.dateSent ?? b.dateCreated).getTime());
    let newest = checkpoint ?? now - FIRST_LOOK_BACK_MS;
    const seenNow: { sid: string; at: number }[] = [];
    for (const m of inbound) {
      const at = (m.dateSent ?? m.dateCreated).getTime();
      seenNow.push({ sid: m.sid, at });
      if (seen.has(m.sid)) {
        report.duplicates++;
        continue;
      }
      const whatsapp = m.from.startsWith('whatsapp:');
      const outcome = await recordInboundText(
        ctx,
        {
          providerId: m.sid,
          channel: whatsapp ? 'whatsapp' : 'sms',
          from: m.from.replace(/^whatsapp:/, ''),
          body: m.body,
          receivedAt: (m.dateSent ?? m.dateCreated).getTime(),
        },
        whatsapp ? this.options.senders.whatsapp : this.options.senders.sms,
      );
      if (outcome.kind === 'recorded') report.received++;
      else if (outcome.kind === 'duplicate') report.duplicates++;
      else report.unmatched++;
      newest = Math.max(newest, at);
    }
    const keep = seenNow.filter((x) => x.at >= newest - OVERLAP_MS).map((x) => x.sid);
    await writeCheckpoint(ctx, newest, keep);
    report.statuses = await this.refreshStatuses(now);
    return report;
  }

  private async refreshStatuses(now: number): Promise<number> {
    const docs = await this.ctx.db.messages
      .find({
        selector: { status: 'sent', direction: 'outbound', updatedAt: { $gte: now - STATUS_LOOK_BACK_MS } },
        limit: 100,
      })
      .exec();
    let recorded = 0;
    for (const doc of docs) {
      if ((doc.channel !== 'sms' && doc.channel !== 'whatsapp') || doc.providerId === undefined) continue;
      const m = await this.options.client
        .messages(doc.providerId)
        .fetch()
        .catch(() => null);
      if (m === null) continue;
      const failed = m.status === 'undelivered' || m.status === 'failed';
      const outcome = await recordProviderStatus(this.ctx, {
        messageId: doc.id,
        providerId: m.sid,
        status: m.status,
        provider: 'twilio',
        ...(failed ? { error: deliveryReason(m.errorCode ?? undefined, m.errorMessage) } : {}),
        ...(m.errorCode === OPTED_OUT ? { optedOut: true } : {}),
      });
      if (outcome === 'recorded') recorded++;
    }
    return recorded;
  }
}

interface Checkpoint {
  since: number | undefined;
  /** Sids already handled inside the overlap window. */
  seen: Set<string>;
}

async function readCheckpoint(ctx: CoreContext): Promise<Checkpoint> {
  const doc = await ctx.db.settings.findOne(POLL_CHECKPOINT_ID).exec();
  const value: unknown = doc?.value;
  if (typeof value !== 'object' || value === null) return { since: undefined, seen: new Set() };
  const since = 'since' in value && typeof value.since === 'number' ? value.since : undefined;
  const seen =
    'seen' in value && Array.isArray(value.seen)
      ? value.seen.filter((x): x is string => typeof x === 'string')
      : [];
  return { since, seen: new Set(seen) };
}

async function writeCheckpoint(ctx: CoreContext, since: number, seen: string[]): Promise<void> {
  const current = await readCheckpoint(ctx);
  const next = Math.max(since, current.since ?? since);
  await ctx.db.settings.upsert({
    id: POLL_CHECKPOINT_ID,
    teamId: ctx.workspace.teamId,
    ownerId: ctx.workspace.agentId,
    updatedAt: ctx.clock.now(),
    value: { since: next, seen: seen.slice(-2000) },
  });
}
