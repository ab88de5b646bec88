import { afterEach, describe, expect, it } from 'vitest';
import { PorchlightError } from '../../../src-shared/ipc/errors';
import type { EngineTestCore } from '../testing/engine-harness';
import { createEngineTestCore } from '../testing/engine-harness';

let core: EngineTestCore | undefined;
afterEach(async () => {
  await core?.close();
  core = undefined;
});

async function chicagoLead(c: EngineTestCore): Promise<string> {
  const { lead } = await c.invoke('leads-create', {
    lead: { firstName: 'Maria', lastName: 'Lopez', phone: '(312) 555-0142', address: { zip: '60614' } },
  });
  return lead.id;
}

describe('the composer', () => {
  it('CM1: a text written at 9:00 in the lead’s zone goes out through the outbox, once', async () => {
    core = await createEngineTestCore({ start: '2026-02-10T15:00:00Z' });
    const leadId = await chicagoLead(core);
    const verdict = await core.invoke('compose-check', { leadId, channel: 'sms' });
    expect(verdict).toMatchObject({ zone: 'America/Chicago', localTime: '09:00', allowedNow: true });
    expect(verdict.to).toBe('+13125550142');

    const queued = await core.invoke('compose-send', {
      leadId,
      channel: 'sms',
      body: 'Hi Maria, Dana here.',
    });
    expect(queued.status).toBe('scheduled');
    await core.runFor(60_000);
    // (The new lead's own speed-to-lead sequence sends too; only the composed message counts.)
    const composed = core.channels.sms.sent.filter((s) => s.messageId === queued.id);
    expect(composed.map((s) => [s.to, s.body])).toEqual([['+13125550142', 'Hi Maria, Dana here.']]);
    const timeline = await core.invoke('messages-for-lead', { leadId });
    expect(timeline.find((m) => m.id === queued.id)?.status).toBe('sent');
  });

  it('CM2: inside quiet hours, send-now is refused with the lead’s time; scheduling waits for 8:00 their time', async () => {
    core = await createEngineTestCore({ start: '2026-02-11T04:14:00Z' });
    const leadId = await chicagoLead(core);
    const verdict = await core.invoke('compose-check', { leadId, channel: 'sms' });
    expect(verdict).toMatchObject({ localTime: '22:14', allowedNow: false, nextAllowedLocal: 'Wed 08:00' });

    const refused = await core
      .invoke('compose-send', { leadId, channel: 'sms', body: 'Late hello' })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(PorchlightError);
    expect((refused as PorchlightError).message).toContain('It is 22:14 for this lead');

    const queued = await core.invoke('compose-send', {
      leadId,
      channel: 'sms',
      body: 'Morning hello',
      when: 'next_allowed',
    });
    expect(queued.sendAt).toBe(Date.parse('2026-02-11T14:00:00Z'));
    const composed = () =>
      core?.channels.sms.sent.filter((s) => s.messageId === queued.id).map((s) => s.body);
    await core.runUntil(Date.parse('2026-02-11T13:59:00Z'));
    expect(composed()).toEqual([]);
    await core.runUntil(Date.parse('2026-02-11T14:01:00Z'));
    expect(composed()).toEqual(['Morning hello']);
  });

  it('CM3: says why a lead cannot be reached on a channel instead of queueing a message that cannot go', async () => {
    core = await createEngineTestCore({ start: '2026-02-10T15:00:00Z' });
    const leadId = await chicagoLead(core);
    const verdict = await core.invoke('compose-check', { leadId, channel: 'email' });
    expect(verdict.unreachable).toBe('This lead has no email address.');
    await expect(core.invoke('compose-send', { leadId, channel: 'email', body: 'Hello' })).rejects.toThrow(
      'This lead has no email address.',
    );
  });
});
