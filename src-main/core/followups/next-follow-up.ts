// Keeps each lead's `nextFollowUpAt` (the grid's "Next follow-up" column) equal to the earliest
// of its scheduled outbound messages and open tasks, or absent when there is none. It watches
// the messages and tasks change streams (so replicated and engine-made changes count), gathers
// the touched leads for a moment through the Clock, then writes only leads whose value moved.
import type { Subscription } from 'rxjs';
import type { CoreContext } from '../context';
import type { TimerHandle } from '../ports/clock';

const GATHER_MS = 200;

export interface NextFollowUpJob {
  stop(): void;
  /** Resolves when no recomputation is pending or running. */
  idle(): Promise<void>;
}

export async function earliestFollowUp(ctx: CoreContext, leadId: string): Promise<number | undefined> {
  const [message, task] = await Promise.all([
    ctx.db.messages
      .findOne({
        selector: { leadId, status: 'scheduled', direction: 'outbound' },
        sort: [{ sendAt: 'asc' }],
        // The lead's own messages, sorted here: the ['status', 'sendAt'] index would give the
        // order but walk every scheduled message of every lead to find this one's.
        index: ['leadId', 'createdAt'],
      })
      .exec(),
    ctx.db.tasks
      .findOne({ selector: { leadId, status: 'open' }, sort: [{ dueAt: 'asc' }], index: ['leadId'] })
      .exec(),
  ]);
  const times = [message?.sendAt, task?.dueAt].filter((t): t is number => t !== undefined);
  return times.length === 0 ? undefined : Math.min(...times);
}

export async function refreshNextFollowUps(ctx: CoreContext, leadIds: readonly string[]): Promise<string[]> {
  const changed: string[] = [];
  const docs = await ctx.db.leads.findByIds([...leadIds]).exec();
  for (const doc of docs.values()) {
    const next = await earliestFollowUp(ctx, doc.id);
    if (next === doc.nextFollowUpAt) continue;
    await doc.incrementalModify((lead) => {
      const { nextFollowUpAt: _previous, ...rest } = lead;
      return next === undefined ? rest : { ...rest, nextFollowUpAt: next };
    });
    changed.push(doc.id);
  }
  return changed;
}

export function startNextFollowUps(ctx: CoreContext): NextFollowUpJob {
  const pending = new Set<string>();
  let timer: TimerHandle | null = null;
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;

  const flush = (): void => {
    timer = null;
    const ids = [...pending];
    pending.clear();
    running = running
      .then(() => refreshNextFollowUps(ctx, ids))
      .catch((error: unknown) => console.error('Porchlight: next follow-up update failed:', error));
  };
  const touch = (leadId: string | undefined): void => {
    if (stopped || leadId === undefined) return;
    pending.add(leadId);
    timer ??= ctx.clock.setTimer(ctx.clock.now() + GATHER_MS, flush);
  };
  const subscriptions: Subscription[] = [
    ctx.db.messages.$.subscribe((event) => touch(event.documentData.leadId)),
    ctx.db.tasks.$.subscribe((event) => touch(event.documentData.leadId)),
  ];
  return {
    stop() {
      stopped = true;
      timer?.cancel();
      for (const subscription of subscriptions) subscription.unsubscribe();
    },
    async idle() {
      while (timer !== null) flush();
      await running;
    },
  };
}
