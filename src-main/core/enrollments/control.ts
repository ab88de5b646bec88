// The agent's controls over running enrollments, and the stop rules applied to a lead.
// Pausing cancels the pending message; resuming runs the next step its delay after the
// resume (the anchor moves to now), so missed steps never go out in a burst.
import type { Enrollment } from '../../../src-shared/domain';
import type { CoreContext } from '../context';
import { isFirstTouchStep } from '../sequences/versions';
import { transitionMessage } from '../messages/outbox-state';
import {
  advanceEnrollment,
  cancelPendingMessage,
  loadVersion,
  materialiseNext,
  patchEnrollment,
  stopEnrollment,
} from './materialise';

async function running(ctx: CoreContext, selector: Record<string, unknown>): Promise<Enrollment[]> {
  const docs = await ctx.db.enrollments
    .find({ selector: { ...selector, status: { $in: ['active', 'paused'] } } })
    .exec();
  return docs.map((d) => d.toMutableJSON());
}

/** Stop rule: stops every running enrollment of the lead. Returns how many stopped. */
export async function stopLeadEnrollments(ctx: CoreContext, leadId: string, reason: string): Promise<number> {
  let stopped = 0;
  for (const enrollment of await running(ctx, { leadId })) {
    if (await stopEnrollment(ctx, enrollment, reason)) stopped++;
  }
  return stopped;
}

export async function pauseEnrollment(
  ctx: CoreContext,
  enrollment: Enrollment,
  by: 'agent' | 'sequence',
): Promise<boolean> {
  const now = ctx.clock.now();
  const paused = await patchEnrollment(ctx, enrollment.id, (e) =>
    e.status === 'active'
      ? { status: 'paused', pausedAt: now, pausedBy: by, pendingMessageId: undefined }
      : null,
  );
  if (paused === null) return false;
  await cancelPendingMessage(ctx, enrollment, by === 'agent' ? 'paused by the agent' : 'sequence paused');
  return true;
}

export async function resumeEnrollment(ctx: CoreContext, enrollment: Enrollment): Promise<boolean> {
  const now = ctx.clock.now();
  const resumed = await patchEnrollment(ctx, enrollment.id, (e) =>
    e.status === 'paused'
      ? { status: 'active', anchorAt: now, pausedAt: undefined, pausedBy: undefined }
      : null,
  );
  if (resumed === null) return false;
  await materialiseNext(ctx, enrollment.id);
  return true;
}

export async function pauseAll(
  ctx: CoreContext,
  sequenceId: string | undefined,
  by: 'agent' | 'sequence',
): Promise<number> {
  let changed = 0;
  const selector = sequenceId === undefined ? {} : { sequenceId };
  for (const e of await running(ctx, selector)) if (await pauseEnrollment(ctx, e, by)) changed++;
  return changed;
}

export async function resumeAll(
  ctx: CoreContext,
  sequenceId: string | undefined,
  only?: 'sequence',
): Promise<number> {
  let changed = 0;
  const selector = sequenceId === undefined ? {} : { sequenceId };
  for (const e of await running(ctx, selector)) {
    if (only !== undefined && e.pausedBy !== only) continue;
    if (await resumeEnrollment(ctx, e)) changed++;
  }
  return changed;
}

/**
 * The agent reached the lead first (a logged call, text or email): a queued automatic first
 * touch is cancelled, and the sequence carries on after the speed-to-lead steps.
 */
export async function cancelFirstTouches(ctx: CoreContext, leadId: string): Promise<number> {
  let cancelled = 0;
  for (const enrollment of await running(ctx, { leadId })) {
    const version = await loadVersion(ctx, enrollment);
    if (version === null || enrollment.pendingMessageId === undefined) continue;
    if (!isFirstTouchStep(version, enrollment.nextStepIndex)) continue;
    let skipTo = enrollment.nextStepIndex;
    while (isFirstTouchStep(version, skipTo)) skipTo++;
    const message = await transitionMessage(
      ctx.db,
      enrollment.pendingMessageId,
      'cancelled',
      ctx.clock.now(),
      {
        from: ['scheduled', 'waiting_for_channel', 'waiting_for_profile'],
        detail: 'the agent reached the lead first',
      },
    );
    if (message === null) continue;
    cancelled++;
    // Jump past the remaining first-touch steps, then continue as usual.
    await patchEnrollment(ctx, enrollment.id, () => ({ nextStepIndex: skipTo - 1 }));
    await advanceEnrollment(ctx, { ...message, stepIndex: skipTo - 1 }, ctx.clock.now());
  }
  return cancelled;
}

/** Moves running enrollments to the sequence's current version (the agent's explicit choice). */
export async function migrateEnrollments(
  ctx: CoreContext,
  sequenceId: string,
  ids?: readonly string[],
): Promise<number> {
  const sequence = (await ctx.db.sequences.findOne(sequenceId).exec())?.toMutableJSON();
  if (sequence === undefined) return 0;
  let migrated = 0;
  for (const enrollment of await running(ctx, { sequenceId })) {
    if (ids !== undefined && !ids.includes(enrollment.id)) continue;
    if (enrollment.sequenceVersion === sequence.version) continue;
    await cancelPendingMessage(ctx, enrollment, 'moved to a new sequence version');
    const moved = await patchEnrollment(ctx, enrollment.id, (e) => ({
      sequenceVersion: sequence.version,
      nextStepIndex: Math.min(e.nextStepIndex, sequence.steps.length),
      pendingMessageId: undefined,
    }));
    if (moved === null) continue;
    migrated++;
    await materialiseNext(ctx, enrollment.id);
  }
  return migrated;
}
