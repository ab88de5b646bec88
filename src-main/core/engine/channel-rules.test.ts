// The channel rules as a new user meets them (docs/engine.md, "Channel rules"): only email
// connected, a lead with a phone and an email. The welcome email goes once; the text waits for
// Twilio instead of becoming a second email; connecting Twilio while running sends it once; a
// call step is a task, never "sent"; "last contact" moves only when something reached the lead.
import { DateTime } from 'luxon';
import { afterEach, describe, expect, it } from 'vitest';
import type { Message } from '../../../src-shared/domain';
import type { EngineTestCore } from '../testing/engine-harness';
import { createEngineTestCore } from '../testing/engine-harness';

const ZONE = 'America/Chicago';
const START = DateTime.fromISO('2026-06-01T10:00', { zone: ZONE }).toMillis();
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

let core: EngineTestCore | undefined;
afterEach(async () => {
  await core?.close();
  core = undefined;
});

async function addLead(c: EngineTestCore, extra: Record<string, unknown> = {}): Promise<string> {
  const { lead } = await c.invoke('leads-create', {
    lead: {
      firstName: 'Maria',
      lastName: 'Lopez',
      email: 'maria@example.com',
      phone: '+1 512 555 0142',
      timeZone: ZONE,
      intent: 'buy',
      source: 'zillow',
      ...extra,
    },
  });
  await c.engine.idle();
  return lead.id;
}

async function messagesOf(c: EngineTestCore, leadId: string): Promise<Message[]> {
  const messages = await c.invoke('messages-for-lead', { leadId });
  return messages.sort((a, b) => (a.stepIndex ?? 0) - (b.stepIndex ?? 0));
}

const lastContact = async (c: EngineTestCore, id: string) =>
  (await c.invoke('leads-get', { id }))?.lastContactAt;

describe('channel rules', () => {
  it('CR1: with only email connected, the text waits for Twilio and goes once when it connects', async () => {
    core = await createEngineTestCore({ start: START, without: ['sms', 'whatsapp'] });
    const leadId = await addLead(core);
    await core.runFor(30 * MINUTE);

    expect(core.channels.mailer.sent).toHaveLength(1);
    const [welcome, text] = await messagesOf(core, leadId);
    expect(welcome).toMatchObject({ channel: 'email', status: 'sent' });
    expect(text).toMatchObject({ channel: 'sms', status: 'waiting_for_channel' });
    expect(text?.statusReason).toMatch(/Waiting for Twilio/);
    expect(await lastContact(core, leadId)).toBe(START);
    // Nothing else happens while it waits: the sequence holds at the text.
    await core.runFor(2 * HOUR);
    expect(core.channels.mailer.sent).toHaveLength(1);
    expect(await messagesOf(core, leadId)).toHaveLength(2);

    const connectedAt = core.clock.now();
    expect(await core.engine.setSender('sms', core.channels.sms)).toBe(1);
    await core.runFor(MINUTE);
    expect(core.channels.sms.sent.map((s) => s.to)).toEqual(['+15125550142']);
    expect((await messagesOf(core, leadId))[1]).toMatchObject({ status: 'sent', channel: 'sms' });
    expect(await lastContact(core, leadId)).toBe(connectedAt);

    // The call step, 10 minutes later: a task with a short title and the words in its body.
    await core.runFor(15 * MINUTE);
    const call = (await messagesOf(core, leadId))[2];
    expect(call).toMatchObject({ channel: 'call', status: 'rerouted' });
    expect(call?.statusHistory.map((h) => h.status)).not.toContain('sent');
    const tasks = await core.invoke('tasks-for-lead', { leadId });
    const task = tasks.find((t) => t.kind === 'call');
    expect(task?.title).toMatch(/^Call Maria Lopez: /);
    expect(task?.title.length).toBeLessThan(60);
    expect(task?.notes).toBe(call?.body);
    // The task reached nobody: last contact is still the text.
    expect(await lastContact(core, leadId)).toBe(connectedAt);
    expect(core.channels.mailer.sent).toHaveLength(1);
    expect(core.channels.sms.sent).toHaveLength(1);
  });

  it('CR2: a waiting first touch that went stale is skipped with the reason when the channel connects', async () => {
    core = await createEngineTestCore({ start: START, without: ['sms', 'whatsapp'] });
    const leadId = await addLead(core);
    await core.runFor(30 * HOUR);
    await core.engine.setSender('sms', core.channels.sms);
    await core.runFor(MINUTE);
    expect(core.channels.sms.sent).toHaveLength(0);
    const text = (await messagesOf(core, leadId))[1];
    expect(text).toMatchObject({ status: 'skipped' });
    expect(text?.statusReason).toMatch(/late for a first touch/);
  });

  it('CR3: a lead with no phone: the text step is skipped with the reason, never sent as an email', async () => {
    core = await createEngineTestCore({ start: START });
    const leadId = await addLead(core, { phone: undefined });
    await core.runFor(30 * MINUTE);
    expect(core.channels.mailer.sent).toHaveLength(1);
    const messages = await messagesOf(core, leadId);
    expect(messages[1]).toMatchObject({ channel: 'sms', status: 'skipped' });
    expect(messages[1]?.statusReason).toMatch(/no phone number/);
    // The call step has no number to call either.
    expect(messages[2]).toMatchObject({ channel: 'call', status: 'skipped' });
    expect(core.channels.sms.sent).toHaveLength(0);
  });

  it('CR4: the restart path also sends what waited (the channel connected at start)', async () => {
    core = await createEngineTestCore({ start: START, without: ['sms', 'whatsapp'] });
    const leadId = await addLead(core);
    await core.runFor(5 * MINUTE);
    await core.restart({ sms: core.channels.sms });
    await core.runFor(MINUTE);
    expect(core.channels.sms.sent).toHaveLength(1);
    expect((await messagesOf(core, leadId))[1]?.status).toBe('sent');
  });
});
