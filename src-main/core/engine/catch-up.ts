// Start-up catch-up of the reactions a stop cut short (kill -9, a power cut, a laptop that ran
// flat). Each write is durable on its own, but a reaction is further writes after the one it
// answers, and a change event is never replayed after a restart:
//  C1 a new lead stored, never enrolled: a lead of the last day (not imported, not deleted) with
//     no enrollment at all runs the new-lead triggers again, for the sequences that were already
//     active when it arrived (a sequence switched on later never reaches back to older leads).
//  C2 an enrollment stored, its step's message never written, or written with the enrollment
//     never told: an active enrollment with no pending message adopts its step's message when
//     there is one (never a second message for the same step), and writes it when there is not.
//  C3 a pending message settled (sent, failed, skipped…) with the enrollment never moved on (the
//     stop fell between the message's write and the enrollment's): it moves on now (the advance
//     is guarded, so a second one does nothing). Read from the outbox's [status, sendAt] index:
//     the settled messages planned in the last SETTLED_WINDOW_DAYS, then their enrollments by
//     id; a book's whole history is not read at every start.
import type { RxDocument } from 'rxdb';
import type { Enrollment, Lead, Message, MessageStatus } from '../../../src-shared/domain';
import type { CoreContext } from '../context';
import { advanceEnrollment, enrollLead, materialiseNext, patchEnrollment } from '../enrollments/materialise';
import { NEW_LEAD_WINDOW_MS, triggeredSequences } from './triggers';
import type { KeyedWorkQueue } from './work-queue';

export interface CatchUpReport {
  /** C1: new leads enrolled that a stop had left without their first touch. */
  enrolled: number;
  /** C2: enrollments given back their step's message (adopted or written). */
  resumed: number;
  /** C3: enrollments moved on past a message that was settled while they waited on it. */
  advanced: number;
}

/** How far back C3 looks for settled messages (by their planned send time). */
const SETTLED_WINDOW_DAYS = 30;
const DAY_MS = 86_400_000;

/** Settled outcomes after which the sequence moves on (settle.ts advances on each of these). */
const ADVANCING: ReadonlySet<MessageStatus> = new Set([
  'sent',
  'delivered',
  'undelivered',
  'failed',
  'skipped',
  'rerouted',
]);

async function enrollIfNeverEnrolled(ctx: CoreContext, lead: Lead): Promise<number> {
  const { db } = ctx;
  if ((await db.enrollments.count({ selector: { leadId: lead.id } }).exec()) > 0) return 0;
  const sequences = (await db.sequences.find({ selector: { status: 'active' } }).exec())
    .map((doc) => doc.toMutableJSON())
    .filter((sequence) => sequence.updatedAt <= lead.createdAt);
  let enrolled = 0;
  for (const sequence of triggeredSequences(sequences, undefined, lead, ctx.clock.now())) {
    const outcome = await enrollLead(ctx, lead, sequence, {
      reason: `trigger ${sequence.trigger.type} (caught up after a restart)`,
    });
    if ('enrolled' in outcome) enrolled++;
  }
  return enrolled;
}

async function resumeEnrollment(ctx: CoreContext, enrollment: Enrollment): Promise<number> {
  const steps = await ctx.db.messages
    .find({ selector: { enrollmentId: enrollment.id, stepIndex: enrollment.nextStepIndex } })
    .exec();
  const latest = steps
    .map((doc): Message => doc.toMutableJSON())
    .sort((a, b) => (b.attempt ?? 0) - (a.attempt ?? 0))[0];
  if (latest === undefined) return (await materialiseNext(ctx, enrollment.id)) === null ? 0 : 1;
  const adopted = await patchEnrollment(ctx, enrollment.id, (e) =>
    e.pendingMessageId === undefined && e.status === 'active' ? { pendingMessageId: latest.id } : null,
  );
  if (adopted === null) return 0;
  // Settled while the enrollment did not know it (its advance found no pending message): on.
  if (ADVANCING.has(latest.status)) await advanceEnrollment(ctx, latest, latest.updatedAt);
  return 1;
}

/** C3 for one enrollment, in its lead's turn: moves on if it still waits on the settled message. */
async function advanceSettled(ctx: CoreContext, enrollmentId: string, message: Message): Promise<number> {
  const current = (await ctx.db.enrollments.findByIds([enrollmentId]).exec()).get(enrollmentId);
  if (current?.status !== 'active' || current.pendingMessageId !== message.id) return 0;
  return (await advanceEnrollment(ctx, message, message.updatedAt)) ? 1 : 0;
}

/** C3's candidates: settled step messages planned in the window, with their enrollments. */
async function settledSteps(ctx: CoreContext): Promise<{ message: Message; enrollment: Enrollment }[]> {
  const since = ctx.clock.now() - SETTLED_WINDOW_DAYS * DAY_MS;
  const settled: Message[] = [];
  const ids = new Set<string>();
  for (const status of ADVANCING) {
    const docs = await ctx.db.messages
      .find({ selector: { status, sendAt: { $gte: since } }, index: ['status', 'sendAt'] })
      .exec();
    for (const doc of docs) {
      if (doc.enrollmentId === undefined) continue;
      settled.push(doc.toMutableJSON());
      ids.add(doc.enrollmentId);
    }
  }
  const enrollments: ReadonlyMap<string, RxDocument<Enrollment>> = ids.size === 0
    ? new Map()
    : await ctx.db.enrollments.findByIds([...ids]).exec();
  return settled.flatMap((message) => {
    const enrollment = enrollments.get(message.enrollmentId ?? '')?.toMutableJSON();
    return enrollment?.status === 'active' && enrollment.pendingMessageId === message.id
      ? [{ message, enrollment }]
      : [];
  });
}

/** Runs C1, C2 and C3 through the engine's queue, each lead's work in order with its reactions. */
export async function catchUpReactions(ctx: CoreContext, queue: KeyedWorkQueue): Promise<CatchUpReport> {
  const { db } = ctx;
  const report: CatchUpReport = { enrolled: 0, resumed: 0, advanced: 0 };
  const since = ctx.clock.now() - NEW_LEAD_WINDOW_MS;
  const recent = await db.leads.find({ selector: { createdAt: { $gte: since }, deletedAt: 0 } }).exec();
  for (const doc of recent) {
    const lead = doc.toMutableJSON();
    if (lead.importId !== undefined || lead.mergedInto !== undefined) continue;
    queue.run(lead.id, async () => {
      // Awaited first: `a += await b` reads `a` before the wait, and leads run side by side.
      const enrolled = await enrollIfNeverEnrolled(ctx, lead);
      report.enrolled += enrolled;
    });
  }
  const stalled = await db.enrollments
    .find({ selector: { status: 'active', pendingMessageId: { $exists: false } } })
    .exec();
  for (const doc of stalled) {
    const enrollment = doc.toMutableJSON();
    queue.run(enrollment.leadId, async () => {
      const current = (await db.enrollments.findOne(enrollment.id).exec())?.toMutableJSON();
      if (current?.status !== 'active' || current.pendingMessageId !== undefined) return;
      const resumed = await resumeEnrollment(ctx, current);
      report.resumed += resumed;
    });
  }
  for (const { message, enrollment } of await settledSteps(ctx)) {
    queue.run(enrollment.leadId, async () => {
      const advanced = await advanceSettled(ctx, enrollment.id, message);
      report.advanced += advanced;
    });
  }
  await queue.idle();
  return report;
}
