// The structured output an AI content analysis returns for a lead's messages, validated with
// zod at the edge (an AI answer is input like any other). Optional everywhere: without it the
// score and the insights are fully deterministic.
import { z } from 'zod';
import { leadIntentSchema } from '../domain';

export const aiReadingSchema = z.object({
  /** How serious and ready to act the lead sounds, 0..1. */
  seriousness: z.number().min(0).max(1),
  intent: leadIntentSchema.optional(),
  budget: z.object({ min: z.number().min(0).optional(), max: z.number().min(0).optional() }).optional(),
  timeline: z.enum(['now', 'soon', 'later']).optional(),
  propertyType: z.string().max(40).optional(),
  summary: z.string().max(300).optional(),
  /** Phrases from the messages the reading rests on. */
  evidence: z.array(z.string().max(200)).max(10).default([]),
});
export type AiReading = z.output<typeof aiReadingSchema>;
