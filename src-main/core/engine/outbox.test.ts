// The outbox's promises: exactly once (uncertain is never silently re-sent), retries with
// backoff for transient failures, permanent failures never retried, demo leads never on a real
// provider, catch-up without bursts, recovery after a crash.
import { DateTime } from 'luxon';
import { afterEach, describe, expect, it } from 'vitest';
import type { Message } from '../../../src-shared/domain';
import { ChannelError } from '../ports/channels';
import type { EngineTestCore } from '../testing/engine-harness';
import { createEngineTestCore } from '../testing/engine-harness';

const ZONE = 'America/Chicago';
const START = DateTime.fromISO('2026-06-01T10:00', { zone: ZONE }).toMillis();
const MINUTE = 60_000;

let core: EngineTestCore | undefined;
afterEach(async () => {
  await core?.close();
  core = undefined;
});

async function lead(c: EngineTestCore, n: number, extra: Record<string, unknown> = {}): Promise<string> {
  const { lead } = await c.invoke('leads-create', {
    lead: {
      firstName: `Lee${n}`,
      lastName: 'Park',
      email: `lee${n}@example.com`,
      phone: `+1 512 555 01${String(n).padStart(2, '0')}`,
      timeZone: ZONE,
      intent: 'sell',
      source: 'zillow',
      ...extra,
    },
  });
  await c.engine.idle();
  return lead.id;
}

async function messagesOf(c: EngineTestCore, leadId: string): Promise<Message[]> {
  return (await c.invoke('messages-for-lead', { leadId })).reverse();
}

describe('outbox', () => {
  it('OB1: a send that may have left becomes uncertain, is never re-sent, and waits for the agent', async () => {
    core = await createEngineTestCore({ start: START });
    core.channels.mailer.canLookup = false;
    core.channels.mailer.willDo(
      new ChannelError('timeout', 'connection reset after the request was written', true, true),
    );
    const leadId = await lead(core, 1);
    await core.runFor(2 * 86_400_000);
    const email = (await messagesOf(core, leadId)).find((m) => m.channel === 'email');
    expect(email?.status).toBe('uncertain');
    expect(core.channels.mailer.sent).toHaveLength(1);
    const attention = await core.invoke('messages-attention', {});
    expect(attention.uncertain.map((m) => m.id)).toEqual([email?.id]);
    // The sequence holds at that step until the agent decides.
    expect(core.channels.sms.sent).toHaveLength(0);
    await core.invoke('messages-resolve-uncertain', { id: email?.id ?? '', decision: 'was_sent' });
    await core.runFor(10 * MINUTE);
    expect(core.channels.mailer.sent).toHaveLength(1);
    expect(core.channels.sms.sent).toHaveLength(1);
  });

  it('OB2: a provider that hangs past the timeout makes the message uncertain', async () => {
    core = await createEngineTestCore({ start: START });
    core.channels.mailer.willDo('hang');
    const leadId = await lead(core, 2);
    await core.runFor(5 * MINUTE);
    const email = (await messagesOf(core, leadId)).find((m) => m.channel === 'email');
    expect(email?.status).toBe('uncertain');
    expect(email?.statusHistory.at(-1)?.detail).toMatch(/within 30 s/);
  });

  it('OB3: transient failures retry with backoff, then send once', async () => {
    core = await createEngineTestCore({ start: START });
    const busy = () => new ChannelError('provider_unavailable', 'HTTP 503', true, false);
    core.channels.mailer.willDo(busy(), busy());
    const leadId = await lead(core, 3);
    await core.runFor(10 * MINUTE);
    const email = (await messagesOf(core, leadId)).find((m) => m.channel === 'email');
    expect(email).toMatchObject({ status: 'sent', retries: 2 });
    expect(core.channels.mailer.sent).toHaveLength(1);
    expect(email?.statusHistory.map((s) => s.status)).toEqual([
      'scheduled',
      'claimed',
      'sending',
      'scheduled',
      'claimed',
      'sending',
      'scheduled',
      'claimed',
      'sending',
      'sent',
    ]);
  });

  it('OB4: retries stop at the limit: failed with the reason and a task', async () => {
    core = await createEngineTestCore({
      start: START,
      settings: { retry: { maxRetries: 2, baseDelaySeconds: 10, maxDelaySeconds: 60 } },
    });
    const busy = () => new ChannelError('rate_limited', 'HTTP 429', true, false);
    core.channels.mailer.willDo(busy(), busy(), busy(), busy());
    const leadId = await lead(core, 4);
    await core.runFor(30 * MINUTE);
    const email = (await messagesOf(core, leadId)).find((m) => m.channel === 'email');
    expect(email?.status).toBe('failed');
    expect(email?.error?.message).toMatch(/HTTP 429 \(gave up after 2 retries\)/);
    const tasks = await core.invoke('tasks-for-lead', { leadId });
    expect(tasks.some((t) => t.kind === 'review' && t.messageId === email?.id)).toBe(true);
  });

  it('OB5: permanent failures never retry; an invalid number is remembered and texts fall back to email', async () => {
    core = await createEngineTestCore({ start: START });
    core.channels.sms.willDo(
      new ChannelError('invalid_address', 'Twilio 21211: invalid To number', false, false),
    );
    const leadId = await lead(core, 5);
    await core.runFor(4 * 86_400_000);
    const texts = (await messagesOf(core, leadId)).filter((m) => m.stepIndex === 1);
    expect(texts.map((m) => m.status)).toEqual(['failed']);
    expect((await core.invoke('leads-get', { id: leadId }))?.phoneProblem).toMatch(/21211/);
    // The day-2 check-in text says `fallback: ['email']`: the number cannot take texts, so email.
    const later = (await messagesOf(core, leadId)).find((m) => m.stepIndex === 4);
    expect(later).toMatchObject({ channel: 'email', plannedChannel: 'sms', status: 'sent' });
  });

  it('OB6: a demo lead is refused on a real provider and shown why', async () => {
    core = await createEngineTestCore({ start: START });
    core.channels.mailer.reachesLeads = true;
    core.channels.sms.reachesLeads = true;
    const real = await lead(core, 30);
    const doc = (await core.invoke('leads-get', { id: real }))!; // created just above
    await core.ctx.db.leads.insert({
      ...doc,
      id: 'demo-lead-1',
      email: 'demo1@example.com',
      phone: '+15125550199',
      demo: true,
    });
    await core.engine.idle();
    await core.runFor(5 * MINUTE);
    expect(core.channels.all().map((s) => s.leadId)).toEqual([real, real]);
    const failed = (await core.invoke('messages-attention', {})).failed;
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.every((m) => m.demo && m.error?.code === 'demo_lead')).toBe(true);
  });

  it('OB7: after the app was closed, catch-up respects quiet hours and the rate limit (no burst)', async () => {
    core = await createEngineTestCore({
      start: START,
      settings: { rateLimits: { sms: 6, whatsapp: 60, email: 600, call: 600, notification: 60 } },
    });
    for (let n = 10; n < 16; n++) await lead(core, n);
    await core.engine.stop();
    // Closed for 11 hours: reopened at 21:00 local, inside quiet hours.
    await core.clock.advance(11 * 3_600_000);
    await core.restart();
    expect(core.channels.sms.sent).toHaveLength(0);
    await core.runFor(12 * 3_600_000);
    const texts = core.channels.sms.sent.filter((s) => s.body.includes('selling'));
    expect(texts).toHaveLength(6);
    const times = texts.map((s) => s.at).sort((a, b) => a - b);
    expect(DateTime.fromMillis(times[0] ?? 0, { zone: ZONE }).toFormat('HH:mm')).toBe('08:00');
    // 6 a minute: one every 10 s, never two in the same 10 s.
    for (let i = 1; i < times.length; i++)
      expect((times[i] ?? 0) - (times[i - 1] ?? 0)).toBeGreaterThanOrEqual(10_000);
  });

  // The recording fake answers lookups, so this exercises reconciliation; SMTP has none (0332).
  it('OB8: a crash mid-send is recovered: claimed released, sending reconciled with the provider', async () => {
    core = await createEngineTestCore({ start: START });
    const leadId = await lead(core, 20);
    const email = (await messagesOf(core, leadId)).find((m) => m.stepIndex === 0);
    expect(email?.status).toBe('sent');
    // The process dies; the store holds messages at both crash points.
    await core.engine.stop();
    const base = { ...(email as Message), statusHistory: [] };
    await core.ctx.db.messages.bulkInsert(
      [
        { ...base, id: 'msg-crash-claimed', status: 'claimed', sendAt: core.clock.now() },
        {
          ...base,
          id: 'msg-crash-sending-left',
          status: 'sending',
          enrollmentId: undefined,
          stepIndex: undefined,
        },
        {
          ...base,
          id: 'msg-crash-sending-unknown',
          status: 'sending',
          channel: 'sms',
          enrollmentId: undefined,
          stepIndex: undefined,
        },
      ].map(
        (m) => Object.fromEntries(Object.entries(m).filter(([, v]) => v !== undefined)) as unknown as Message,
      ),
    );
    core.channels.mailer.sent.push({
      ...core.channels.mailer.sent[0]!,
      messageId: 'msg-crash-sending-left',
      providerId: 'email-99',
    }); // the provider did get it
    core.channels.sms.canLookup = false;
    await core.restart();
    expect(core.engine.recovery).toEqual({ released: 1, uncertain: 1, reconciled: 1 });
    const get = async (id: string) => (await core?.ctx.db.messages.findOne(id).exec())?.status;
    expect(await get('msg-crash-sending-left')).toBe('sent');
    expect(await get('msg-crash-sending-unknown')).toBe('uncertain');
  });
});
