// Playbooks. A sequence is versioned: editing it bumps `version` and keeps the earlier
// versions in `pastVersions`, so a running enrollment keeps the steps it started with.
import { z } from 'zod';
import { baseDocShape, channelSchema, epochMsSchema, idSchema, shortTextSchema } from './base';
import { leadIntentSchema, leadSourceSchema, leadStageSchema } from './lead';

export const delaySchema = z.object({
  amount: z.number().int().min(0).max(10_000),
  unit: z.enum(['minutes', 'hours', 'days', 'business_days']),
});

/** "HH:mm" local to the lead. */
export const localTimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:mm');

export const stepConditionSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('always') }),
  z.object({ type: z.literal('no_reply_since_enrollment') }),
  z.object({ type: z.literal('last_not_opened') }),
  z.object({ type: z.literal('last_not_delivered') }),
  z.object({ type: z.literal('score_at_least'), score: z.number().int().min(1).max(100) }),
]);

export const sequenceStepSchema = z.object({
  id: idSchema,
  channel: channelSchema,
  delay: delaySchema,
  window: z.object({ start: localTimeSchema, end: localTimeSchema }).optional(),
  condition: stepConditionSchema,
  templateId: idSchema,
  /**
   * Channels to use, in order, when the lead cannot be reached on the step's own channel (no
   * phone, suppressed, bad number). Absent: the step is skipped with the reason instead.
   */
  fallback: z.array(channelSchema).max(4).optional(),
});
export type SequenceStep = z.infer<typeof sequenceStepSchema>;

export const triggerSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('new_lead'),
    intents: z.array(leadIntentSchema).optional(),
    sources: z.array(leadSourceSchema).optional(),
  }),
  z.object({ type: z.literal('score_threshold'), threshold: z.number().int().min(1).max(100) }),
  z.object({ type: z.literal('stage_change'), to: leadStageSchema }),
  z.object({ type: z.literal('inactive'), days: z.number().int().min(1).max(3650) }),
  z.object({ type: z.literal('tag_added'), tag: z.string().max(40) }),
  z.object({ type: z.literal('manual') }),
  /** A new home or a price cut matches the lead (docs/listings.md, "Property alerts"). */
  z.object({ type: z.literal('property_alert') }),
]);
export type Trigger = z.infer<typeof triggerSchema>;

export const sequenceVersionSchema = z.object({
  version: z.number().int().min(1),
  trigger: triggerSchema,
  steps: z.array(sequenceStepSchema).max(100),
  createdAt: epochMsSchema,
});

export const sequenceSchema = z.object({
  ...baseDocShape,
  name: shortTextSchema,
  description: z.string().max(2000).optional(),
  status: z.enum(['active', 'paused', 'archived']),
  version: z.number().int().min(1),
  trigger: triggerSchema,
  steps: z.array(sequenceStepSchema).max(100),
  pastVersions: z.array(sequenceVersionSchema).max(500),
  builtIn: z.boolean(),
  createdAt: epochMsSchema,
  /** Reaching one of these stages stops the enrollment. Absent: the trigger's default (endStagesOf). */
  endStages: z.array(leadStageSchema).max(20).optional(),
  demo: z.boolean(),
});
export type Sequence = z.infer<typeof sequenceSchema>;

export const enrollmentSchema = z.object({
  ...baseDocShape,
  leadId: idSchema,
  sequenceId: idSchema,
  sequenceVersion: z.number().int().min(1),
  status: z.enum(['active', 'paused', 'completed', 'stopped']),
  /** Index of the next step to materialise. */
  nextStepIndex: z.number().int().min(0),
  startedAt: epochMsSchema,
  /** What the next step's delay counts from: the start, the last send, or the resume. */
  anchorAt: epochMsSchema,
  /** 0 for the first run; a reactivation that got no answer runs again as cycle 1, 2, … */
  cycle: z.number().int().min(0).max(10_000).multipleOf(1),
  /** Id of the message materialised for `nextStepIndex`, while one is scheduled. */
  pendingMessageId: idSchema.optional(),
  /** Why it is paused: the agent paused it, or its whole sequence was paused. */
  pausedBy: z.enum(['agent', 'sequence']).optional(),
  pausedAt: epochMsSchema.optional(),
  stoppedAt: epochMsSchema.optional(),
  stopReason: shortTextSchema.optional(),
  demo: z.boolean(),
});
export type Enrollment = z.infer<typeof enrollmentSchema>;
