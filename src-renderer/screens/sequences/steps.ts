// The builder's pure pieces: a new step, moving steps, and triggers and conditions in words.
import type { Channel, SequenceStep, Trigger } from '../../../src-shared/domain';
import { delayInWords } from '../../../src-shared/timing';

let counter = 0;
export function newStep(channel: Channel, templateId: string, now = Date.now()): SequenceStep {
  counter++;
  return {
    id: `step-${now.toString(36)}-${counter}`,
    channel,
    delay: { amount: 1, unit: 'days' },
    condition: { type: 'no_reply_since_enrollment' },
    templateId,
  };
}

export type FallbackDefaults = Partial<Record<Channel, readonly Channel[]>>;

/** The step with the team's default fallback for its channel (Settings → Sending rules), or none. */
export function withFallbackDefault(step: SequenceStep, defaults: FallbackDefaults): SequenceStep {
  const { fallback: _previous, ...rest } = step;
  const fallback = (defaults[step.channel] ?? []).filter((c) => c !== step.channel);
  return fallback.length === 0 ? rest : { ...rest, fallback };
}

/** Moves the step at `from` by `by` places (-1 up, +1 down); out of range leaves the list as is. */
export function moveStep<T>(steps: readonly T[], from: number, by: number): T[] {
  const to = from + by;
  if (from < 0 || from >= steps.length || to < 0 || to >= steps.length) return [...steps];
  const next = [...steps];
  const [moved] = next.splice(from, 1);
  if (moved !== undefined) next.splice(to, 0, moved);
  return next;
}

export function triggerInWords(trigger: Trigger): string {
  switch (trigger.type) {
    case 'new_lead': {
      const parts = [
        trigger.intents?.length ? trigger.intents.join(' or ') : '',
        trigger.sources?.length ? `from ${trigger.sources.join(', ')}` : '',
      ].filter(Boolean);
      return `A new lead${parts.length ? ` (${parts.join(', ')})` : ''}`;
    }
    case 'score_threshold':
      return `Score reaches ${trigger.threshold}`;
    case 'stage_change':
      return `Stage changes to ${trigger.to.replace('_', ' ')}`;
    case 'inactive':
      return `No contact for ${trigger.days} days`;
    case 'tag_added':
      return `Tag “${trigger.tag}” added`;
    case 'manual':
      return 'Enrolled by hand';
    case 'property_alert':
      return 'A new home or price cut matches';
  }
}

export function conditionInWords(condition: SequenceStep['condition']): string {
  switch (condition.type) {
    case 'always':
      return 'always';
    case 'no_reply_since_enrollment':
      return 'only if no reply yet';
    case 'last_not_opened':
      return 'only if the last one was not opened';
    case 'last_not_delivered':
      return 'only if the last one was not delivered';
    case 'score_at_least':
      return `only if the score is at least ${condition.score}`;
  }
}

export function stepSummary(step: SequenceStep): string {
  const wait = step.delay.amount === 0 ? 'at once' : `after ${delayInWords(step.delay)}`;
  return `${step.channel}, ${wait}, ${conditionInWords(step.condition)}`;
}

/** What saving an edit does to leads already running the sequence, before the agent saves. */
export function versioningMessage(version: number, running: number, stepsChanged: boolean): string {
  if (!stepsChanged) return 'Saving keeps the same version: only the name or description change.';
  const who =
    running === 0
      ? 'No lead is running it now.'
      : `${running} lead${running === 1 ? '' : 's'} running version ${version} keep${running === 1 ? 's' : ''} it until they finish, unless you move them to the new one.`;
  return `Saving makes version ${version + 1}. ${who}`;
}
