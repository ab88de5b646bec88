// The score a lead carries when it is written. The scoring feature replaces this with the
// full factor model; until a lead is scored it is shown as unscored (0, cold).
import type { Lead } from '../../../src-shared/domain';

export type LeadScoreFields = Pick<Lead, 'score' | 'temperature'> &
  Partial<Pick<Lead, 'scoreConfidence' | 'scoreFactors'>>;

export function scoreOnWrite(_lead: Lead, _now: number): LeadScoreFields {
  return { score: 0, temperature: 'cold' };
}
