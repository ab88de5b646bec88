// Recording how a dispatch ended: every outcome is one state transition plus its consequences
// (the enrollment moves on, a task for the agent, a suppression, the lead's last contact).
import type { Message } from '../../../src-shared/domain';
import type { EngineSettings } from '../../../src-shared/playbooks/engine-settings';
import type { CoreContext } from '../context';
import { advanceEnrollment, stopEnrollment } from '../enrollments/materialise';
import type { MessagePatch } from '../messages/outbox-state';
import { transitionMessage } from '../messages/outbox-state';
import { ensureTask } from '../tasks/task-store';
import { docById } from '../store/by-id';
import { retryDelayMs } from './backoff';

export function emitAttention(ctx: CoreContext): void {
  void Promise.all([
    ctx.db.messages.count({ selector: { status: 'uncertain' } }).exec(),
    ctx.db.messages.count({ selector: { status: 'failed', direction: 'outbound' } }).exec(),
  ]).then(([uncertain, failed]) => ctx.events.emit('outbox-attention-changed', { uncertain, failed }));
}

/** The step will not go out (stop rule, condition, stale): cancelled, and maybe the enrollment moves on. */
export async function settleCancelled(
  ctx: CoreContext,
  message: Message,
  detail: string,
  then: 'advance' | 'hold',
): Promise<void> {
  const now = ctx.clock.now();
  const done = await transitionMessage(ctx.db, message.id, 'cancelled', now, { from: ['claimed'], detail });
  if (done !== null && then === 'advance') await advanceEnrollment(ctx, done, now);
}

export async function settleStopped(ctx: CoreContext, message: Message, reason: string): Promise<void> {
  await settleCancelled(ctx, message, `stopped: ${reason}`, 'hold');
  if (message.enrollmentId === undefined) return;
  const enrollment = await ctx.db.enrollments.findOne(message.enrollmentId).exec();
  if (enrollment !== null) await stopEnrollment(ctx, enrollment.toMutableJSON(), reason);
}

/** The step could not reach the lead (or went stale): skipped with the reason; the sequence moves on. */
export async function settleSkipped(ctx: CoreContext, message: Message, reason: string): Promise<void> {
  const now = ctx.clock.now();
  const done = await transitionMessage(ctx.db, message.id, 'skipped', now, {
    from: ['claimed'],
    detail: reason,
    patch: { statusReason: reason.slice(0, 200) },
  });
  if (done !== null) await advanceEnrollment(ctx, done, now);
}

/**
 * The channel to use is not connected: the message waits, visibly, and the enrollment waits at
 * this step. `releaseWaiting` schedules it again when the channel connects.
 */
export async function settleWaiting(
  ctx: CoreContext,
  message: Message,
  channel: Message['channel'],
  stepChannel: Message['channel'],
  reason: string,
): Promise<void> {
  await transitionMessage(ctx.db, message.id, 'waiting_for_channel', ctx.clock.now(), {
    from: ['claimed'],
    detail: reason,
    patch: {
      channel,
      statusReason: reason.slice(0, 200),
      ...(channel !== stepChannel && stepChannel !== 'note' ? { plannedChannel: stepChannel } : {}),
    },
  });
}

/**
 * The template needs a field of the agent's profile that is empty: the message waits, visibly,
 * with the field and where to fill it; `releaseWaitingForProfile` schedules it again on a save.
 */
export async function settleWaitingForProfile(
  ctx: CoreContext,
  message: Message,
  channel: Message['channel'],
  reason: string,
): Promise<void> {
  await transitionMessage(ctx.db, message.id, 'waiting_for_profile', ctx.clock.now(), {
    from: ['claimed'],
    detail: reason,
    patch: { channel, statusReason: reason.slice(0, 200) },
  });
}

/** A call step became a task: the message says so (never "sent"), and the sequence moves on. */
export async function settleRerouted(
  ctx: CoreContext,
  message: Message,
  body: string,
  reason: string,
): Promise<void> {
  const now = ctx.clock.now();
  const done = await transitionMessage(ctx.db, message.id, 'rerouted', now, {
    from: ['claimed'],
    detail: reason,
    patch: { channel: 'call', body, statusReason: reason.slice(0, 200) },
  });
  if (done !== null) await advanceEnrollment(ctx, done, now);
}

/** Not now (quiet hours, rate limit): back to scheduled at `sendAt`; the claim is given up. */
export async function settleRescheduled(
  ctx: CoreContext,
  message: Message,
  sendAt: number,
  detail: string,
): Promise<void> {
  await transitionMessage(ctx.db, message.id, 'scheduled', ctx.clock.now(), {
    from: ['claimed'],
    detail,
    patch: { sendAt },
  });
}

export async function settleSent(
  ctx: CoreContext,
  message: Message,
  patch: MessagePatch,
  delivered: boolean,
): Promise<void> {
  const now = ctx.clock.now();
  // The provider took it: that is recorded even if a replicated copy moved the document back to
  // `scheduled` meanwhile (team mode), under this send's own claim token.
  const sent = await transitionMessage(ctx.db, message.id, delivered ? 'delivered' : 'sent', now, {
    from: ['sending', 'scheduled'],
    patch: { ...patch, ...(message.claimToken === undefined ? {} : { claimToken: message.claimToken }) },
  });
  if (sent === null) return;
  // "Last contact" is a touch that reached the lead; a notification went to the agent.
  const lead = sent.channel === 'notification' ? null : await docById(ctx.db.leads, message.leadId);
  const touched =
    lead !== null && lead.lastContactAt < now
      ? await lead.incrementalPatch({ lastContactAt: now, updatedAt: now })
      : lead;
  // The next step is written for the lead just read, not read again.
  await advanceEnrollment(ctx, sent, now, touched === null ? {} : { lead: touched.toMutableJSON() });
}

/** Failed for good: the reason is kept, the agent gets a task, the sequence carries on. */
export async function settleFailed(
  ctx: CoreContext,
  message: Message,
  error: { code: string; message: string },
  from: 'claimed' | 'sending',
  options: { task: boolean },
): Promise<void> {
  const now = ctx.clock.now();
  const failed = await transitionMessage(ctx.db, message.id, 'failed', now, {
    from: [from],
    detail: error.message,
    patch: { error: { code: error.code.slice(0, 40), message: error.message.slice(0, 200) } },
  });
  if (failed === null) return;
  if (options.task) {
    await ensureTask(ctx, {
      id: `fail-${message.id.slice(4)}`,
      leadId: message.leadId,
      kind: 'review',
      title: `A ${failed.channel} message could not be sent: ${error.message}`.slice(0, 200),
      dueAt: now,
      messageId: message.id,
      demo: message.demo,
    });
  }
  emitAttention(ctx);
  await advanceEnrollment(ctx, failed, now);
}

/** Transient failure before the request left: retry with backoff, or fail once retries are spent. */
export async function settleTransient(
  ctx: CoreContext,
  message: Message,
  settings: EngineSettings,
  error: { code: string; message: string; retryAfterMs?: number | undefined },
): Promise<void> {
  const retries = message.retries ?? 0;
  if (retries >= settings.retry.maxRetries) {
    await settleFailed(
      ctx,
      message,
      { code: error.code, message: `${error.message} (gave up after ${retries} retries)` },
      'sending',
      { task: true },
    );
    return;
  }
  const now = ctx.clock.now();
  const wait = Math.max(
    error.retryAfterMs ?? 0,
    retryDelayMs(
      message.id,
      retries,
      settings.retry.baseDelaySeconds * 1000,
      settings.retry.maxDelaySeconds * 1000,
    ),
  );
  await transitionMessage(ctx.db, message.id, 'scheduled', now, {
    from: ['sending'],
    detail: `retry ${retries + 1}: ${error.message}`,
    patch: { sendAt: now + wait, retries: retries + 1 },
  });
}

/** The request may have left: never sent again silently. Reconciled later or decided by the agent. */
export async function settleUncertain(ctx: CoreContext, message: Message, detail: string): Promise<void> {
  const now = ctx.clock.now();
  const uncertain = await transitionMessage(ctx.db, message.id, 'uncertain', now, {
    from: ['sending'],
    detail,
  });
  if (uncertain === null) return;
  await ensureUncertainTask(ctx, message, detail);
  emitAttention(ctx);
}

/** The agent's task to check an uncertain message (one per message, whoever makes it). */
export async function ensureUncertainTask(ctx: CoreContext, message: Message, detail: string): Promise<void> {
  await ensureTask(ctx, {
    id: `unc-${message.id.slice(4)}`,
    leadId: message.leadId,
    kind: 'review',
    title: `Check whether this ${message.channel} reached the lead: ${detail}`.slice(0, 200),
    dueAt: ctx.clock.now(),
    messageId: message.id,
    demo: message.demo,
  });
}
