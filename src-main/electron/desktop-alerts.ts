// What the desktop tells the agent through the OS's notifications, decided from the store's
// change streams (no writer has to remember to notify):
//   inbound message from a hot lead            -> "Hot reply from <name>"
//   outbound message that turns failed         -> "A message to <name> failed" + the reason
//   open task that falls past due while we run -> "Overdue: <task title>"
// Each alert names the lead whose page a click opens (none: Today). Tasks already overdue when
// the watch starts are not announced one by one; the tray's count shows them.
import type { Subscription } from 'rxjs';
import type { RxChangeEvent } from 'rxdb';
import type { Lead, Message, Task } from '../../src-shared/domain';
import { leadDisplayName } from '../../src-shared/domain';
import type { CoreContext } from '../core/context';

export interface DesktopAlert {
  /** Stable per cause, so one cause is announced once. */
  key: string;
  title: string;
  body: string;
  /** The lead a click opens; absent: the Today screen. */
  leadId?: string;
}

const BODY_LIMIT = 180;

function clip(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= BODY_LIMIT ? flat : `${flat.slice(0, BODY_LIMIT - 1)}…`;
}

export function replyAlert(
  message: Message,
  lead: Pick<Lead, 'id' | 'firstName' | 'lastName' | 'temperature'> | null,
): DesktopAlert | null {
  if (message.direction !== 'inbound' || message.channel === 'note' || lead?.temperature !== 'hot')
    return null;
  return {
    key: `reply:${message.id}`,
    title: `Hot reply from ${leadDisplayName(lead) || 'a lead'}`,
    body: clip(message.body),
    leadId: lead.id,
  };
}

export function failedSendAlert(
  before: Message | undefined,
  after: Message,
  lead: Pick<Lead, 'firstName' | 'lastName'> | null,
): DesktopAlert | null {
  if (after.direction !== 'outbound' || after.status !== 'failed' || before?.status === 'failed') return null;
  const name = lead === null ? 'a lead' : leadDisplayName(lead) || 'a lead';
  return {
    key: `failed:${after.id}`,
    title: `A message to ${name} failed`,
    body: clip(after.error?.message ?? after.statusReason ?? `The ${after.channel} message was not sent.`),
    leadId: after.leadId,
  };
}

export function overdueTaskAlert(
  task: Task,
  lead: Pick<Lead, 'firstName' | 'lastName'> | null,
): DesktopAlert {
  const name = lead === null ? '' : leadDisplayName(lead);
  return {
    key: `overdue:${task.id}`,
    title: `Overdue: ${clip(task.title)}`,
    body: name === '' ? 'This follow-up is past due.' : `${name}: this follow-up is past due.`,
    ...(task.leadId === undefined ? {} : { leadId: task.leadId }),
  };
}

/** Watches the store and calls `show` once per alert; returns the stop function. */
export function watchDesktopAlerts(ctx: CoreContext, show: (alert: DesktopAlert) => void): () => void {
  const announced = new Set<string>();
  let chain: Promise<void> = Promise.resolve();
  const queue = (work: () => Promise<DesktopAlert | null | DesktopAlert[]>): void => {
    chain = chain
      .then(work)
      .then((alerts) => {
        for (const alert of [alerts].flat()) {
          if (alert === null || announced.has(alert.key)) continue;
          announced.add(alert.key);
          show(alert);
        }
      })
      .catch(() => undefined);
  };
  const leadOf = async (id: string | undefined): Promise<Lead | null> =>
    id === undefined
      ? null
      : (((await ctx.db.leads.findOne(id).exec())?.toJSON() as Lead | undefined) ?? null);

  const messages: Subscription = ctx.db.messages.$.subscribe((event: RxChangeEvent<Message>) => {
    if (event.operation === 'DELETE') return;
    const message = event.documentData;
    const before = event.operation === 'UPDATE' ? event.previousDocumentData : undefined;
    if (event.operation === 'INSERT' && message.direction === 'inbound')
      queue(async () => replyAlert(message, await leadOf(message.leadId)));
    else if (message.status === 'failed')
      queue(async () => failedSendAlert(before, message, await leadOf(message.leadId)));
  });

  // Already overdue at the start: counted by the tray, not announced (queued first, so the
  // chain runs every later check after it).
  const overdueNow = async (): Promise<Task[]> =>
    (await ctx.db.tasks.find({ selector: { status: 'open', dueAt: { $lt: ctx.clock.now() } } }).exec()).map(
      (doc) => doc.toJSON() as Task,
    );
  queue(async () => {
    for (const task of await overdueNow()) announced.add(`overdue:${task.id}`);
    return null;
  });
  const offOverdue = ctx.events.on('tasks-overdue-changed', () => {
    queue(async () => {
      const alerts: DesktopAlert[] = [];
      for (const task of await overdueNow())
        if (!announced.has(`overdue:${task.id}`))
          alerts.push(overdueTaskAlert(task, await leadOf(task.leadId)));
      return alerts;
    });
  });
  return () => {
    messages.unsubscribe();
    offOverdue();
  };
}
