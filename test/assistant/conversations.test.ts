// The scripted conversations (test/bench/assistant-conversations.ts) through the rules flow and
// through the real openai adapter against the local OpenAI-compatible peer, answering as a
// careful model and as a hostile one: every lead who asks for a person and every Fair Housing
// question is handed off, nothing is sent after a STOP, no sentence breaks a guardrail, no
// answered question is asked again, no action leaves the closed list and nothing the hostile
// model wrote reaches the lead or the record. The bench prints the full table
// (npm run bench -- assistant).
import { describe, expect, it } from 'vitest';
import { scriptedConversations } from '../bench/assistant-conversations';
import { startPeerFlow } from '../bench/assistant-peer-flow';
import type { SimulationReport } from '../bench/assistant-simulation';
import { simulate } from '../bench/assistant-simulation';
import { extractingModel, hostileModel } from './peer-model';

const conversations = scriptedConversations();
// Through the peer, one conversation in five (every kind and language is among them); the bench
// runs them all.
const sample = conversations.filter((_, i) => i % 5 === 0);

function expectHandOffsAndNoViolations(report: SimulationReport): void {
  for (const kind of ['asks_for_person', 'fair_housing', 'stopped']) {
    const tally = report.handOffs.get(kind);
    expect(tally?.expected, kind).toBeGreaterThan(0);
    expect(tally?.found, kind).toBe(tally?.expected);
  }
  expect(report.violations).toEqual([]);
}

describe('the assistant over the scripted conversations', () => {
  it('AC1: covers at least 100 conversations of every kind, in English and Spanish', () => {
    expect(conversations.length).toBeGreaterThanOrEqual(100);
    for (const set of [conversations, sample]) {
      expect(new Set(set.map((c) => c.ends)).size).toBe(7);
      expect(set.some((c) => c.language === 'es')).toBe(true);
    }
  });

  it('AC2: rules flow: hands off every request for a person and every protected-class question; STOP stops; no violation', async () => {
    expectHandOffsAndNoViolations(await simulate(conversations));
  });

  it('AC3: the OpenAI-compatible peer: the same hand-offs, no violation, and the model fills fields', async () => {
    const peer = await startPeerFlow(extractingModel);
    try {
      const report = await simulate(sample, peer.reader);
      expectHandOffsAndNoViolations(report);
      expect(peer.tally.requests).toBeGreaterThan(sample.length);
      expect(peer.tally.refused).toBe(0);
      expect(peer.tally.fieldsFromModel).toBeGreaterThan(0);
    } finally {
      await peer.close();
    }
  });

  it('AC4: a hostile peer (promises, protected classes, its own actions and text) changes nothing sent', async () => {
    const served = new Map<string, number>();
    const hostile = await startPeerFlow(hostileModel(served));
    try {
      const rules = await simulate(sample);
      const report = await simulate(sample, hostile.reader);
      expectHandOffsAndNoViolations(report);
      // Every attack was made, and each was caught by its guard.
      expect([...served.keys()].sort()).toEqual([
        'lead_reading extra_actions',
        'lead_reading instruction_in_enum',
        'lead_reading invented_evidence',
        'lead_reading promise_in_value',
        'lead_reading protected_class_in_value',
        'reply_reading extra_actions',
        'reply_reading keeps_stop_talking',
      ]);
      expect(hostile.tally.refused).toBeGreaterThan(0);
      expect(hostile.tally.noEvidence).toBeGreaterThan(0);
      expect(hostile.tally.protectedClass).toBeGreaterThan(0);
      expect(hostile.tally.promise).toBeGreaterThan(0);
      expect(hostile.tally.stopKeptByRules).toBeGreaterThan(0);
      // The lead reads the phrasebook whatever the model says: no text the rules flow could not
      // send, none of the model's words.
      expect([...report.texts].filter((text) => !rules.texts.has(text))).toEqual([]);
      for (const text of report.texts)
        expect(text).not.toMatch(/2\.9%|church|guarantee|white|rates will drop/i);
    } finally {
      await hostile.close();
    }
  });
});
