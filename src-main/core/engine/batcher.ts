// Gathers calls made within a few milliseconds into one batch call (at most `max` items), and
// hands each caller its own item of the answer. One failed batch fails each of its callers.
export class Batcher<I, O> {
  private queue: { item: I; resolve: (out: O) => void; reject: (error: unknown) => void }[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly send: (items: I[]) => Promise<O[]>,
    private readonly max = 100,
    private readonly gatherMs = 5,
  ) {}

  run(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (this.queue.length >= this.max) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.gatherMs);
    });
  }

  /** Resolves when no batch is waiting or in flight. */
  async idle(): Promise<void> {
    while (this.queue.length > 0 || this.running.size > 0) {
      if (this.queue.length > 0) this.flush();
      await Promise.allSettled([...this.running]);
    }
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.queue.splice(0, this.max);
    if (batch.length === 0) return;
    if (this.queue.length > 0) this.timer = setTimeout(() => this.flush(), 0);
    const done = this.send(batch.map((entry) => entry.item)).then(
      (answers) =>
        batch.forEach((entry, i) => {
          const answer = answers[i];
          if (answer === undefined)
            entry.reject(new Error('the server answered fewer items than it was sent'));
          else entry.resolve(answer);
        }),
      (error: unknown) => batch.forEach((entry) => entry.reject(error)),
    );
    const tracked = done.finally(() => this.running.delete(tracked));
    this.running.add(tracked);
  }
}
