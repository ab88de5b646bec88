// The scoring feature's contract: a lead's insights and score explanation, the team's scoring
// settings, training on demand, the model report for analytics, and a preview of a score
// under settings not yet saved. Events: `scores-changed` for score-threshold triggers.
import { z } from 'zod';
import type { ScoringModel, Temperature } from '../domain';
import { idSchema, leadSourceSchema } from '../domain';
import type { LeadInsights, LeadScore, ScoringSettings } from '../scoring';
import { factorWeightsSchema, scoringSettingsSchema } from '../scoring';

/** A partial settings document: what is given replaces the saved value, the rest stays. */
export const scoringSettingsPatchSchema = z.object({
  weights: factorWeightsSchema.partial().optional(),
  thresholds: z
    .object({ hot: z.number().int().min(2).max(100), warm: z.number().int().min(1).max(99) })
    .optional(),
  sourceQuality: z.partialRecord(leadSourceSchema, z.number().min(0).max(1)).optional(),
  market: z
    .object({
      priceMin: z.number().min(0).optional(),
      priceMax: z.number().min(0).optional(),
      areas: z.array(z.string().trim().min(1).max(100)).max(200).optional(),
    })
    .optional(),
  halfLifeDays: z.number().min(1).max(365).optional(),
  aiWeight: z.number().min(0).max(50).optional(),
  learning: z
    .object({
      enabled: z.boolean().optional(),
      minOutcomes: z.number().int().min(20).max(100_000).optional(),
    })
    .optional(),
});
export type ScoringSettingsPatch = z.input<typeof scoringSettingsPatchSchema>;

export const scoringArgs = {
  'lead-insights': z.object({ id: idSchema }),
  'scoring-explain': z.object({ id: idSchema }),
  'scoring-preview': z.object({ id: idSchema, settings: scoringSettingsPatchSchema.default({}) }),
  /** Unsaved settings scored on the current leads (the newest `limit`): counts and the biggest moves. */
  'scoring-preview-leads': z.object({
    settings: scoringSettingsPatchSchema,
    limit: z.number().int().min(1).max(20_000).default(5_000),
  }),
  'scoring-settings-get': z.object({}).default({}),
  'scoring-settings-update': z.object({ patch: scoringSettingsPatchSchema }),
  'scoring-train': z.object({}).default({}),
  'scoring-model': z.object({}).default({}),
  'scoring-rescore': z.object({ ids: z.array(idSchema).min(1).max(100_000).optional() }).default({}),
};

/** A score as the lead panel shows it, computed now (stored scores may be minutes old). */
export interface ScoreExplanation extends LeadScore {
  leadId: string;
  stored: { score: number; scoredAt: number | null };
}

export type TrainReport =
  | { status: 'trained'; model: ScoringModel; activated: boolean; reason: string }
  | {
      status: 'too_few_outcomes';
      outcomes: number;
      won: number;
      lost: number;
      needed: number;
      reason: string;
    }
  | { status: 'disabled'; reason: string };

export interface ModelReport {
  /** What scores are computed with now. */
  using: 'default' | 'logistic';
  settings: ScoringSettings;
  active: ScoringModel | null;
  /** The latest model trained, active or not (a model that did not beat the defaults stays inactive). */
  latest: ScoringModel | null;
  outcomes: { won: number; lost: number; needed: number };
}

export interface ScoringPreviewLeads {
  /** Leads scored for the preview, of `total` live leads. */
  scored: number;
  total: number;
  before: Record<Temperature, number>;
  after: Record<Temperature, number>;
  changedScore: number;
  changedTemperature: number;
  /** The biggest score changes, largest first. */
  movers: {
    id: string;
    name: string;
    from: number;
    to: number;
    fromTemperature: Temperature;
    toTemperature: Temperature;
  }[];
}

export interface ScoringResults {
  'lead-insights': LeadInsights;
  'scoring-explain': ScoreExplanation;
  'scoring-preview': ScoreExplanation;
  'scoring-preview-leads': ScoringPreviewLeads;
  'scoring-settings-get': ScoringSettings;
  'scoring-settings-update': ScoringSettings;
  'scoring-train': TrainReport;
  'scoring-model': ModelReport;
  'scoring-rescore': { rescored: number; changed: number };
}

export interface ScoreChange {
  id: string;
  /** The score before; 0 when the lead had only its provisional on-write score. */
  from: number;
  to: number;
}

export interface ScoringEvents {
  'scores-changed': { changes: ScoreChange[] };
  'scoring-model-changed': { using: 'default' | 'logistic'; version: number | null };
}

export { scoringSettingsSchema };
