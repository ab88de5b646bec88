// The model's part in the assistant: it may fill what the rules missed, only on a phrase the
// lead really wrote, and each reading counts against the day's AI spend; the same fake as the
// OpenAI adapter's contract suite answers, never the network.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spendToday } from '../ai/ledger';
import { aiSettingsSource } from '../ai/settings';
import { FakeAi } from '../testing/fake-ai';
import { MemorySecretStore } from '../testing/memory-secret-store';
import type { TestCore } from '../testing/test-core';
import { createTestCore } from '../testing/test-core';
import { aiFieldsOf } from './ai-reading';

let core: TestCore;
let fake: FakeAi;
beforeEach(async () => {
  const secrets = new MemorySecretStore({ 'ai.apiKey': 'sk-test-assistant' });
  core = await createTestCore({
    start: '2026-06-02T15:00:00Z',
    ai: (db) => (fake = new FakeAi(aiSettingsSource(db), secrets)),
  });
});
afterEach(() => core.close());

const answer = (evidence: string[]) =>
  JSON.stringify({
    seriousness: 0.8,
    intent: 'buy',
    budget: { min: null, max: 500_000 },
    timeline: 'soon',
    propertyType: 'condo',
    summary: null,
    evidence,
  });

describe("the model's reading for the assistant", () => {
  it('AR1: fills fields from a phrase that is in the reply, and the call is counted', async () => {
    fake.script({ kind: 'answer', content: answer(['half a million']) });
    const fields = await aiFieldsOf(
      core.ctx,
      'lead-1',
      'We could stretch to half a million for the right condo',
    );
    expect(fields).toMatchObject({
      intent: { value: 'buy', evidence: 'half a million', source: 'ai' },
      price: { value: 'up to $500,000' },
      timeline: { value: 'soon' },
      propertyType: { value: 'condo' },
    });
    expect((await spendToday(core.ctx)).calls).toBe(1);
  });

  it('AR2: a reading whose evidence the lead never wrote is dropped; no AI, nothing', async () => {
    fake.script({ kind: 'answer', content: answer(['pre-approved for 500k']) });
    expect(await aiFieldsOf(core.ctx, 'lead-1', 'Hmm, maybe')).toEqual({});
    fake.script(
      { kind: 'status', status: 500 },
      { kind: 'status', status: 500 },
      { kind: 'status', status: 500 },
    );
    expect(await aiFieldsOf(core.ctx, 'lead-1', 'Half a million')).toEqual({});
    // A core without an AI (one core at a time: RxDB's open edition caps the collections).
    await core.close();
    core = await createTestCore({ start: '2026-06-02T15:00:00Z' });
    expect(await aiFieldsOf(core.ctx, 'lead-1', 'Half a million')).toEqual({});
  });
});
