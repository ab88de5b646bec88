// The sequences feature: list, create, edit (versioned), pause/resume/archive, engine settings.
import { z } from 'zod';
import type { Sequence } from '../../../src-shared/domain';
import type { ValidArgs } from '../../../src-shared/ipc/contract';
import { PorchlightError } from '../../../src-shared/ipc/errors';
import type { SequenceStats } from '../../../src-shared/ipc/sequences';
import { REPLIED_STOP_REASON } from '../../../src-shared/ipc/sequences';
import { settingsPlace } from '../../../src-shared/settings-sections';
import type { CoreContext } from '../context';
import { pauseAll, resumeAll } from '../enrollments/control';
import { stopEnrollment } from '../enrollments/materialise';
import { readEngineSettings, writeEngineSettings } from '../engine/settings';
import { dryRunSequence } from './dry-run';
import { createSequence, updateSequence } from './sequence-store';

export function sequenceHandlers(ctx: CoreContext) {
  const { db } = ctx;

  async function setStatus(args: ValidArgs<'sequences-set-status'>): Promise<Sequence> {
    const doc = await db.sequences.findOne(args.id).exec();
    if (doc === null) throw new PorchlightError('not_found', `Sequence ${args.id} was not found.`);
    const previous = doc.status;
    const next = await doc.incrementalPatch({ status: args.status, updatedAt: ctx.clock.now() });
    if (args.status === 'paused' && previous === 'active') await pauseAll(ctx, args.id, 'sequence');
    if (args.status === 'active' && previous === 'paused') await resumeAll(ctx, args.id, 'sequence');
    if (args.status === 'archived') {
      const running = await db.enrollments
        .find({ selector: { sequenceId: args.id, status: { $in: ['active', 'paused'] } } })
        .exec();
      for (const e of running) await stopEnrollment(ctx, e.toMutableJSON(), 'the sequence was archived');
    }
    return next.toMutableJSON();
  }

  return {
    'sequences-list': async (args: ValidArgs<'sequences-list'>): Promise<Sequence[]> => {
      const docs = await db.sequences.find({ sort: [{ updatedAt: 'desc' }] }).exec();
      return docs
        .map((d) => d.toMutableJSON())
        .filter((s) => args.includeArchived || s.status !== 'archived');
    },
    'sequences-get': async (args: ValidArgs<'sequences-get'>): Promise<Sequence | null> =>
      (await db.sequences.findOne(args.id).exec())?.toMutableJSON() ?? null,
    'sequences-create': (args: ValidArgs<'sequences-create'>) =>
      createSequence(ctx, args.sequence, args.status),
    'sequences-update': (args: ValidArgs<'sequences-update'>) => updateSequence(ctx, args.id, args.patch),
    'sequences-set-status': setStatus,
    'sequences-stats': async (): Promise<Record<string, SequenceStats>> => {
      const stats: Record<string, SequenceStats> = {};
      for (const doc of await db.enrollments.find().exec()) {
        const row = (stats[doc.sequenceId] ??= { enrolled: 0, completed: 0, replied: 0, stopped: 0 });
        if (doc.status === 'active' || doc.status === 'paused') row.enrolled++;
        else if (doc.status === 'completed') row.completed++;
        else if (doc.stopReason === REPLIED_STOP_REASON) row.replied++;
        else row.stopped++;
      }
      return stats;
    },
    'sequences-dry-run': (args: ValidArgs<'sequences-dry-run'>) =>
      dryRunSequence(ctx, args.leadId, args.steps),
    'engine-settings-get': () => readEngineSettings(ctx),
    'engine-settings-update': async (args: ValidArgs<'engine-settings-update'>) => {
      try {
        return await writeEngineSettings(ctx, args.patch);
      } catch (error) {
        if (!(error instanceof z.ZodError)) throw error;
        // Each field's problem beside it ("rateLimits.sms"), and all of them in one sentence.
        const fieldErrors: Record<string, string> = {};
        for (const issue of error.issues) fieldErrors[issue.path.map(String).join('.')] ??= issue.message;
        const summary = Object.entries(fieldErrors)
          .map(([field, message]) => `${field}: ${message}`)
          .join('; ');
        throw new PorchlightError(
          'validation',
          `The sending rules were not saved (${settingsPlace('sending')}): ${summary}.`,
          fieldErrors,
        );
      }
    },
  };
}

export type SequenceHandlers = ReturnType<typeof sequenceHandlers>;
