// Start-up recovery of the outbox after the process stopped, cleanly or not (kill -9):
//  R1 claimed  -> scheduled: the claim was taken but `sending` was never persisted, so the
//     request cannot have left; it is safe to send.
//  R2 sending  -> uncertain: the request may have left. Never sent again silently.
//  R3 uncertain -> asked of the provider by the message id (its idempotency key) when the
//     provider can tell: found = recorded as sent/delivered/…; provably absent = scheduled again;
//     otherwise it stays uncertain with a review task for the agent.
import type { Message } from '../../../src-shared/domain';
import type { CoreContext } from '../context';
import { advanceEnrollment } from '../enrollments/materialise';
import { transitionMessage } from '../messages/outbox-state';
import { ensureTask } from '../tasks/task-store';
import type { EnginePorts } from './ports';
import { senderFor } from './send-pipeline';
import { emitAttention } from './settle';

export interface RecoveryReport {
  released: number;
  uncertain: number;
  reconciled: number;
}

async function withStatus(ctx: CoreContext, status: Message['status']): Promise<Message[]> {
  const docs = await ctx.db.messages.find({ selector: { status } }).exec();
  return docs.map((d) => d.toMutableJSON());
}

export async function recoverOutbox(ctx: CoreContext, ports: EnginePorts): Promise<RecoveryReport> {
  const now = ctx.clock.now();
  const report: RecoveryReport = { released: 0, uncertain: 0, reconciled: 0 };
  for (const message of await withStatus(ctx, 'claimed')) {
    const released = await transitionMessage(ctx.db, message.id, 'scheduled', now, {
      from: ['claimed'],
      detail: 'released after a restart: it had not been handed to the provider',
    });
    if (released !== null) report.released++;
  }
  for (const message of await withStatus(ctx, 'sending')) {
    await transitionMessage(ctx.db, message.id, 'uncertain', now, {
      from: ['sending'],
      detail: 'the app stopped while this was being sent; it may have reached the lead',
    });
  }
  for (const message of await withStatus(ctx, 'uncertain')) {
    if (await reconcile(ctx, ports, message)) report.reconciled++;
    else report.uncertain++;
  }
  if (report.uncertain > 0 || report.reconciled > 0) emitAttention(ctx);
  return report;
}

async function reconcile(ctx: CoreContext, ports: EnginePorts, message: Message): Promise<boolean> {
  const now = ctx.clock.now();
  const sender =
    message.channel === 'call' || message.channel === 'note' ? undefined : senderFor(ports, message.channel);
  const answer =
    sender?.lookup === undefined
      ? { found: 'unknown' as const }
      : await sender.lookup(message.id).catch(() => ({ found: 'unknown' as const }));
  if (answer.found === true) {
    const settled = await transitionMessage(ctx.db, message.id, answer.status, now, {
      from: ['uncertain'],
      detail: 'reconciled with the provider',
      patch: { providerId: answer.providerId },
    });
    if (settled === null) return false;
    if (answer.status !== 'failed') await advanceEnrollment(ctx, settled, now);
    return true;
  }
  if (answer.found === false) {
    const again = await transitionMessage(ctx.db, message.id, 'scheduled', now, {
      from: ['uncertain'],
      detail: 'the provider has no trace of it: sending again',
      patch: { sendAt: now },
    });
    return again !== null;
  }
  await ensureTask(ctx, {
    id: `unc-${message.id.slice(4)}`,
    leadId: message.leadId,
    kind: 'review',
    title: `Check whether this ${message.channel} reached the lead (the app stopped while sending it)`.slice(
      0,
      200,
    ),
    dueAt: now,
    messageId: message.id,
    demo: message.demo,
  });
  return false;
}
