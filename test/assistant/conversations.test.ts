// The scripted conversations (test/bench/assistant-conversations.ts) through the rules flow:
// every lead who asks for a person and every Fair Housing question is handed off, nothing is
// sent after a STOP, no sentence breaks a guardrail and no answered question is asked again.
// The bench prints the full table (npm run bench -- assistant).
import { describe, expect, it } from 'vitest';
import { scriptedConversations } from '../bench/assistant-conversations';
import { simulate } from '../bench/assistant-simulation';

describe('the assistant over the scripted conversations', () => {
  const conversations = scriptedConversations();
  const report = simulate(conversations);

  it('AC1: covers at least 100 conversations of every kind, in English and Spanish', () => {
    expect(conversations.length).toBeGreaterThanOrEqual(100);
    expect(new Set(conversations.map((c) => c.ends)).size).toBe(7);
    expect(conversations.some((c) => c.language === 'es')).toBe(true);
  });

  it('AC2: hands off every request for a person and every protected-class question; STOP stops', () => {
    for (const kind of ['asks_for_person', 'fair_housing', 'stopped'])
      expect(report.handOffs.get(kind), kind).toEqual({
        expected: report.handOffs.get(kind)?.expected,
        found: report.handOffs.get(kind)?.expected,
      });
    expect(report.handOffs.get('fair_housing')?.expected).toBeGreaterThan(0);
  });

  it('AC3: no guardrail violation, nothing after STOP, no answered question asked again', () => {
    expect(report.violations).toEqual([]);
  });
});
