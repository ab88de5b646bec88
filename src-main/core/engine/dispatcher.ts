// The outbox dispatcher. One timer, armed on the earliest scheduled sendAt (an indexed query on
// [status, sendAt]); nothing else is held in memory per message, so 100k pending messages cost
// one index, not 100k timers. On wake it drains what is due in sendAt order, in batches, each
// message through the send pipeline, honouring per-channel rate limits (a channel that is out of
// tokens is skipped until its next token, the others carry on). New or moved messages re-arm
// the timer through the store's change stream, whoever wrote them. A message whose claim was
// refused for now (team mode: another replica holds it, or the server is out of reach) is left
// alone until its retry time, and the timer wakes for it then.
import type { MangoQuerySelector, RxDocument } from 'rxdb';
import type { Subscription } from 'rxjs';
import type { Channel, Message } from '../../../src-shared/domain';
import type { EngineSettings } from '../../../src-shared/playbooks/engine-settings';
import type { CoreContext } from '../context';
import type { TimerHandle } from '../ports/clock';
import type { ClaimAuthority } from '../ports/claim-authority';
import { InFlightSends } from './in-flight';
import { dispatchOne } from './send-pipeline';
import type { EnginePorts } from './ports';
import { RateLimiter } from './rate-limiter';

const BATCH = 256;

export class OutboxDispatcher {
  private timer: TimerHandle | null = null;
  private armedFor = Number.POSITIVE_INFINITY;
  private draining: Promise<void> | null = null;
  private drainAgain = false;
  private stopped = false;
  private subscription: Subscription | null = null;
  private readonly blockedUntil = new Map<Channel, number>();
  private readonly deferredUntil = new Map<string, number>();
  readonly limiter: RateLimiter;
  readonly inFlight = new InFlightSends();

  constructor(
    private readonly ctx: CoreContext,
    private readonly ports: EnginePorts,
    private readonly claims: ClaimAuthority,
    private settings: EngineSettings,
  ) {
    this.limiter = new RateLimiter(settings.rateLimits);
  }

  start(): void {
    this.subscription = this.ctx.db.messages.$.subscribe((event) => {
      const doc = event.documentData;
      if (doc.status === 'scheduled' && (doc.sendAt ?? 0) < this.armedFor) this.wake();
    });
    this.wake();
  }

  updateSettings(settings: EngineSettings): void {
    this.settings = settings;
    this.limiter.setLimits(settings.rateLimits);
  }

  stop(): Promise<void> {
    this.stopped = true;
    this.subscription?.unsubscribe();
    this.timer?.cancel();
    this.timer = null;
    return this.draining ?? Promise.resolve();
  }

  /** Doing our own work: draining, or settling a provider's answer. */
  get busy(): boolean {
    return this.draining !== null || !this.inFlight.onlyWaiting;
  }

  /** Resolves when no drain is running (tests and the bench wait on it). */
  async idle(): Promise<void> {
    while (this.draining !== null) await this.draining;
  }

  /** Drains what is due now, then re-arms. Coalesces: a wake during a drain drains again after. */
  wake(): void {
    if (this.stopped) return;
    if (this.draining !== null) {
      this.drainAgain = true;
      return;
    }
    this.draining = this.drainLoop().finally(() => {
      this.draining = null;
    });
  }

  private async drainLoop(): Promise<void> {
    do {
      this.drainAgain = false;
      await this.drainDue();
      await this.arm();
    } while (this.drainAgain && !this.stopped);
  }

  private blockedChannels(now: number): Channel[] {
    for (const [channel, until] of this.blockedUntil) if (until <= now) this.blockedUntil.delete(channel);
    return [...this.blockedUntil.keys()];
  }

  private deferredIds(now: number): string[] {
    for (const [id, until] of this.deferredUntil) if (until <= now) this.deferredUntil.delete(id);
    return [...this.deferredUntil.keys()];
  }

  /** Scheduled messages on channels that are not rate-blocked, minus the deferred ones. */
  private selectorFor(
    now: number,
    sendAt: MangoQuerySelector<Message>['sendAt'],
  ): MangoQuerySelector<Message> {
    const blocked = this.blockedChannels(now);
    const deferred = this.deferredIds(now);
    const selector: MangoQuerySelector<Message> = { status: 'scheduled', sendAt };
    if (blocked.length > 0) selector.channel = { $nin: blocked };
    if (deferred.length > 0) selector.id = { $nin: deferred };
    return selector;
  }

  private async drainDue(): Promise<void> {
    for (;;) {
      if (this.stopped) return;
      const now = this.ctx.clock.now();
      const selector = this.selectorFor(now, { $lte: now });
      const due = await this.ctx.db.messages
        .find({ selector, sort: [{ sendAt: 'asc' }], limit: BATCH })
        .exec();
      if (due.length === 0) return;
      const runnable: RxDocument<Message>[] = [];
      for (const doc of due) {
        const channel = doc.channel === 'note' ? 'notification' : doc.channel;
        if (this.blockedUntil.has(channel)) continue;
        // Peek at the planned channel's bucket; the pipeline takes the token for the channel used.
        const slot = this.limiter.take(channel, now);
        if (slot === true) {
          this.limiter.refund(channel);
          runnable.push(doc);
        } else this.blockedUntil.set(channel, slot);
      }
      await Promise.all(runnable.map((m) => this.dispatch(m)));
      if (runnable.length === 0 && due.length < BATCH) return;
    }
  }

  private async dispatch(doc: RxDocument<Message>): Promise<void> {
    const message = doc.toMutableJSON();
    try {
      await dispatchOne(
        {
          ctx: this.ctx,
          ports: this.ports,
          claims: this.claims,
          limiter: this.limiter,
          settings: this.settings,
          inFlight: this.inFlight,
          defer: (id, until) => this.deferredUntil.set(id, until),
        },
        message,
        doc,
      );
    } catch (error) {
      // A store error must not kill the loop; the message stays where it was (recovered on start).
      console.error(`Porchlight outbox: message ${message.id} could not be dispatched:`, error);
    }
  }

  private async arm(): Promise<void> {
    if (this.stopped) return;
    const now = this.ctx.clock.now();
    const selector = this.selectorFor(now, { $gte: 0 });
    const next = await this.ctx.db.messages.findOne({ selector, sort: [{ sendAt: 'asc' }] }).exec();
    const candidates = [...this.blockedUntil.values(), ...this.deferredUntil.values()];
    if (next?.sendAt !== undefined) candidates.push(next.sendAt);
    const at = candidates.length === 0 ? Number.POSITIVE_INFINITY : Math.max(now, Math.min(...candidates));
    if (at === this.armedFor && this.timer !== null) return;
    this.timer?.cancel();
    this.timer = null;
    this.armedFor = at;
    if (at === Number.POSITIVE_INFINITY) return;
    this.timer = this.ctx.clock.setTimer(at, () => {
      this.timer = null;
      this.armedFor = Number.POSITIVE_INFINITY;
      this.wake();
    });
  }
}
