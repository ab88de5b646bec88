// The sequences (playbooks) feature's contract, with the engine's team settings.
import { z } from 'zod';
import type { Channel, Sequence } from '../domain';
import { idSchema, leadStageSchema, sequenceStepSchema, shortTextSchema, triggerSchema } from '../domain';
import type { EngineSettings } from '../playbooks/engine-settings';

export const sequenceInputSchema = z.object({
  name: shortTextSchema.min(1),
  description: z.string().max(2000).optional(),
  trigger: triggerSchema,
  steps: z.array(sequenceStepSchema).min(1).max(100),
  /** Stages that end the sequence for a lead (absent: the trigger's defaults, endStagesOf). */
  endStages: z.array(leadStageSchema).max(20).optional(),
});
export type SequenceInput = z.input<typeof sequenceInputSchema>;

export const sequenceArgs = {
  'sequences-list': z
    .object({ includeArchived: z.boolean().default(false) })
    .default({ includeArchived: false }),
  'sequences-get': z.object({ id: idSchema }),
  /** A new sequence starts active unless asked to start paused (a draft to dry-run first). */
  'sequences-create': z.object({
    sequence: sequenceInputSchema,
    status: z.enum(['active', 'paused']).default('active'),
  }),
  /** Changing trigger or steps makes a new version; running enrollments keep theirs. */
  'sequences-update': z.object({ id: idSchema, patch: sequenceInputSchema.partial() }),
  /** paused: no new enrollments and running ones wait; archived: stopped for good. */
  'sequences-set-status': z.object({ id: idSchema, status: z.enum(['active', 'paused', 'archived']) }),
  /** Enrolled (running or paused), completed and replied counts, by sequence id. */
  'sequences-stats': z.object({}).default({}),
  /** The schedule a sequence's steps would get on one lead, before anything is saved or sent. */
  'sequences-dry-run': z.object({ leadId: idSchema, steps: z.array(sequenceStepSchema).min(1).max(100) }),
  'engine-settings-get': z.object({}).default({}),
  /** A partial settings object; fields not given keep their value. */
  'engine-settings-update': z.object({ patch: z.record(z.string(), z.unknown()) }),
};

/** A verdict an agent reads: whether it is fine, and why in words. */
export interface DryRunVerdict {
  ok: boolean;
  text: string;
}

export interface DryRunStep {
  stepIndex: number;
  channelPlanned: Channel;
  templateId: string;
  templateName?: string;
  /** When the step would go out (epoch ms), and the same in the lead's zone. */
  sendAt: number;
  sendLocal: string;
  /** When its delay alone would have put it, in the lead's zone. */
  dueLocal?: string;
  timing: DryRunVerdict & { moved?: boolean };
  channel?: DryRunVerdict & { channel: Channel | null };
  render?: DryRunVerdict;
}

export interface DryRunResult {
  leadId: string;
  /** The zone the local times are in; a guess (the strictest of the country) when zoneIsGuess. */
  zone: string;
  zoneIsGuess: boolean;
  startsAt: number;
  steps: DryRunStep[];
}

export interface SequenceStats {
  /** Running or paused now. */
  enrolled: number;
  completed: number;
  /** Stopped because the lead replied. */
  replied: number;
  /** Stopped for any other reason (agent, stage, opt-out, archive). */
  stopped: number;
}

/** The stop reason recorded when a lead's reply ends its enrollments. */
export const REPLIED_STOP_REASON = 'the lead replied';

export interface SequenceResults {
  'sequences-list': Sequence[];
  'sequences-get': Sequence | null;
  'sequences-create': Sequence;
  'sequences-update': Sequence;
  'sequences-set-status': Sequence;
  'sequences-dry-run': DryRunResult;
  'sequences-stats': Record<string, SequenceStats>;
  'engine-settings-get': EngineSettings;
  'engine-settings-update': EngineSettings;
}

export interface SequenceEvents {
  'sequences-changed': { ids: string[] };
  'engine-settings-changed': Record<string, never>;
}
