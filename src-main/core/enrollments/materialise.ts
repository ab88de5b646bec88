// Turns an enrollment's next step into one scheduled outbound message (deterministic id:
// enrollment + step + attempt) with its send time in the lead's zone, and moves the enrollment
// on once that message is settled. Exactly one message per enrollment is pending at a time.
import type { Enrollment, Lead, Message, Sequence } from '../../../src-shared/domain';
import type { EngineSettings } from '../../../src-shared/playbooks/engine-settings';
import { QuietHoursError, addDelay, plannedSendTime, windowOf } from '../../../src-shared/timing';
import type { CoreContext } from '../context';
import { stepMessageIdOf } from '../engine/ids';
import { dayRulesOf, readEngineSettings, sendRulesOf } from '../engine/settings';
import type { SequenceVersion } from '../sequences/versions';
import { versionOf } from '../sequences/versions';
import { transitionMessage } from '../messages/outbox-state';
import type { EnrollOutcome } from './enroll';
import { insertEnrollment } from './enroll';

const DAY_MS = 86_400_000;

export async function loadVersion(ctx: CoreContext, enrollment: Enrollment): Promise<SequenceVersion | null> {
  const sequence = await ctx.db.sequences.findOne(enrollment.sequenceId).exec();
  return sequence === null ? null : versionOf(sequence.toMutableJSON(), enrollment.sequenceVersion);
}

export async function patchEnrollment(
  ctx: CoreContext,
  id: string,
  patch: (e: Enrollment) => Partial<Enrollment> | null,
): Promise<Enrollment | null> {
  const doc = await ctx.db.enrollments.findOne(id).exec();
  if (doc === null) return null;
  let changed = false;
  const next = await doc.incrementalModify((current) => {
    const p = patch(current);
    changed = p !== null;
    return p === null ? current : { ...current, ...p, updatedAt: ctx.clock.now() };
  });
  return changed ? next.toMutableJSON() : null;
}

export function sendTimeFor(
  lead: Lead,
  step: SequenceVersion['steps'][number],
  anchor: number,
  settings: EngineSettings,
  defaultCountry: string,
): number {
  const rules = sendRulesOf(lead, settings, defaultCountry);
  // Notifications go to the agent: the lead's quiet hours do not apply.
  if (step.channel === 'notification')
    return addDelay(anchor, step.delay, rules.zones[0] ?? 'UTC', settings.holidays);
  const stepWindow = step.window === undefined ? undefined : windowOf(step.window.start, step.window.end);
  try {
    return plannedSendTime({ anchor, delay: step.delay, stepWindow }, rules, dayRulesOf(settings));
  } catch (error) {
    if (!(error instanceof QuietHoursError) || error.code !== 'no_common_window') throw error;
    // The country's zones share no minute: fall back to the team's zone, still inside the window.
    const teamRules = { ...rules, zones: [settings.teamTimeZone] };
    return plannedSendTime({ anchor, delay: step.delay, stepWindow }, teamRules, dayRulesOf(settings));
  }
}

/** Enrolls the lead (the checks are insertEnrollment's) and materialises the first step at once. */
export async function enrollLead(
  ctx: CoreContext,
  leadOrId: Lead | string,
  sequenceOrId: Sequence | string,
  options: { anchorAt?: number; reason: string },
): Promise<EnrollOutcome> {
  const outcome = await insertEnrollment(ctx, leadOrId, sequenceOrId, options);
  if ('enrolled' in outcome) await materialiseNext(ctx, outcome.enrolled.id);
  return outcome;
}

/** Materialises the enrollment's next step, or completes the enrollment when none is left. */
export async function materialiseNext(ctx: CoreContext, enrollmentId: string): Promise<Message | null> {
  const { db, clock } = ctx;
  const enrollment = (await db.enrollments.findOne(enrollmentId).exec())?.toMutableJSON();
  if (enrollment === undefined || enrollment.status !== 'active') return null;
  if (enrollment.pendingMessageId !== undefined) return null;
  const version = await loadVersion(ctx, enrollment);
  if (version === null) {
    await stopEnrollment(ctx, enrollment, 'its sequence version no longer exists');
    return null;
  }
  const step = version.steps[enrollment.nextStepIndex];
  if (step === undefined) {
    await completeEnrollment(ctx, enrollment, version);
    return null;
  }
  const lead = (await db.leads.findOne(enrollment.leadId).exec())?.toMutableJSON();
  if (lead === undefined || lead.deletedAt > 0) {
    await stopEnrollment(ctx, enrollment, 'the lead was deleted');
    return null;
  }
  const settings = await readEngineSettings(ctx);
  const sendAt = sendTimeFor(lead, step, enrollment.anchorAt, settings, ctx.workspace.defaultCountry);
  const earlier = await db.messages
    .count({ selector: { enrollmentId: enrollment.id, stepIndex: enrollment.nextStepIndex } })
    .exec();
  const id = stepMessageIdOf(enrollment.id, enrollment.nextStepIndex, earlier);
  const template = await db.templates.findOne(step.templateId).exec();
  const now = clock.now();
  const message: Message = {
    id,
    teamId: enrollment.teamId,
    ownerId: lead.ownerId,
    updatedAt: now,
    leadId: lead.id,
    direction: 'outbound',
    channel: step.channel,
    status: 'scheduled',
    createdAt: now,
    sendAt,
    body: template?.body ?? '',
    enrollmentId: enrollment.id,
    sequenceId: enrollment.sequenceId,
    sequenceVersion: enrollment.sequenceVersion,
    stepIndex: enrollment.nextStepIndex,
    attempt: earlier,
    templateId: step.templateId,
    authoredBy: 'template',
    statusHistory: [{ status: 'scheduled', at: now }],
    demo: lead.demo,
  };
  if (template?.subject !== undefined) message.subject = template.subject;
  // A replica may have made the same document already: same id, same content.
  const existing = await db.messages.findOne(id).exec();
  if (existing === null) await db.messages.insert(message);
  await patchEnrollment(ctx, enrollment.id, (e) =>
    e.pendingMessageId === undefined ? { pendingMessageId: id } : null,
  );
  return message;
}

/** After the pending step's message is settled (sent, skipped, failed for good): on to the next. */
export async function advanceEnrollment(ctx: CoreContext, message: Message, at: number): Promise<void> {
  if (message.enrollmentId === undefined || message.stepIndex === undefined) return;
  const updated = await patchEnrollment(ctx, message.enrollmentId, (e) =>
    e.pendingMessageId === message.id && e.nextStepIndex === message.stepIndex
      ? { nextStepIndex: message.stepIndex + 1, anchorAt: at, pendingMessageId: undefined }
      : null,
  );
  if (updated === null) return;
  await materialiseNext(ctx, updated.id);
}

async function completeEnrollment(
  ctx: CoreContext,
  enrollment: Enrollment,
  version: SequenceVersion,
): Promise<void> {
  const now = ctx.clock.now();
  const done = await patchEnrollment(ctx, enrollment.id, (e) =>
    e.status === 'active' ? { status: 'completed', stoppedAt: now, stopReason: 'all steps done' } : null,
  );
  if (done === null) return;
  if (version.trigger.type !== 'inactive') return;
  // No answer to a reactivation (a reply would have stopped it): the next one in N days.
  const settings = await readEngineSettings(ctx);
  await enrollLead(ctx, enrollment.leadId, enrollment.sequenceId, {
    anchorAt: now + settings.reactivationIntervalDays * DAY_MS,
    reason: 'reactivation repeat',
  });
}

export async function cancelPendingMessage(
  ctx: CoreContext,
  enrollment: Enrollment,
  detail: string,
): Promise<void> {
  if (enrollment.pendingMessageId === undefined) return;
  await transitionMessage(ctx.db, enrollment.pendingMessageId, 'cancelled', ctx.clock.now(), {
    from: ['scheduled', 'claimed', 'waiting_for_channel', 'waiting_for_profile'],
    detail,
  });
}

export async function stopEnrollment(
  ctx: CoreContext,
  enrollment: Enrollment,
  reason: string,
): Promise<boolean> {
  const now = ctx.clock.now();
  const stopped = await patchEnrollment(ctx, enrollment.id, (e) =>
    e.status === 'active' || e.status === 'paused'
      ? { status: 'stopped', stoppedAt: now, stopReason: reason.slice(0, 200), pendingMessageId: undefined }
      : null,
  );
  if (stopped === null) return false;
  await cancelPendingMessage(ctx, enrollment, `stopped: ${reason}`);
  return true;
}
