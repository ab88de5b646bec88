// Turns an enrollment's next step into one scheduled outbound message (deterministic id:
// enrollment + step + attempt) with its send time in the lead's zone, and moves the enrollment
// on once that message is settled. Exactly one message per enrollment is pending at a time.
// A caller that has just written or read the enrollment, its lead or its sequence hands them
// over (`Known`), so a burst of new leads does not read back what it wrote a moment before.
import type { RxDocument } from 'rxdb';
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
import type { PorchlightDatabase } from '../store/collections';
import { docById } from '../store/by-id';
import { insertEnrollment } from './enroll';

const DAY_MS = 86_400_000;

export async function loadVersion(ctx: CoreContext, enrollment: Enrollment): Promise<SequenceVersion | null> {
  const sequence = await ctx.db.sequences.findOne(enrollment.sequenceId).exec();
  return sequence === null ? null : versionOf(sequence.toMutableJSON(), enrollment.sequenceVersion);
}

export type EnrollmentPatch = (e: Enrollment) => Partial<Enrollment> | null;

export async function patchEnrollment(
  ctx: CoreContext,
  id: string,
  patch: EnrollmentPatch,
): Promise<Enrollment | null> {
  const doc = await docById(ctx.db.enrollments, id);
  return doc === null ? null : ((await patchEnrollmentDoc(ctx, doc, patch))?.toMutableJSON() ?? null);
}

/**
 * Applies `patch` to the enrollment's current state (RxDB's incrementalModify reads the latest
 * revision, whichever one `doc` is); null when the patch refused.
 */
async function patchEnrollmentDoc(
  ctx: CoreContext,
  doc: RxDocument<Enrollment>,
  patch: EnrollmentPatch,
): Promise<RxDocument<Enrollment> | null> {
  let changed = false;
  const next = await doc.incrementalModify((current) => {
    const p = patch(current);
    changed = p !== null;
    return p === null ? current : { ...current, ...p, updatedAt: ctx.clock.now() };
  });
  return changed ? next : null;
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
  if (!('enrolled' in outcome)) return outcome;
  const { enrolled, doc, lead, sequence } = outcome;
  await materialiseNext(ctx, doc, { lead, version: versionOf(sequence, enrolled.sequenceVersion) });
  return { enrolled };
}

/** What the caller of materialiseNext already holds, current as of its last read or write. */
export interface Known {
  lead?: Lead;
  version?: SequenceVersion | null;
}

/** Attempts are probed this many ids at a time (most steps only ever have attempt 0). */
const ATTEMPT_PROBE = 4;

/**
 * The step's next attempt and its message id. Attempts are 0, 1, 2… with none missing (each is
 * made when all before it exist, and a step's messages are removed only with the lead), so the
 * first id not in the store is the next one: the count of the step's messages, asked by id.
 */
async function nextAttempt(
  db: PorchlightDatabase,
  enrollmentId: string,
  stepIndex: number,
): Promise<{ attempt: number; id: string }> {
  for (let from = 0; ; from += ATTEMPT_PROBE) {
    const ids = Array.from({ length: ATTEMPT_PROBE }, (_, k) =>
      stepMessageIdOf(enrollmentId, stepIndex, from + k),
    );
    const found = await db.messages.findByIds(ids).exec();
    const free = ids.findIndex((id) => !found.has(id));
    const id = ids[free];
    if (id !== undefined) return { attempt: from + free, id };
  }
}

/** Materialises the enrollment's next step, or completes the enrollment when none is left. */
export async function materialiseNext(
  ctx: CoreContext,
  enrollmentOrId: string | RxDocument<Enrollment>,
  known: Known = {},
): Promise<Message | null> {
  const { db, clock } = ctx;
  const doc =
    typeof enrollmentOrId === 'string' ? await docById(db.enrollments, enrollmentOrId) : enrollmentOrId;
  const enrollment = doc?.toMutableJSON();
  if (doc === null || enrollment === undefined || enrollment.status !== 'active') return null;
  if (enrollment.pendingMessageId !== undefined) return null;
  const version = known.version === undefined ? await loadVersion(ctx, enrollment) : known.version;
  if (version === null) {
    await stopEnrollment(ctx, enrollment, 'its sequence version no longer exists');
    return null;
  }
  const step = version.steps[enrollment.nextStepIndex];
  if (step === undefined) {
    await completeEnrollment(ctx, enrollment, version);
    return null;
  }
  const lead = known.lead ?? (await docById(db.leads, enrollment.leadId))?.toMutableJSON();
  if (lead === undefined || lead.deletedAt > 0) {
    await stopEnrollment(ctx, enrollment, 'the lead was deleted');
    return null;
  }
  const settings = await readEngineSettings(ctx);
  const sendAt = sendTimeFor(lead, step, enrollment.anchorAt, settings, ctx.workspace.defaultCountry);
  const { attempt, id } = await nextAttempt(db, enrollment.id, enrollment.nextStepIndex);
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
    attempt,
    templateId: step.templateId,
    authoredBy: 'template',
    statusHistory: [{ status: 'scheduled', at: now }],
    demo: lead.demo,
  };
  if (template?.subject !== undefined) message.subject = template.subject;
  // A replica may have made the same document since the probe: same id, same content.
  const { error } = await db.messages.bulkInsert([message]);
  const refused = error.find((e) => e.status !== 409);
  if (refused !== undefined) throw new Error(`The step's message could not be stored (${refused.status}).`);
  await patchEnrollmentDoc(ctx, doc, (e) =>
    e.pendingMessageId === undefined ? { pendingMessageId: id } : null,
  );
  return message;
}

/**
 * After the pending step's message is settled (sent, skipped, failed for good): on to the next.
 * False when the enrollment was not waiting on that message (another advance came first).
 */
export async function advanceEnrollment(
  ctx: CoreContext,
  message: Message,
  at: number,
  known: Pick<Known, 'lead'> = {},
): Promise<boolean> {
  if (message.enrollmentId === undefined || message.stepIndex === undefined) return false;
  const stepIndex = message.stepIndex;
  const doc = await docById(ctx.db.enrollments, message.enrollmentId);
  if (doc === null) return false;
  const updated = await patchEnrollmentDoc(ctx, doc, (e) =>
    e.pendingMessageId === message.id && e.nextStepIndex === stepIndex
      ? { nextStepIndex: stepIndex + 1, anchorAt: at, pendingMessageId: undefined }
      : null,
  );
  if (updated === null) return false;
  await materialiseNext(ctx, updated, known);
  return true;
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
