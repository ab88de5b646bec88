// The send time of a sequence step for one lead: the step's delay from its anchor, measured in
// the lead's local calendar, then moved to the first allowed minute (quiet hours, the step's own
// window, weekdays and team holidays). Pure: the same inputs always give the same time.
import type { Delay } from './delays';
import { addDelay } from './delays';
import type { LeadSendRules } from './lead-zones';
import type { LocalWindow, SendPolicy } from './quiet-hours';
import { QuietHoursError, intersectWindows, nextAllowedSendTime } from './quiet-hours';

export interface DayRules {
  weekdays: readonly number[];
  holidays: readonly string[];
}

export interface StepTiming {
  anchor: number;
  delay: Delay;
  /** The step's optional window, narrowing the lead's. */
  stepWindow?: LocalWindow | undefined;
}

export function sendPolicyFor(rules: LeadSendRules, days: DayRules, stepWindow?: LocalWindow): SendPolicy {
  const window = stepWindow === undefined ? rules.window : intersectWindows(rules.window, stepWindow);
  if (window === null) {
    throw new QuietHoursError(
      'no_common_window',
      "The step's send window lies entirely inside the lead's quiet hours; move it inside the allowed hours.",
    );
  }
  return { window, weekdays: days.weekdays, holidays: days.holidays };
}

export function plannedSendTime(step: StepTiming, rules: LeadSendRules, days: DayRules): number {
  const zone = rules.zones[0] ?? 'UTC';
  const due = addDelay(step.anchor, step.delay, zone, days.holidays);
  return nextAllowedSendTime(due, rules.zones, sendPolicyFor(rules, days, step.stepWindow));
}
