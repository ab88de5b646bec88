// Reactions to store changes run here, first come first served: work for one key (a lead) runs
// in order, different keys run side by side up to `concurrency`, and `idle()` resolves once
// everything queued has finished. Bounded concurrency keeps a burst from interleaving a thousand
// leads' work: the first leads to arrive are the first to be answered. It is wide enough that the
// store's group commit (one transaction per turn of the event loop) carries many leads' writes.
interface Item {
  key: string;
  work: () => Promise<void>;
}

export class KeyedWorkQueue {
  private readonly waiting: Item[] = [];
  private readonly runningKeys = new Set<string>();
  private pending = 0;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly onError: (error: unknown) => void,
    private readonly concurrency = 64,
  ) {}

  run(key: string, work: () => Promise<void>): void {
    this.pending++;
    this.waiting.push({ key, work });
    this.pump();
  }

  private pump(): void {
    for (let i = 0; i < this.waiting.length && this.runningKeys.size < this.concurrency;) {
      const item = this.waiting[i];
      if (item === undefined || this.runningKeys.has(item.key)) {
        i++;
        continue;
      }
      this.waiting.splice(i, 1);
      this.runningKeys.add(item.key);
      void item
        .work()
        .catch(this.onError)
        .finally(() => {
          this.runningKeys.delete(item.key);
          this.pending--;
          if (this.pending === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
          this.pump();
        });
    }
  }

  get busy(): boolean {
    return this.pending > 0;
  }

  idle(): Promise<void> {
    return this.pending === 0 ? Promise.resolve() : new Promise((resolve) => this.idleWaiters.push(resolve));
  }
}
