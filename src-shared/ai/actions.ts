// From a reply's reading to what Porchlight does about it. The allowed actions are a closed
// list owned by this file; the reading (filled by rules or by a model) only chooses among them
// through its typed fields, so nothing a lead writes can add an action, carry text into one or
// widen the set. The function is pure and total: every schema-valid reading maps to a subset.
import type { ReplyLabel, ReplyReading } from './reply-reading';
import { labelOf } from './reply-reading';

export const replyActionKinds = ['stop', 'opt_out', 'mark_hot', 'create_call_task'] as const;
export type ReplyActionKind = (typeof replyActionKinds)[number];

export interface ReplyActions {
  /** The classification stored on the message (the engine's reactions follow it). */
  label: ReplyLabel;
  actions: ReplyActionKind[];
  /** One line per action, for the timeline: why it was taken. */
  reasons: string[];
}

export function replyActions(reading: ReplyReading): ReplyActions {
  const label = labelOf(reading);
  // Any reply stops the lead's sequences (the engine's first stop rule).
  const actions: ReplyActionKind[] = ['stop'];
  const reasons = ['They replied, so automatic follow-ups stop.'];
  if (reading.optOut) {
    // An opt-out ends everything: no call task, no hot flag.
    actions.push('opt_out');
    reasons.push('They asked not to be contacted: every channel is suppressed.');
    return { label, actions, reasons };
  }
  const positive = reading.sentiment === 'positive';
  if (positive && (reading.wantsCall || reading.timeline === 'now')) {
    actions.push('mark_hot');
    reasons.push(reading.wantsCall ? 'Positive and asked for a call.' : 'Positive and wants to move now.');
  }
  if (reading.wantsCall && reading.sentiment !== 'negative') {
    actions.push('create_call_task');
    reasons.push('They asked for a call: a call task is due now.');
  }
  return { label, actions, reasons };
}
