// The score a lead carries when it is written by a handler or the demo workspace. A lead the
// scoring job has never scored gets a provisional score from what the record alone tells
// (source, profile, price fit, inquiry timing, recency) with the default settings; a lead the
// job has scored keeps its score, and the job, woken by `leads-changed`, rescores it with its
// messages and the team's settings a moment later. Keeping it avoids a dip and a false
// threshold crossing every time someone edits a name.
import type { Lead } from '../../../src-shared/domain';
import { DEFAULT_MODEL, DEFAULT_SCORING_SETTINGS, scoreLead } from '../../../src-shared/scoring';

export type LeadScoreFields = Pick<Lead, 'score' | 'temperature'> &
  Partial<Pick<Lead, 'scoreConfidence' | 'scoreFactors'>>;

export function scoreOnWrite(lead: Lead, now: number): LeadScoreFields {
  if (lead.scoredAt !== undefined) {
    return {
      score: lead.score,
      temperature: lead.temperature,
      ...(lead.scoreConfidence === undefined ? {} : { scoreConfidence: lead.scoreConfidence }),
      ...(lead.scoreFactors === undefined ? {} : { scoreFactors: lead.scoreFactors }),
    };
  }
  const result = scoreLead(lead, [], now, DEFAULT_SCORING_SETTINGS, DEFAULT_MODEL);
  return {
    score: result.score,
    temperature: result.temperature,
    scoreConfidence: result.confidence,
    scoreFactors: result.factors,
  };
}
