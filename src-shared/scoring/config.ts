// A team's scoring settings: factor weights, temperature thresholds, source quality, the
// team's market and the learning switches. Stored as the `scoring` setting document; every
// field has a default so a team that never opened the settings still scores.
import { z } from 'zod';
import type { LeadSource, Temperature } from '../domain';
import { leadSourceSchema } from '../domain';

/** The factor groups a score is explained in; each has a weight and a line of reasons. */
export const factorGroups = ['content', 'engagement', 'source', 'timing', 'fit', 'ai'] as const;
export type FactorGroup = (typeof factorGroups)[number];

const weight = z.number().min(0).max(100);

export const factorWeightsSchema = z.object({
  content: weight,
  engagement: weight,
  source: weight,
  timing: weight,
  fit: weight,
});
export type FactorWeights = z.infer<typeof factorWeightsSchema>;

export const DEFAULT_WEIGHTS: FactorWeights = {
  content: 30,
  engagement: 25,
  source: 20,
  timing: 15,
  fit: 10,
};

/** How likely a lead from each source is to be serious, 0..1 (Zillow and referrals rank high). */
export const DEFAULT_SOURCE_QUALITY: Record<LeadSource, number> = {
  referral: 0.9,
  zillow: 0.6,
  realtor_com: 0.6,
  follow_up_boss: 0.55,
  open_house: 0.55,
  website: 0.5,
  manual: 0.5,
  facebook: 0.35,
  import: 0.4,
  other: 0.4,
};

export const scoringSettingsSchema = z
  .object({
    weights: factorWeightsSchema.default(DEFAULT_WEIGHTS),
    thresholds: z
      .object({ hot: z.number().int().min(2).max(100), warm: z.number().int().min(1).max(99) })
      .refine((t) => t.warm < t.hot, { message: 'the warm threshold must be below the hot one' })
      .default({ hot: 70, warm: 40 }),
    sourceQuality: z.partialRecord(leadSourceSchema, z.number().min(0).max(1)).default({}),
    /** The team's market: price band in dollars and the areas it works (city or ZIP). */
    market: z
      .object({
        priceMin: z.number().min(0).optional(),
        priceMax: z.number().min(0).optional(),
        areas: z.array(z.string().trim().min(1).max(100)).max(200).default([]),
      })
      .default({ areas: [] }),
    /** Days for an activity's weight to halve (recency decay). */
    halfLifeDays: z.number().min(1).max(365).default(14),
    /** Share of the score given to the AI reading of the messages when one is present, 0..50. */
    aiWeight: z.number().min(0).max(50).default(15),
    learning: z
      .object({
        enabled: z.boolean().default(true),
        /** Below this many won + lost leads (and 10 of each) the default weights stay. */
        minOutcomes: z.number().int().min(20).max(100_000).default(100),
      })
      .default({ enabled: true, minOutcomes: 100 }),
  })
  .refine((s) => Object.values(s.weights).some((w) => w > 0), {
    message: 'at least one factor needs a weight above 0',
    path: ['weights'],
  });
export type ScoringSettings = z.output<typeof scoringSettingsSchema>;
export type ScoringSettingsInput = z.input<typeof scoringSettingsSchema>;

export const DEFAULT_SCORING_SETTINGS: ScoringSettings = scoringSettingsSchema.parse({});

export function sourceQualityOf(settings: ScoringSettings, source: LeadSource): number {
  return settings.sourceQuality[source] ?? DEFAULT_SOURCE_QUALITY[source];
}

/** Hot at or above `hot`, warm at or above `warm`, else cold. */
export function temperatureOf(score: number, thresholds: ScoringSettings['thresholds']): Temperature {
  if (score >= thresholds.hot) return 'hot';
  if (score >= thresholds.warm) return 'warm';
  return 'cold';
}
