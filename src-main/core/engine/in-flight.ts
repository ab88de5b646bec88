// Provider calls in progress. The dispatcher does not wait for them (a slow provider must not
// hold up other sends); it tracks them so `idle()` can tell "working" from "waiting on the
// outside world" (a provider that has not answered is waited for by its timeout, not by us).
export class InFlightSends {
  private readonly active = new Set<Promise<void>>();
  private waitingOnProvider = 0;

  track(work: Promise<void>): void {
    const tracked = work.catch((error: unknown) =>
      console.error('Porchlight outbox: a send failed to settle:', error),
    );
    this.active.add(tracked);
    void tracked.finally(() => this.active.delete(tracked));
  }

  /** Wraps the provider call so idle() knows the send is waiting on the provider. */
  async provider<T>(call: Promise<T>): Promise<T> {
    this.waitingOnProvider++;
    try {
      return await call;
    } finally {
      this.waitingOnProvider--;
    }
  }

  /** True when nothing in flight is doing our own work (all are waiting on providers). */
  get onlyWaiting(): boolean {
    return this.active.size === this.waitingOnProvider;
  }

  get size(): number {
    return this.active.size;
  }
}
