// The enrollments feature: manual and bulk enroll, pause/resume one or all, stop, migrate.
import type { Enrollment } from '../../../src-shared/domain';
import type { ValidArgs } from '../../../src-shared/ipc/contract';
import type { EnrollSkip } from '../../../src-shared/ipc/enrollments';
import type { CoreContext } from '../context';
import { migrateEnrollments, pauseAll, pauseEnrollment, resumeAll, resumeEnrollment } from './control';
import { enrollLead, stopEnrollment } from './materialise';

export function enrollmentHandlers(ctx: CoreContext) {
  const { db } = ctx;

  async function each(
    ids: readonly string[],
    act: (e: Enrollment) => Promise<boolean>,
  ): Promise<{ changed: number }> {
    const docs = await db.enrollments.findByIds([...ids]).exec();
    let changed = 0;
    for (const doc of docs.values()) if (await act(doc.toMutableJSON())) changed++;
    return { changed };
  }

  return {
    'enrollments-enroll': async (args: ValidArgs<'enrollments-enroll'>) => {
      const enrolled: string[] = [];
      const skipped: EnrollSkip[] = [];
      for (const leadId of args.leadIds) {
        const outcome = await enrollLead(ctx, leadId, args.sequenceId, {
          reason: args.leadIds.length > 1 ? 'bulk enroll' : 'manual enroll',
        });
        if ('enrolled' in outcome) enrolled.push(outcome.enrolled.id);
        else skipped.push({ leadId, reason: outcome.skipped });
      }
      return { enrolled, skipped };
    },
    'enrollments-for-lead': async (args: ValidArgs<'enrollments-for-lead'>): Promise<Enrollment[]> => {
      const docs = await db.enrollments
        .find({ selector: { leadId: args.leadId }, sort: [{ startedAt: 'desc' }] })
        .exec();
      return docs.map((d) => d.toMutableJSON());
    },
    'enrollments-list': async (args: ValidArgs<'enrollments-list'>) => {
      const selector =
        args.status === undefined
          ? { sequenceId: args.sequenceId }
          : { sequenceId: args.sequenceId, status: args.status };
      const [rows, total] = await Promise.all([
        db.enrollments
          .find({ selector, sort: [{ startedAt: 'desc' }], skip: args.offset, limit: args.limit })
          .exec(),
        db.enrollments.count({ selector }).exec(),
      ]);
      return { rows: rows.map((d) => d.toMutableJSON()), total };
    },
    'enrollments-pause': (args: ValidArgs<'enrollments-pause'>) =>
      each(args.ids, (e) => pauseEnrollment(ctx, e, 'agent')),
    'enrollments-resume': (args: ValidArgs<'enrollments-resume'>) =>
      each(args.ids, (e) => resumeEnrollment(ctx, e)),
    'enrollments-pause-all': async (args: ValidArgs<'enrollments-pause-all'>) => ({
      changed: await pauseAll(ctx, args.sequenceId, 'agent'),
    }),
    'enrollments-resume-all': async (args: ValidArgs<'enrollments-resume-all'>) => ({
      changed: await resumeAll(ctx, args.sequenceId),
    }),
    'enrollments-stop': (args: ValidArgs<'enrollments-stop'>) =>
      each(args.ids, (e) => stopEnrollment(ctx, e, 'stopped by the agent')),
    'enrollments-migrate': async (args: ValidArgs<'enrollments-migrate'>) => ({
      migrated: await migrateEnrollments(ctx, args.sequenceId, args.ids),
    }),
  };
}

export type EnrollmentHandlers = ReturnType<typeof enrollmentHandlers>;
