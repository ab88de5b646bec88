// Reactions to store changes run here: work for one key (a lead) runs in order, different keys
// run side by side up to a limit, and `idle()` resolves once everything queued has finished.
export class KeyedWorkQueue {
  private readonly tails = new Map<string, Promise<void>>();
  private pending = 0;
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly onError: (error: unknown) => void) {}

  run(key: string, work: () => Promise<void>): void {
    this.pending++;
    const previous = this.tails.get(key) ?? Promise.resolve();
    const next = previous
      .then(work)
      .catch(this.onError)
      .finally(() => {
        if (this.tails.get(key) === next) this.tails.delete(key);
        this.pending--;
        if (this.pending === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
      });
    this.tails.set(key, next);
  }

  get busy(): boolean {
    return this.pending > 0;
  }

  idle(): Promise<void> {
    return this.pending === 0 ? Promise.resolve() : new Promise((resolve) => this.idleWaiters.push(resolve));
  }
}
