// Trigger matching: which active sequences a lead change starts. Pure over the sequences given.
import type { Lead, Sequence } from '../../../src-shared/domain';

export function newLeadMatches(sequence: Sequence, lead: Lead): boolean {
  const t = sequence.trigger;
  if (t.type !== 'new_lead') return false;
  return (
    (t.intents === undefined || t.intents.includes(lead.intent)) &&
    (t.sources === undefined || t.sources.includes(lead.source))
  );
}

/**
 * A lead counts as new for a day: a replica receiving old leads starts nothing. An imported lead
 * (importId set) is never a new inquiry; the import enrolls it in a sequence only when asked.
 */
export const NEW_LEAD_WINDOW_MS = 86_400_000;

/** Sequences started by the change from `before` to `after` (before undefined = a new lead). */
export function triggeredSequences(
  sequences: readonly Sequence[],
  before: Lead | undefined,
  after: Lead,
  now: number,
): Sequence[] {
  const isNew =
    before === undefined && after.importId === undefined && now - after.createdAt <= NEW_LEAD_WINDOW_MS;
  const addedTags = after.tags.filter((tag) => !(before?.tags ?? []).includes(tag));
  const previousScore = before?.score ?? 0;
  return sequences.filter((s) => {
    if (s.status !== 'active') return false;
    const t = s.trigger;
    switch (t.type) {
      case 'new_lead':
        return isNew && newLeadMatches(s, after);
      case 'stage_change':
        return before !== undefined && before.stage !== after.stage && after.stage === t.to;
      case 'tag_added':
        return addedTags.includes(t.tag);
      case 'score_threshold':
        return previousScore < t.threshold && after.score >= t.threshold;
      // A property alert starts from the listings (listings/property-alerts.ts), not a lead change.
      case 'inactive':
      case 'manual':
      case 'property_alert':
        return false;
    }
  });
}
