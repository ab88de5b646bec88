// Emits `tasks-overdue-changed` with the count of open tasks past due whenever it changes:
// on task writes and when the next open task falls due (one clock timer on the earliest).
import type { Subscription } from 'rxjs';
import type { CoreContext } from '../context';
import type { TimerHandle } from '../ports/clock';
import { isOnMyDay } from './whose';

export class OverdueWatcher {
  private timer: TimerHandle | null = null;
  private subscription: Subscription | null = null;
  private last = -1;
  private checking: Promise<void> = Promise.resolve();

  constructor(private readonly ctx: CoreContext) {}

  start(): void {
    this.subscription = this.ctx.db.tasks.$.subscribe(() => this.check());
    this.check();
  }

  stop(): void {
    this.subscription?.unsubscribe();
    this.timer?.cancel();
  }

  check(): void {
    this.checking = this.checking.then(() => this.recount()).catch(() => undefined);
  }

  private async recount(): Promise<void> {
    const { db, clock } = this.ctx;
    const now = clock.now();
    const overdue = (
      await db.tasks.find({ selector: { status: 'open', dueAt: { $lt: now } } }).exec()
    ).filter((task) => isOnMyDay(task, this.ctx.workspace)).length;
    if (overdue !== this.last) {
      this.last = overdue;
      this.ctx.events.emit('tasks-overdue-changed', { overdue });
    }
    const next = await db.tasks
      .findOne({
        selector: { status: 'open', dueAt: { $gte: now } },
        sort: [{ status: 'asc' }, { dueAt: 'asc' }],
      })
      .exec();
    this.timer?.cancel();
    this.timer = next === null ? null : clock.setTimer(next.dueAt + 1, () => this.check());
  }
}
