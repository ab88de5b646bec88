// Enrolling a lead in a sequence: the checks (sequence active, lead live and reachable, not
// already running it) and the deterministic enrollment id (sequence + lead + cycle). The first
// step is materialised at once by enrollLead in materialise.ts, which owns the enroll ->
// materialise -> complete -> re-enroll loop, so this file imports nothing of it.
import type { RxDocument } from 'rxdb';
import type { Channel, Enrollment, Lead, Sequence } from '../../../src-shared/domain';
import type { CoreContext } from '../context';
import { enrollmentIdOf } from '../engine/ids';

export type EnrollOutcome = { enrolled: Enrollment } | { skipped: string };

/** What insertEnrollment read and wrote, so the first step is materialised without reading it back. */
export type InsertOutcome =
  { enrolled: Enrollment; doc: RxDocument<Enrollment>; lead: Lead; sequence: Sequence } | { skipped: string };

const CLOSED_STAGES: ReadonlySet<Lead['stage']> = new Set(['closed', 'lost']);

/** Channels the lead is suppressed on, by lead id or by its phone/email; 'all' = opted out. */
export async function suppressedChannels(ctx: CoreContext, lead: Lead): Promise<Set<Channel | 'all'>> {
  const addresses = [lead.phone, lead.email].filter((a): a is string => a !== undefined);
  const byLead = await ctx.db.suppressions.find({ selector: { leadId: lead.id } }).exec();
  const byAddress =
    addresses.length === 0
      ? []
      : await ctx.db.suppressions
          .find({ selector: { address: { $in: addresses } }, index: ['address'] })
          .exec();
  return new Set([...byLead, ...byAddress].map((d) => d.channel));
}

export async function isOptedOut(ctx: CoreContext, lead: Lead): Promise<boolean> {
  return (await suppressedChannels(ctx, lead)).has('all');
}

/** Checks and inserts the enrollment; enrollLead (materialise.ts) then materialises its first step. */
export async function insertEnrollment(
  ctx: CoreContext,
  leadOrId: Lead | string,
  sequenceOrId: Sequence | string,
  options: { anchorAt?: number; reason: string },
): Promise<InsertOutcome> {
  const { db, clock } = ctx;
  const lead =
    typeof leadOrId === 'string' ? (await db.leads.findOne(leadOrId).exec())?.toMutableJSON() : leadOrId;
  const sequence =
    typeof sequenceOrId === 'string'
      ? (await db.sequences.findOne(sequenceOrId).exec())?.toMutableJSON()
      : sequenceOrId;
  if (sequence === undefined) return { skipped: 'the sequence does not exist' };
  if (lead === undefined) return { skipped: 'the lead does not exist' };
  if (sequence.status !== 'active') return { skipped: `the sequence is ${sequence.status}` };
  if (lead.deletedAt > 0 || lead.mergedInto !== undefined) return { skipped: 'the lead is deleted' };
  if (CLOSED_STAGES.has(lead.stage)) return { skipped: `the lead is ${lead.stage}` };
  // By lead alone, on the [leadId, status] index named: a selector naming the sequence too let
  // the planner walk the sequence's index, every enrollment of the sequence, for each new lead.
  const runs = (
    await db.enrollments.find({ selector: { leadId: lead.id }, index: ['leadId', 'status'] }).exec()
  ).filter((run) => run.sequenceId === sequence.id);
  if (runs.some((r) => r.status === 'active' || r.status === 'paused')) {
    return { skipped: 'the lead is already in this sequence' };
  }
  if (await isOptedOut(ctx, lead)) return { skipped: 'the lead opted out of all contact' };
  const now = clock.now();
  const cycle = runs.length;
  const enrollment: Enrollment = {
    id: enrollmentIdOf(sequence.id, lead.id, cycle),
    teamId: ctx.workspace.teamId,
    ownerId: lead.ownerId,
    updatedAt: now,
    leadId: lead.id,
    sequenceId: sequence.id,
    sequenceVersion: sequence.version,
    status: 'active',
    nextStepIndex: 0,
    startedAt: now,
    anchorAt: options.anchorAt ?? now,
    cycle,
    demo: lead.demo,
  };
  const { success, error } = await db.enrollments.bulkInsert([enrollment]);
  const doc = success[0];
  if (error.length > 0 || doc === undefined) return { skipped: 'the lead is already in this sequence' };
  return { enrolled: enrollment, doc, lead, sequence };
}
