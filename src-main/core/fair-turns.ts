// Requests share the event loop with the engine. A turn of the loop starts at most PER_TURN
// requests; the ones after wait for the next turn (setImmediate), in arrival order. A thousand
// requests delivered at once (a portal's burst, the team server's intake) then start a few dozen
// a turn instead of holding the loop for all of their synchronous work together: the timers, the
// store's group commits and the first leads' sends run between them. A lone request, or one on
// an idle loop, starts at once. Counted, not timed: the requests of one turn are admitted before
// any of them runs (their work follows in the turn's microtasks), so elapsed time cannot tell.
const PER_TURN = 32;

export class FairTurns {
  private admitted = 0;
  private inTurn = false;
  private waiting: (() => void)[] = [];

  constructor(private readonly perTurn = PER_TURN) {}

  /** Resolves when the caller may start: at once while the turn has room. */
  async admit(): Promise<void> {
    for (;;) {
      if (!this.inTurn) {
        this.inTurn = true;
        this.admitted = 0;
        setImmediate(() => this.endTurn());
      }
      if (this.admitted < this.perTurn) {
        this.admitted++;
        return;
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
  }

  /** The turn is over: whoever waits tries again, first come first served, in the next one. */
  private endTurn(): void {
    this.inTurn = false;
    for (const resolve of this.waiting.splice(0)) resolve();
  }
}
