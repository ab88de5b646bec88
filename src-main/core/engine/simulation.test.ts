// Proof: a simulated month for a new buyer lead sends exactly the expected messages at the
// expected local times (quiet hours, the DST change of 2026-03-08); a reply on day 3 stops it;
// a STOP stops every channel.
import { DateTime } from 'luxon';
import { afterEach, describe, expect, it } from 'vitest';
import type { EngineTestCore } from '../testing/engine-harness';
import { createEngineTestCore } from '../testing/engine-harness';

const ZONE = 'America/New_York';
const DAY = 86_400_000;
/** Monday 2026-03-02 20:55 in New York (EST), a week before the spring change. */
const ARRIVAL = DateTime.fromISO('2026-03-02T20:55', { zone: ZONE }).toMillis();

let core: EngineTestCore | undefined;
afterEach(async () => {
  await core?.close();
  core = undefined;
});

const local = (at: number) => DateTime.fromMillis(at, { zone: ZONE }).toFormat('MM-dd HH:mm');

async function newBuyer(c: EngineTestCore): Promise<string> {
  const { lead } = await c.invoke('leads-create', {
    lead: {
      firstName: 'Jamie',
      lastName: 'Cole',
      email: 'jamie.cole@example.com',
      phone: '+1 212 555 0142',
      timeZone: ZONE,
      intent: 'buy',
      source: 'website',
    },
  });
  await c.engine.idle();
  return lead.id;
}

describe('a month of follow-up for a new buyer lead', () => {
  it('SIM1: sends exactly the expected messages at the expected local times', async () => {
    core = await createEngineTestCore({ start: ARRIVAL });
    const leadId = await newBuyer(core);
    await core.runUntil(ARRIVAL + 32 * DAY);

    const sends = core.channels.all().map((s) => `${s.channel} ${local(s.at)}`);
    expect(sends).toEqual([
      'email 03-02 20:55',
      'sms 03-02 20:57',
      // The call task (21:07) fell in quiet hours: 08:00 next day; later delays count from there.
      'sms 03-04 08:00',
      // The day-3 "few homes for you" email (03-06) has no home to carry: this workspace has no
      // listings and Jamie said neither where nor how much, so it is skipped with that reason.
      // 03-08 is the spring DST change: the call task is still at 08:00 local.
      'sms 03-10 08:00',
      'email 03-17 08:00',
      'sms 03-24 08:00',
      'email 04-02 08:00',
    ]);
    const tasks = await core.invoke('tasks-for-lead', { leadId });
    expect(tasks.filter((t) => t.kind === 'call').map((t) => local(t.dueAt))).toEqual([
      '03-03 08:00',
      '03-08 08:00',
    ]);
    const first = core.channels.mailer.sent[0];
    expect(first?.body).toMatch(/^Hi Jamie,/);
    expect(first?.body).toMatch(/100 Congress Ave[\s\S]*Unsubscribe: https:\/\/sync\.example\.com\/u\/msg-/);
    expect(core.channels.sms.sent[0]?.to).toBe('+12125550142');
    const [enrollment] = await core.invoke('enrollments-for-lead', { leadId });
    expect(enrollment?.status).toBe('completed');
    const timeline = await core.invoke('messages-for-lead', { leadId });
    expect(
      timeline.find(
        (m) => m.subject === 'A few homes for you' || m.templateId === 'tpl-buyer-listings-email',
      ),
    ).toMatchObject({
      status: 'skipped',
      statusReason: expect.stringMatching(
        /\{\{property_matches\}\} found no home for Jamie: No homes for sale yet/,
      ) as unknown,
    });
  });

  it('SIM2: a reply on day 3 stops the sequence', async () => {
    core = await createEngineTestCore({ start: ARRIVAL });
    const leadId = await newBuyer(core);
    await core.runUntil(ARRIVAL + 3 * DAY);
    const before = core.channels.all().length;
    await core.invoke('messages-record-inbound', {
      from: '+12125550142',
      channel: 'sms',
      body: 'Yes, Saturday works',
    });
    await core.engine.idle();
    await core.runUntil(ARRIVAL + 32 * DAY);
    expect(core.channels.all()).toHaveLength(before);
    expect(before).toBe(3);
    const [enrollment] = await core.invoke('enrollments-for-lead', { leadId });
    expect(enrollment).toMatchObject({ status: 'stopped', stopReason: 'the lead replied' });
    const upcoming = await core.invoke('messages-upcoming', {});
    expect(upcoming).toHaveLength(0);
  });

  it('SIM3: a STOP stops every channel at once', async () => {
    core = await createEngineTestCore({ start: ARRIVAL });
    const leadId = await newBuyer(core);
    // A second sequence on another channel runs alongside (tag "met": email after 4 days).
    await core.invoke('leads-update', { id: leadId, patch: { tags: ['met'] } });
    await core.runUntil(ARRIVAL + 1 * DAY);
    expect(
      (await core.invoke('enrollments-for-lead', { leadId })).filter((e) => e.status === 'active'),
    ).toHaveLength(2);
    const before = core.channels.all().length;
    await core.invoke('messages-record-inbound', { leadId, channel: 'sms', body: ' stop ' });
    await core.engine.idle();
    await core.runUntil(ARRIVAL + 40 * DAY);
    expect(core.channels.all()).toHaveLength(before);
    const enrollments = await core.invoke('enrollments-for-lead', { leadId });
    expect(enrollments.every((e) => e.status === 'stopped')).toBe(true);
    const lead = await core.invoke('leads-get', { id: leadId });
    expect(lead?.consent).toEqual({ sms: 'revoked', whatsapp: 'revoked', email: 'revoked' });
    const again = await core.invoke('enrollments-enroll', {
      sequenceId: 'builtin-long-term-nurture',
      leadIds: [leadId],
    });
    expect(again.skipped[0]?.reason).toMatch(/opted out/);
  });
});
