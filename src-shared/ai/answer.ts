// Reading a model's answer: the content must be JSON and match our schema, or it is refused
// with the reason in words. Shared by the real adapter and the fake, so both judge an answer
// the same way; and the analysis answer's conversion to the scoring's AiReading.
import type { z } from 'zod';
import type { AiReading } from '../scoring/ai-reading';
import { aiReadingSchema } from '../scoring/ai-reading';
import type { AnalysisAnswer } from './reply-reading';

export type ParsedAnswer<T> = { ok: true; value: T } | { ok: false; reason: string };

export function parseModelAnswer<S extends z.ZodType>(content: string, schema: S): ParsedAnswer<z.output<S>> {
  if (content.trim() === '') return { ok: false, reason: 'The model answered with nothing.' };
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch {
    return { ok: false, reason: `The model's answer was not JSON: "${content.slice(0, 80)}".` };
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issues = parsed.error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.map(String).join('.') || '(answer)'}: ${issue.message}`)
    .join('; ');
  return { ok: false, reason: `The model's answer did not match the schema: ${issues}.` };
}

export function toAiReading(a: AnalysisAnswer): AiReading {
  const budget =
    a.budget === null
      ? undefined
      : {
          ...(a.budget.min === null ? {} : { min: a.budget.min }),
          ...(a.budget.max === null ? {} : { max: a.budget.max }),
        };
  return aiReadingSchema.parse({
    seriousness: a.seriousness,
    ...(a.intent === 'unknown' ? {} : { intent: a.intent }),
    ...(budget === undefined ? {} : { budget }),
    ...(a.timeline === null ? {} : { timeline: a.timeline }),
    ...(a.propertyType === null ? {} : { propertyType: a.propertyType }),
    ...(a.summary === null ? {} : { summary: a.summary }),
    evidence: a.evidence,
  });
}
