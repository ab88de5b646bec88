// The smaller collections: templates, tasks, suppressions, agents, settings, scoring models.
import { z } from 'zod';
import {
  baseDocShape,
  channelSchema,
  epochMsSchema,
  idSchema,
  longTextSchema,
  shortTextSchema,
} from './base';

export const templateSchema = z.object({
  ...baseDocShape,
  name: shortTextSchema,
  channel: channelSchema,
  subject: shortTextSchema.optional(),
  body: longTextSchema,
  /** Email only: the HTML part (the plain-text part is `body`); absent: made from the text. */
  html: longTextSchema.optional(),
  builtIn: z.boolean(),
  demo: z.boolean(),
});
export type Template = z.infer<typeof templateSchema>;

export const taskSchema = z.object({
  ...baseDocShape,
  leadId: idSchema.optional(),
  kind: z.enum(['call', 'todo', 'review']),
  title: shortTextSchema,
  notes: z.string().max(5000).optional(),
  dueAt: epochMsSchema,
  status: z.enum(['open', 'done', 'cancelled']),
  completedAt: epochMsSchema.optional(),
  messageId: idSchema.optional(),
  demo: z.boolean(),
});
export type Task = z.infer<typeof taskSchema>;

/** A recipient who must not be contacted on a channel ('all' = every channel). */
export const suppressionSchema = z.object({
  ...baseDocShape,
  channel: z.enum([...channelSchema.options, 'all']),
  /** E.164 phone or lower-case email. */
  address: z.string().max(254),
  reason: z.enum(['stop', 'bounce', 'provider_opt_out', 'complaint', 'manual']),
  detail: shortTextSchema.optional(),
  leadId: idSchema.optional(),
  createdAt: epochMsSchema,
});
export type Suppression = z.infer<typeof suppressionSchema>;

/** One suppression per channel and address, on every replica and the server alike. */
export function suppressionId(channel: Suppression['channel'], address: string): string {
  return `sup-${channel}-${address}`.slice(0, 64);
}

export const agentSchema = z.object({
  ...baseDocShape,
  name: z.string().min(1).max(100),
  email: z.string().max(254),
  phone: z.string().max(20).optional(),
  role: z.enum(['agent', 'admin']),
  active: z.boolean(),
});
export type Agent = z.infer<typeof agentSchema>;

/** One setting per document, keyed by `id`; the value's shape is owned by the feature that reads it. */
export const settingSchema = z.object({
  ...baseDocShape,
  value: z.unknown(),
});
export type Setting = z.infer<typeof settingSchema>;

export const scoringModelSchema = z.object({
  ...baseDocShape,
  version: z.number().int().min(1),
  kind: z.enum(['default', 'logistic']),
  features: z.array(z.string().max(60)).max(200),
  weights: z.array(z.number()).max(200),
  intercept: z.number(),
  trainedAt: epochMsSchema,
  outcomes: z.number().int().min(0),
  /** Mean of each feature over the training rows: the reference a factor's contribution is measured from. */
  featureMeans: z.array(z.number()).max(200).optional(),
  metrics: z.object({
    /** Held-out area under the ROC curve of this model, and of the default weights on the same rows. */
    auc: z.number().optional(),
    defaultAuc: z.number().optional(),
    brier: z.number().optional(),
    /** Expected calibration error: mean |predicted - observed| over the bins, weighted by count. */
    ece: z.number().optional(),
    heldOut: z.number().int().min(0).optional(),
    calibration: z
      .array(z.object({ predicted: z.number(), observed: z.number(), count: z.number().int().min(0) }))
      .max(20)
      .optional(),
  }),
  active: z.boolean(),
});
export type ScoringModel = z.infer<typeof scoringModelSchema>;
