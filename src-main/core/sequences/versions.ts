// A sequence's versions: the current one lives on the document, earlier ones in pastVersions.
import type { Sequence, SequenceStep, Trigger } from '../../../src-shared/domain';

export interface SequenceVersion {
  version: number;
  trigger: Trigger;
  steps: SequenceStep[];
}

export function versionOf(sequence: Sequence, version: number): SequenceVersion | null {
  if (sequence.version === version) return { version, trigger: sequence.trigger, steps: sequence.steps };
  const past = sequence.pastVersions.find((v) => v.version === version);
  return past === undefined ? null : { version, trigger: past.trigger, steps: past.steps };
}

/** Minutes of delay before `stepIndex` runs, counted from enrollment, when every step runs on time. */
function minutesUntil(steps: readonly SequenceStep[], stepIndex: number): number {
  const perUnit = { minutes: 1, hours: 60, days: 1440, business_days: 1440 };
  return steps.slice(0, stepIndex + 1).reduce((sum, s) => sum + s.delay.amount * perUnit[s.delay.unit], 0);
}

/** Speed-to-lead steps: a new-lead sequence's opening steps due within 15 minutes of arrival. */
export const FIRST_TOUCH_MINUTES = 15;

export function isFirstTouchStep(version: SequenceVersion, stepIndex: number): boolean {
  return version.trigger.type === 'new_lead' && minutesUntil(version.steps, stepIndex) <= FIRST_TOUCH_MINUTES;
}
