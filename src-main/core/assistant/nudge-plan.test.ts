// The nudge timer follows each lead state written, with no store read: the earliest nudge of
// a lead the assistant talks to fires, one handed off, paused or deleted never does, a state
// written after start wins over the start-up read, and a turn that could not speak is tried
// again an hour later instead of at once.
import { describe, expect, it } from 'vitest';
import type { AssistantLeadState } from '../../../src-shared/assistant';
import { newAssistantLeadState } from '../../../src-shared/assistant';
import { FakeClock } from '../testing/fake-clock';
import { NudgePlan } from './nudge-plan';

const HOUR = 3_600_000;
const start = Date.parse('2026-06-02T15:00:00Z');
const on = (leadId: string, nudgeAt: number | null, mode: AssistantLeadState['mode'] = 'on') => ({
  ...newAssistantLeadState(leadId, 'lead', null, start),
  mode,
  nudgeAt,
});

function planWith(clock: FakeClock) {
  const fired: string[][] = [];
  const plan = new NudgePlan(clock, (leadIds) => {
    fired.push(leadIds);
    return Promise.resolve();
  });
  return { plan, fired };
}

describe('the nudge plan', () => {
  it('NP1: fires the earliest nudge of a lead it talks to, and follows every write', async () => {
    const clock = new FakeClock('2026-06-02T15:00:00Z');
    const { plan, fired } = planWith(clock);
    plan.load([
      { docId: 'assistant-lead-a', state: on('a', start + 5 * HOUR) },
      { docId: 'assistant-lead-b', state: on('b', start + 2 * HOUR, 'handed_off') },
    ]);
    expect(plan.next()).toBe(start + 5 * HOUR);
    plan.update('assistant-lead-c', on('c', start + 3 * HOUR));
    expect(plan.next()).toBe(start + 3 * HOUR);
    // Taken over: its nudge is gone.
    plan.update('assistant-lead-c', on('c', start + 3 * HOUR, 'paused'));
    expect(plan.next()).toBe(start + 5 * HOUR);
    plan.update('assistant-lead-a', null);
    expect(plan.next()).toBeNull();
    plan.update('assistant-lead-d', on('d', start + HOUR));
    await clock.advance(HOUR);
    expect(fired).toEqual([['d']]);
  });

  it('NP2: a write after start wins over the start-up read; a silent turn is retried an hour on', async () => {
    const clock = new FakeClock('2026-06-02T15:00:00Z');
    const { plan, fired } = planWith(clock);
    plan.update('assistant-lead-a', on('a', null, 'stopped'));
    plan.load([{ docId: 'assistant-lead-a', state: on('a', start + HOUR) }]);
    expect(plan.next()).toBeNull();
    plan.update('assistant-lead-b', on('b', start + HOUR));
    await clock.advance(HOUR);
    expect(fired).toEqual([['b']]);
    // The turn wrote nothing (it could not speak yet): asked again an hour later, not at once.
    expect(plan.next()).toBe(start + 2 * HOUR);
    await clock.advance(HOUR);
    expect(fired).toEqual([['b'], ['b']]);
    plan.stop();
    await clock.advance(5 * HOUR);
    expect(fired).toHaveLength(2);
  });
});
