// What a reply says, as one fixed schema: intent, sentiment, opt-out, wants a call, timeline,
// budget and the phrases it rests on. The rules and the AI fill the same shape; the AI's answer
// is validated with it (strict: an unknown key is a schema violation), and the actions that
// follow are chosen by our code from these fields alone (see actions.ts).
import { z } from 'zod';

export const replyIntents = ['buy', 'sell', 'both', 'none'] as const;
export const replySentiments = ['positive', 'negative', 'neutral'] as const;

/**
 * Every key is required and nullable rather than optional, so the same schema serves as the
 * provider's strict JSON-schema response format.
 */
export const replyReadingSchema = z
  .object({
    intent: z.enum(replyIntents),
    sentiment: z.enum(replySentiments),
    optOut: z.boolean(),
    wantsCall: z.boolean(),
    timeline: z.enum(['now', 'soon', 'later']).nullable(),
    budget: z
      .object({ min: z.number().min(0).nullable(), max: z.number().min(0).nullable() })
      .strict()
      .nullable(),
    evidence: z.array(z.string().max(200)).max(5),
  })
  .strict();
export type ReplyReading = z.output<typeof replyReadingSchema>;

/** The message's stored classification, which the engine's stop rules react to. */
export type ReplyLabel = 'positive' | 'negative' | 'neutral' | 'opt_out';

export function labelOf(reading: ReplyReading): ReplyLabel {
  return reading.optOut ? 'opt_out' : reading.sentiment;
}

/** A draft the model writes: only text; channel limits are enforced by our code afterwards. */
export const draftAnswerSchema = z.object({ text: z.string().min(1).max(4000) }).strict();
export type DraftAnswer = z.output<typeof draftAnswerSchema>;

/**
 * A content analysis as the model answers it (nullable for the strict response format); turned
 * into the scoring's `AiReading` by `toAiReading`.
 */
export const analysisAnswerSchema = z
  .object({
    seriousness: z.number().min(0).max(1),
    intent: z.enum(['buy', 'sell', 'both', 'rent', 'unknown']),
    budget: z
      .object({ min: z.number().min(0).nullable(), max: z.number().min(0).nullable() })
      .strict()
      .nullable(),
    timeline: z.enum(['now', 'soon', 'later']).nullable(),
    propertyType: z.string().max(40).nullable(),
    summary: z.string().max(300).nullable(),
    evidence: z.array(z.string().max(200)).max(10),
  })
  .strict();
export type AnalysisAnswer = z.output<typeof analysisAnswerSchema>;
