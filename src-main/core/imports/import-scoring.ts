// Imported leads are scored once, as the scoring job would score them: with the team's
// settings and active model, no touches yet, the job's factor words, and `scoredAt` set. The
// job still hears each new lead and rescores it, but finds nothing material to change and
// writes nothing, so a 100,000-row import is not written to the store a second time (and the
// screens see the final score at once instead of a provisional one a moment later).
import type { Lead } from '../../../src-shared/domain';
import type { CompiledModel, ScoringSettings } from '../../../src-shared/scoring';
import { detectIntent, FEATURE_COUNT, scoreLead, withReasons } from '../../../src-shared/scoring';
import type { CoreContext } from '../context';
import { loadScoringModel, loadScoringSettings } from '../scoring/settings';

export interface ImportScoring {
  settings: ScoringSettings;
  model: CompiledModel;
  features: Float64Array;
}

export async function loadImportScoring(ctx: CoreContext): Promise<ImportScoring> {
  const settings = await loadScoringSettings(ctx);
  const { model } = await loadScoringModel(ctx, settings);
  return { settings, model, features: new Float64Array(FEATURE_COUNT) };
}

/** The lead with the score the job would give it now (a new lead: no messages, no AI reading). */
export function scoredLikeTheJob(lead: Lead, scoring: ImportScoring, now: number): Lead {
  // The intent the job would read from the record goes in first: the job scores the stored lead.
  const intent = lead.intent === 'unknown' ? detectIntent([], lead).intent : lead.intent;
  const result = scoreLead({ ...lead, intent }, [], now, scoring.settings, scoring.model, null, {
    words: false,
    features: scoring.features,
  });
  return {
    ...lead,
    score: result.score,
    temperature: result.temperature,
    scoreConfidence: result.confidence,
    scoreFactors: withReasons(result.factors, result.signals, now, scoring.settings),
    intent,
    scoredAt: now,
  };
}
