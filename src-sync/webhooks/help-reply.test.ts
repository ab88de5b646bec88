// HELP on the server's Twilio webhook: answered at once in the TwiML with the brokerage's
// name, the lead's agent and how to stop, kept on the lead's timeline; a HELP from a number
// that is no lead's still gets the brokerage and STOP, and nothing is recorded for it.
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Message } from '../../src-shared/domain';
import type { PullResponse } from '../../src-shared/sync';
import { serverBackends, stopSharedPostgres } from '../../test/sync/backends';
import { bearer } from '../../test/sync/harness';
import {
  LEAD_PHONE,
  PUBLIC_URL,
  TWILIO_TOKEN,
  teamEngineFixture,
  twilioPost,
  type TeamEngineFixture,
} from '../../test/sync/team-engine-harness';
import { helpText, twimlReply } from './help-reply';

afterAll(stopSharedPostgres);

describe('the HELP answer', () => {
  it('names the brokerage, the agent and STOP, and escapes itself for TwiML', () => {
    const text = helpText('Lakeside & Co', { name: 'Ann Agent', email: 'ann@example.com' });
    expect(text).toBe(
      'Lakeside & Co: real estate follow-ups. Your agent: Ann Agent, ann@example.com. Reply STOP to stop all texts. Msg & data rates may apply.',
    );
    expect(twimlReply(text)).toContain('<Message>Lakeside &amp; Co: real estate');
    expect(helpText('Lakeside Realty', null)).toBe(
      'Lakeside Realty: real estate follow-ups. Reply STOP to stop all texts. Msg & data rates may apply.',
    );
  });
});

describe.each(serverBackends())('HELP on the Twilio webhook on $name', (backend) => {
  let f: TeamEngineFixture;
  beforeEach(async () => {
    if (!backend.available) return;
    f = await teamEngineFixture(backend);
    await f.setSecret('twilio-auth-token', TWILIO_TOKEN);
  });
  afterEach(async () => {
    if (backend.available) await f.dispose();
  });

  const help = (body: string, from: string, sid: string) => {
    const path = `/webhooks/twilio/inbound?team=${f.team.teamId}`;
    return f.test.app.request(
      path,
      twilioPost(`${PUBLIC_URL}${path}`, { MessageSid: sid, From: from, Body: body }),
    );
  };
  const messages = async (): Promise<Message[]> => {
    const response = await f.test.app.request('/sync/messages/pull?seq=0', { headers: bearer(f.ann) });
    return ((await response.json()) as PullResponse).documents as unknown as Message[];
  };

  it.skipIf(!backend.available)(
    'a lead’s HELP is answered with the brokerage and its agent, and kept',
    async () => {
      const response = await help('help', LEAD_PHONE, 'SMhelp1');
      expect(response.status).toBe(200);
      const twiml = await response.text();
      expect(twiml).toMatch(/^<\?xml[^>]+\?><Response><Message>Lakeside Realty: real estate follow-ups\./);
      expect(twiml).toContain(`Your agent: ${f.ann.agent.name}, ${f.ann.agent.email}.`);
      expect(twiml).toContain('Reply STOP to stop all texts.');
      const kept = await messages();
      expect(kept.map((m) => [m.id, m.direction, m.status]).sort()).toEqual([
        ['help-SMhelp1', 'outbound', 'sent'],
        ['in-SMhelp1', 'inbound', 'received'],
      ]);
      expect(kept.find((m) => m.id === 'help-SMhelp1')).toMatchObject({ to: LEAD_PHONE, leadId: f.leadId });
      // Twilio's retry of the same HELP records nothing new.
      await help('help', LEAD_PHONE, 'SMhelp1');
      expect(await messages()).toHaveLength(2);
    },
  );

  it.skipIf(!backend.available)(
    'INFO from a stranger gets the brokerage and STOP; nothing is kept',
    async () => {
      const twiml = await (await help('Info.', '+13125550177', 'SMhelp2')).text();
      expect(twiml).toContain('<Message>Lakeside Realty: real estate follow-ups. Reply STOP');
      expect(await messages()).toEqual([]);
    },
  );

  it.skipIf(!backend.available)('any other reply gets empty TwiML', async () => {
    const twiml = await (await help('Can I see it Sunday?', LEAD_PHONE, 'SMhelp3')).text();
    expect(twiml).toBe('<?xml version="1.0" encoding="UTF-8"?><Response></Response>');
  });
});
