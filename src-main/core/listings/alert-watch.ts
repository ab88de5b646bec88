// When the property-alert scan runs: a short while after a home is marked news (an import, or a
// teammate's import arriving by replication; the wait lets a paged import finish so its news
// go out as one alert), when an alert sequence is turned on, at start-up (catching up after the
// app was closed), and when a lead held back by the alert window may have theirs. One scan at a
// time, on the engine's work queue and clock, so tests drive it with the FakeClock.
import type { Subscription } from 'rxjs';
import type { CoreContext } from '../context';
import type { TimerHandle } from '../ports/clock';
import { isAlertSequence, scanPropertyAlerts } from './property-alerts';

/** The quiet after the last news before the scan, and the longest a busy import delays it. */
export const ALERT_SETTLE_MS = 30_000;
export const ALERT_SETTLE_MAX_MS = 300_000;

export class PropertyAlertWatcher {
  private subscriptions: Subscription[] = [];
  private settle: { timer: TimerHandle; firstAt: number } | undefined;
  private due: { timer: TimerHandle; at: number } | undefined;
  private queued = false;
  private stopped = false;

  constructor(
    private readonly ctx: CoreContext,
    /** Runs the work one at a time under the key (the engine's queue). */
    private readonly run: (key: string, work: () => Promise<void>) => void,
  ) {}

  start(): void {
    this.subscriptions = [
      this.ctx.db.listings.$.subscribe((event) => {
        const at = event.documentData.alertAt;
        if (at !== undefined && at >= this.ctx.clock.now() - ALERT_SETTLE_MAX_MS) this.soon();
      }),
      this.ctx.db.sequences.$.subscribe((event) => {
        if (isAlertSequence(event.documentData) && event.documentData.status === 'active') this.soon();
      }),
    ];
    this.request();
  }

  stop(): void {
    this.stopped = true;
    this.subscriptions.forEach((subscription) => subscription.unsubscribe());
    this.settle?.timer.cancel();
    this.due?.timer.cancel();
  }

  /** A scan once the news has settled. */
  private soon(): void {
    const now = this.ctx.clock.now();
    const firstAt = this.settle?.firstAt ?? now;
    this.settle?.timer.cancel();
    const at = Math.min(now + ALERT_SETTLE_MS, firstAt + ALERT_SETTLE_MAX_MS);
    this.settle = {
      firstAt,
      timer: this.ctx.clock.setTimer(at, () => {
        this.settle = undefined;
        this.request();
      }),
    };
  }

  private scanAt(at: number): void {
    if (this.due !== undefined && this.due.at <= at) return;
    this.due?.timer.cancel();
    this.due = {
      at,
      timer: this.ctx.clock.setTimer(at, () => {
        this.due = undefined;
        this.request();
      }),
    };
  }

  private request(): void {
    if (this.queued || this.stopped) return;
    this.queued = true;
    this.run('property-alerts', async () => {
      this.queued = false;
      if (this.stopped) return;
      const scan = await scanPropertyAlerts(this.ctx);
      if (scan.nextScanAt !== undefined && !this.stopped) this.scanAt(scan.nextScanAt);
    });
  }
}
