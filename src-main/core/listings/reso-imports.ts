// Imports from the MLS, one at a time, by hand ("Import now", "Check every listing") or on a
// timer. Guarantees:
//   T1 once a feed is connected (an address and its sign-in saved), what changed is imported
//      every `importEveryMinutes` (15 by default), counted from the end of the last run (from
//      the connection for a feed never imported; at start-up at once when a turn was missed);
//   T2 never two imports at once: a timed run finding one running skips its turn, a run by
//      hand waits for the running one and then runs;
//   T3 a run that fails keeps the reason and when (lastError, lastErrorAt) beside the last good
//      import (lastRun.finishedAt), shown in Settings → Listings; the next run tries again;
//   T4 stop() cancels the timer and waits for a running import, so shutdown never cuts a page.
// Lives as long as the core; the timer runs on the core's clock (tests drive it with a FakeClock).
import { PorchlightError } from '../../../src-shared/ipc/errors';
import type { ListingImportReport } from '../../../src-shared/ipc/listings';
import { RESO_SETTINGS_ID } from '../../../src-shared/ipc/listings';
import type { CoreContext } from '../context';
import type { TimerHandle } from '../ports/clock';
import { ResoError } from '../ports/reso-feed';
import { importFromReso } from './reso-import';
import { readResoSettings, readResoState, resoConnection, writeResoState } from './reso-settings';

const MINUTE_MS = 60_000;

export class ResoImports {
  private running: Promise<ListingImportReport> | undefined;
  private timer: { handle: TimerHandle; at: number } | undefined;
  private stopSettings: (() => void) | undefined;
  private started = false;
  /** The timer's turn in progress (its import, recording a failure, arming the next). */
  private turn: Promise<void> | undefined;
  /** A settings change re-arming the timer. */
  private arming: Promise<void> | undefined;

  get isRunning(): boolean {
    return this.running !== undefined;
  }

  /** When the timed import runs next, or null when it does not run here. */
  get nextAt(): number | null {
    return this.timer?.at ?? null;
  }

  /** T2: an import now, after the one running (if any). */
  async runNow(ctx: CoreContext, full: boolean): Promise<ListingImportReport> {
    while (this.running !== undefined) await this.running.catch(() => undefined);
    try {
      return await this.begin(ctx, full);
    } finally {
      await this.arm(ctx);
    }
  }

  /** T1: starts the timer (a shell calls this once the core is up); resolves once it is set. */
  async start(ctx: CoreContext): Promise<void> {
    if (this.started) return;
    this.started = true;
    const subscription = ctx.db.settings.$.subscribe((event) => {
      if (event.documentId !== RESO_SETTINGS_ID) return;
      const arming = this.arm(ctx).finally(() => {
        if (this.arming === arming) this.arming = undefined;
      });
      this.arming = arming;
    });
    this.stopSettings = () => subscription.unsubscribe();
    await this.arm(ctx);
  }

  /** Resolves once no import and no timer turn is in progress (tests). */
  async idle(): Promise<void> {
    while (this.running !== undefined || this.turn !== undefined || this.arming !== undefined) {
      await this.running?.catch(() => undefined);
      await this.turn;
      await this.arming;
    }
  }

  /** T4 */
  async stop(): Promise<void> {
    this.started = false;
    this.stopSettings?.();
    this.stopSettings = undefined;
    this.clearTimer();
    await this.idle();
  }

  private begin(ctx: CoreContext, full: boolean): Promise<ListingImportReport> {
    const run = this.importOnce(ctx, full).finally(() => {
      this.running = undefined;
    });
    this.running = run;
    return run;
  }

  private async importOnce(ctx: CoreContext, full: boolean): Promise<ListingImportReport> {
    if (ctx.resoFeed === undefined)
      throw new PorchlightError('unavailable', 'This app cannot reach an MLS (no RESO Web API adapter).');
    const connection = await resoConnection(ctx, await readResoSettings(ctx));
    try {
      return await importFromReso(ctx, ctx.resoFeed(connection), { full });
    } catch (error) {
      if (error instanceof ResoError)
        throw new PorchlightError(
          error.code === 'unauthorized' ? 'validation' : 'unavailable',
          error.message,
          error.code === 'unauthorized'
            ? { [connection.auth.kind === 'bearer' ? 'accessToken' : 'clientSecret']: error.message }
            : undefined,
        );
      throw error;
    }
  }

  /** T1: the next timed run, from the end of the last one (at once when that is long past). */
  private async arm(ctx: CoreContext): Promise<void> {
    if (!this.started) return;
    const settings = await readResoSettings(ctx);
    const connected = ctx.resoFeed !== undefined && settings.endpoint !== '';
    this.clearTimer();
    if (!connected || !this.started || this.running !== undefined) return;
    const state = await readResoState(ctx);
    // A feed never imported waits one interval (the agent's first import is "Import now").
    const now = ctx.clock.now();
    const last = Math.max(state.lastRun?.finishedAt ?? 0, state.lastErrorAt ?? 0);
    const at = Math.max(now, (last === 0 ? now : last) + settings.importEveryMinutes * MINUTE_MS);
    // Another arm may have set one while this one read the settings: only one timer stays.
    this.clearTimer();
    this.timer = {
      at,
      handle: ctx.clock.setTimer(at, () => {
        const turn = this.timed(ctx).finally(() => {
          if (this.turn === turn) this.turn = undefined;
        });
        this.turn = turn;
      }),
    };
  }

  private clearTimer(): void {
    this.timer?.handle.cancel();
    this.timer = undefined;
  }

  private async timed(ctx: CoreContext): Promise<void> {
    this.timer = undefined;
    // T2: the run by hand going on is this turn's import.
    if (this.running !== undefined || !this.started) return;
    try {
      await this.begin(ctx, false);
    } catch (error) {
      // T3: a refusal before the feed was asked (a token missing) is kept like a failed run.
      const state = await readResoState(ctx);
      const message = error instanceof Error ? error.message : String(error);
      const now = ctx.clock.now();
      if (state.lastErrorAt === null || state.lastErrorAt < now)
        await writeResoState(ctx, { ...state, lastError: message, lastErrorAt: now });
    }
    await this.arm(ctx);
  }
}
