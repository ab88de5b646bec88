// Sequences and templates as stored: built-ins installed once (deterministic ids, so every
// replica installs the same documents), create, and edit with versioning: changing the trigger
// or the steps bumps the version and keeps the old one for the enrollments still running it.
import { randomUUID } from 'node:crypto';
import type { Sequence, Template } from '../../../src-shared/domain';
import { PorchlightError } from '../../../src-shared/ipc/errors';
import type { SequenceInput } from '../../../src-shared/ipc/sequences';
import { BUILTIN_SEQUENCES, BUILTIN_TEMPLATES } from '../../../src-shared/playbooks';
import { QuietHoursError, windowOf } from '../../../src-shared/timing';
import type { CoreContext } from '../context';

export async function installBuiltIns(ctx: CoreContext): Promise<number> {
  const { db, clock, workspace } = ctx;
  const now = clock.now();
  const base = {
    teamId: workspace.teamId,
    ownerId: workspace.agentId,
    updatedAt: now,
    builtIn: true,
    demo: false,
  };
  const templates: Template[] = BUILTIN_TEMPLATES.map((t) => ({ ...base, ...t }));
  const sequences: Sequence[] = BUILTIN_SEQUENCES.map((s) => ({
    ...base,
    ...s,
    status: s.status ?? 'active',
    version: 1,
    pastVersions: [],
    createdAt: now,
  }));
  // Existing ids (already installed, maybe edited by the team) are left as they are.
  const a = await db.templates.bulkInsert(templates);
  const b = await db.sequences.bulkInsert(sequences);
  return a.success.length + b.success.length;
}

/** Refuses steps whose template is missing or whose window is malformed, naming the step. */
export async function checkSteps(ctx: CoreContext, steps: SequenceInput['steps']): Promise<void> {
  const fieldErrors: Record<string, string> = {};
  const templates = await ctx.db.templates.findByIds(steps.map((s) => s.templateId)).exec();
  steps.forEach((step, i) => {
    if (!templates.has(step.templateId))
      fieldErrors[`steps.${i}.templateId`] = `Template "${step.templateId}" does not exist`;
    if (step.window !== undefined) {
      try {
        windowOf(step.window.start, step.window.end);
      } catch (error) {
        if (error instanceof QuietHoursError) fieldErrors[`steps.${i}.window`] = error.message;
        else throw error;
      }
    }
  });
  if (Object.keys(fieldErrors).length > 0) {
    throw new PorchlightError(
      'validation',
      `The sequence has ${Object.keys(fieldErrors).length} problem(s): ${Object.values(fieldErrors).join('; ')}.`,
      fieldErrors,
    );
  }
}

export async function createSequence(
  ctx: CoreContext,
  input: SequenceInput,
  status: Sequence['status'] = 'active',
): Promise<Sequence> {
  await checkSteps(ctx, input.steps);
  const now = ctx.clock.now();
  const sequence: Sequence = {
    id: randomUUID(),
    teamId: ctx.workspace.teamId,
    ownerId: ctx.workspace.agentId,
    updatedAt: now,
    name: input.name,
    status,
    version: 1,
    trigger: input.trigger,
    steps: input.steps,
    pastVersions: [],
    builtIn: false,
    createdAt: now,
    demo: false,
  };
  if (input.description !== undefined) sequence.description = input.description;
  if (input.endStages !== undefined) sequence.endStages = input.endStages;
  await ctx.db.sequences.insert(sequence);
  return sequence;
}

export type SequencePatch = { [K in keyof SequenceInput]?: SequenceInput[K] | undefined };

export async function updateSequence(ctx: CoreContext, id: string, patch: SequencePatch): Promise<Sequence> {
  const doc = await ctx.db.sequences.findOne(id).exec();
  if (doc === null) throw new PorchlightError('not_found', `Sequence ${id} was not found.`);
  if (patch.steps !== undefined) await checkSteps(ctx, patch.steps);
  const now = ctx.clock.now();
  const next = await doc.incrementalModify((current) => {
    const trigger = patch.trigger ?? current.trigger;
    const steps = patch.steps ?? current.steps;
    const isNewVersion =
      JSON.stringify(trigger) !== JSON.stringify(current.trigger) ||
      JSON.stringify(steps) !== JSON.stringify(current.steps);
    const updated: Sequence = { ...current, updatedAt: now, trigger, steps };
    if (patch.name !== undefined) updated.name = patch.name;
    if (patch.description !== undefined) updated.description = patch.description;
    if (patch.endStages !== undefined) updated.endStages = patch.endStages;
    if (isNewVersion) {
      updated.version = current.version + 1;
      updated.pastVersions = [
        ...current.pastVersions,
        {
          version: current.version,
          trigger: current.trigger,
          steps: current.steps,
          createdAt: current.updatedAt,
        },
      ];
    }
    return updated;
  });
  return next.toMutableJSON();
}
