// The assistant with the engine, the scoring job and the fake channels, driven by the clock:
// a new web lead on a sequence the assistant is on for, its first question, two answers that
// raise the score, and the hand-off (task due now, a notification, paused) when the lead asks
// to see a home; then quiet hours, STOP, a silence that stalls, take over and hand back.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EngineTestCore } from '../testing/engine-harness';
import { createEngineTestCore } from '../testing/engine-harness';
import type { ScoringJob } from '../scoring';
import { startScoring } from '../scoring';
import { installBuiltIns } from '../sequences/sequence-store';
import type { AssistantJob } from './job';
import { startAssistant } from './job';

let core: EngineTestCore;
let scoring: ScoringJob;
let assistant: AssistantJob;
const MINUTE = 60_000;

beforeEach(async () => {
  // Tuesday 10:00 in Austin.
  core = await createEngineTestCore({ start: '2026-06-02T15:00:00Z' });
  await installBuiltIns(core.ctx);
  await core.invoke('profile-set', {
    firstName: 'Jane',
    lastName: 'Doe',
    phone: '+15125550100',
    email: 'jane@example.com',
    brokerage: 'Lakeside Realty',
  });
  scoring = startScoring(core.ctx, { nightly: null });
  assistant = startAssistant(core.ctx);
  await core.invoke('assistant-settings-set', { patch: { hotScore: 95 } });
});
afterEach(async () => {
  assistant.stop();
  scoring.stop();
  await assistant.idle();
  await scoring.idle();
  await core.close();
});

async function settle(ms = MINUTE): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await assistant.idle();
    await scoring.idle();
    await core.runFor(ms / 3);
  }
  await assistant.idle();
  await scoring.idle();
}

async function newWebLead(): Promise<string> {
  const { lead } = await core.invoke('leads-create', {
    lead: {
      firstName: 'Sam',
      lastName: 'Lee',
      phone: '+15125550142',
      email: 'sam@example.com',
      source: 'website',
    },
  });
  await settle(3 * MINUTE);
  return lead.id;
}

const smsTo = (): string[] => core.channels.sms.sent.map((s) => s.body);
async function say(leadId: string, body: string): Promise<void> {
  await core.invoke('messages-record-inbound', { leadId, channel: 'sms', body, from: '+15125550142' });
  await settle();
}
const scoreOf = async (id: string): Promise<number> => (await core.invoke('scoring-explain', { id })).score;

describe('the assistant in a conversation', () => {
  it('AE1: qualifies a new web lead one question at a time and hands off when they ask to see a home', async () => {
    await core.invoke('assistant-sequence-set', { sequenceId: 'builtin-new-buyer', on: true });
    const id = await newWebLead();
    expect((await core.invoke('assistant-get', { leadId: id })).state?.mode).toBe('on');
    const welcome = smsTo().length;

    await say(id, "Hi, yes we're still looking to buy");
    expect(smsTo().slice(welcome)).toEqual([
      "Hi Sam, I'm Jane's assistant at Lakeside Realty. When are you hoping to move?",
    ]);
    const before = await scoreOf(id);

    await say(id, 'ASAP, our lease ends in July');
    await say(id, "We're pre-approved up to 550k");
    expect(smsTo().slice(welcome + 1)).toEqual([
      'What price range feels comfortable for you?',
      'Which neighborhoods or towns are you considering?',
    ]);
    const after = await scoreOf(id);
    expect(after).toBeGreaterThan(before);
    const insights = await core.invoke('lead-insights', { id });
    expect(insights.preApproval?.value).toBe('pre_approved');
    expect(insights.timeline?.value).toBe('now');
    const view = await core.invoke('assistant-get', { leadId: id });
    expect(view.state?.qualification).toMatchObject({
      intent: { value: 'buy' },
      timeline: { value: 'now', evidence: 'ASAP' },
      price: { value: 'up to $550,000', evidence: 'pre-approved up to 550k' },
      financing: { value: 'pre_approved' },
    });

    const handOffAt = core.clock.now();
    await say(id, 'Could we see the house on Maple Street this Saturday?');
    expect(smsTo().at(-1)).toBe("Thanks! I'll have Jane reach out to you directly very soon.");
    const handed = await core.invoke('assistant-get', { leadId: id });
    expect(handed.state).toMatchObject({ mode: 'handed_off', handOff: { kind: 'wants_showing' } });
    const tasks = await core.invoke('tasks-for-lead', { leadId: id });
    const task = tasks.find((t) => t.id === handed.state?.handOff?.taskId);
    expect(task?.title).toMatch(/^Assistant hand-off: Sam Lee — They want to see a home or meet/);
    expect(task?.dueAt).toBeGreaterThanOrEqual(handOffAt);
    expect(task?.dueAt).toBeLessThanOrEqual(handOffAt + MINUTE);
    expect(core.channels.notifier.sent.map((s) => s.body)).toEqual([handed.state?.handOff?.reason]);

    // Paused: their next message is the agent's to answer.
    const sent = smsTo().length;
    await say(id, 'Also what about the one on Oak?');
    expect(smsTo().length).toBe(sent);
    const timeline = await core.invoke('messages-for-lead', { leadId: id, limit: 100 });
    expect(timeline.filter((m) => m.channel === 'note').map((m) => m.body)).toContain(
      `Assistant handed off to you: ${handed.state?.handOff?.reason}`,
    );
  });

  it('AE2: waits for the morning when they write at night, and stops at STOP', async () => {
    const id = await newWebLead();
    await core.invoke('assistant-start', { leadId: id });
    await settle();
    const opener = core.channels.sms.sent.at(-1);
    expect(opener?.body).toBe(
      "Hi Sam, I'm Jane's assistant at Lakeside Realty. Are you looking to buy, sell, or both?",
    );
    // 23:30 in Austin.
    await core.runUntil(Date.parse('2026-06-03T04:30:00Z'));
    await say(id, 'Buying');
    const queued = (await core.invoke('messages-for-lead', { leadId: id, limit: 50 })).find(
      (m) => m.status === 'scheduled' && m.channel === 'sms',
    );
    expect(queued?.body).toBe('When are you hoping to move?');
    expect(queued?.sendAt).toBeGreaterThanOrEqual(Date.parse('2026-06-03T13:00:00Z'));
    await say(id, 'STOP');
    await settle(12 * 60 * MINUTE);
    expect(smsTo()).not.toContain('When are you hoping to move?');
    expect((await core.invoke('assistant-get', { leadId: id })).state?.mode).toBe('stopped');
  });

  it('AE3: asks again after a silence, hands off when it stalls; take over and hand back', async () => {
    const id = await newWebLead();
    await core.invoke('assistant-start', { leadId: id });
    await settle();
    await settle(25 * 60 * MINUTE);
    expect(smsTo().at(-1)).toBe('Just checking in: Are you looking to buy, sell, or both?');
    await settle(25 * 60 * MINUTE);
    const stalled = await core.invoke('assistant-get', { leadId: id });
    expect(stalled.state?.handOff?.kind).toBe('stalled');

    await core.invoke('assistant-hand-back', { leadId: id });
    await say(id, 'Selling, sorry for the delay');
    expect(smsTo().at(-1)).toBe('When are you hoping to move?');
    await core.invoke('assistant-take-over', { leadId: id });
    const count = smsTo().length;
    await say(id, 'In the spring');
    expect(smsTo().length).toBe(count);
    const paused = await core.invoke('assistant-get', { leadId: id });
    // Read even while paused, so nothing answered is asked again after hand-back.
    expect(paused.state?.mode).toBe('paused');
    expect(paused.state?.qualification.timeline).toMatchObject({ value: 'soon', evidence: 'In the spring' });
  });
  it('AE4: a lead whose score turns hot while it talks is handed to the agent', async () => {
    const id = await newWebLead();
    await core.invoke('assistant-start', { leadId: id });
    await settle();
    const start = await scoreOf(id);
    await core.invoke('assistant-settings-set', { patch: { hotScore: start + 1 } });
    await say(id, 'Buying, pre-approved, we need to move ASAP');
    expect(await scoreOf(id)).toBeGreaterThan(start);
    const view = await core.invoke('assistant-get', { leadId: id });
    expect(view.state).toMatchObject({ mode: 'handed_off', handOff: { kind: 'hot' } });
    expect(view.state?.handOff?.reason).toMatch(/^Their score (is|rose to) \d+ \(hot from \d+\)\.$/);
  });
  it('AE5: what it queued for the morning never goes once the agent takes over', async () => {
    const id = await newWebLead();
    // 23:30 in Austin: the opener waits for the morning.
    await core.runUntil(Date.parse('2026-06-03T04:30:00Z'));
    await core.invoke('assistant-start', { leadId: id });
    await settle();
    const queued = (await core.invoke('messages-for-lead', { leadId: id, limit: 50 })).find((m) =>
      m.body.startsWith("Hi Sam, I'm Jane's assistant"),
    );
    expect(queued?.status).toBe('scheduled');
    await core.invoke('assistant-take-over', { leadId: id });
    await settle(12 * 60 * MINUTE);
    const after = (await core.invoke('messages-for-lead', { leadId: id, limit: 50 })).find(
      (m) => m.id === queued?.id,
    );
    expect(after?.status).toBe('cancelled');
    expect(smsTo().some((body) => body.startsWith("Hi Sam, I'm Jane's assistant"))).toBe(false);
  });
});
