// Twilio's webhooks on the server, in-process (app.request), on SQLite and PostgreSQL: replies
// and statuses become replicated documents; STOP and 21610 suppress at once; anything not
// signed by the team's token over the configured public URL is 403 with nothing stored.
import fc from 'fast-check';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Lead, Message, Suppression } from '../../src-shared/domain';
import type { PullResponse } from '../../src-shared/sync';
import { serverBackends, stopSharedPostgres } from '../../test/sync/backends';
import { messageDoc } from '../../test/sync/documents';
import { bearer, jsonInit } from '../../test/sync/harness';
import {
  LEAD_EMAIL,
  LEAD_PHONE,
  PUBLIC_URL,
  TWILIO_TOKEN,
  teamEngineFixture,
  twilioPost,
  type TeamEngineFixture,
} from '../../test/sync/team-engine-harness';

afterAll(stopSharedPostgres);

describe.each(serverBackends())('Twilio webhooks on $name', (backend) => {
  let f: TeamEngineFixture;
  beforeEach(async () => {
    if (!backend.available) return;
    f = await teamEngineFixture(backend);
    await f.setSecret('twilio-auth-token', TWILIO_TOKEN);
  });
  afterEach(async () => {
    if (backend.available) await f.dispose();
  });

  const inboundPath = (): string => `/webhooks/twilio/inbound?team=${f.team.teamId}`;
  const statusPath = (m: string): string => `/webhooks/twilio/status?team=${f.team.teamId}&m=${m}`;
  const inbound = (body: string, from = LEAD_PHONE, sid = `SM${Math.random().toString(16).slice(2, 10)}`) =>
    f.test.app.request(
      inboundPath(),
      twilioPost(`${PUBLIC_URL}${inboundPath()}`, {
        MessageSid: sid,
        From: from,
        To: '+13125550100',
        Body: body,
      }),
    );
  async function pull<T>(collection: string, session = f.ann): Promise<T[]> {
    const response = await f.test.app.request(`/sync/${collection}/pull?seq=0`, { headers: bearer(session) });
    return ((await response.json()) as PullResponse).documents as unknown as T[];
  }

  it.skipIf(!backend.available)('a reply lands on the lead’s timeline, replicated to its agent', async () => {
    const response = await inbound('Is it still for sale?', LEAD_PHONE, 'SM0001');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/xml');
    const [message] = await pull<Message>('messages');
    expect(message).toMatchObject({
      id: 'in-SM0001',
      leadId: f.leadId,
      ownerId: f.ann.agent.id,
      direction: 'inbound',
      status: 'received',
      body: 'Is it still for sale?',
    });
    const [lead] = await pull<Lead>('leads');
    expect(lead?.lastInboundAt).toBe(f.clock.now());
    // Twilio retries: the same sid again is no second timeline entry.
    expect((await inbound('Is it still for sale?', LEAD_PHONE, 'SM0001')).status).toBe(200);
    expect(await pull<Message>('messages')).toHaveLength(1);
  });

  it.skipIf(!backend.available)(
    'STOP suppresses every address of the lead at once and revokes consent',
    async () => {
      expect((await inbound('stop', LEAD_PHONE)).status).toBe(200);
      const suppressions = await pull<Suppression>('suppressions');
      expect(suppressions.map((s) => [s.id, s.channel, s.reason, s.leadId]).sort()).toEqual([
        [`sup-all-${LEAD_PHONE}`, 'all', 'stop', f.leadId],
        [`sup-all-${LEAD_EMAIL}`, 'all', 'stop', f.leadId],
      ]);
      const [lead] = await pull<Lead>('leads');
      expect(lead?.consent).toEqual({ sms: 'revoked', whatsapp: 'revoked', email: 'revoked' });
    },
  );

  it.skipIf(!backend.available)(
    'every opt-out keyword of Twilio’s list suppresses; START lifts it',
    async () => {
      const words = ['STOPALL', 'unsubscribe', 'Cancel', 'END', 'quit', 'REVOKE', 'OPTOUT.'];
      for (const [index, word] of words.entries()) await inbound(word, `+1312555016${index}`);
      const numbers = (await pull<Suppression>('suppressions')).map((s) => s.address).sort();
      expect(numbers).toEqual(words.map((_, index) => `+1312555016${index}`));
      await inbound('STOP', LEAD_PHONE);
      await inbound('START', LEAD_PHONE);
      const live = (await pull<Suppression & { _deleted: boolean }>('suppressions')).filter(
        (s) => !s._deleted && (s.address === LEAD_PHONE || s.address === LEAD_EMAIL),
      );
      expect(live).toEqual([]);
    },
  );

  it.skipIf(!backend.available)('a STOP from a number that is no lead’s suppresses the number', async () => {
    await inbound('STOP', '+13125550199');
    expect((await pull<Suppression>('suppressions')).map((s) => s.id)).toEqual(['sup-all-+13125550199']);
    expect(await pull<Message>('messages')).toEqual([]);
  });

  it.skipIf(!backend.available)(
    'status reports move a message forward only; 21610 suppresses the lead',
    async () => {
      const lead = (await pull<Lead>('leads'))[0] as Lead;
      const sent = messageDoc(lead, 'msg-1', { providerId: 'SMout1' });
      await f.test.app.request(
        '/sync/messages/push',
        jsonInit(f.ann, 'POST', { rows: [{ newDocumentState: sent }] }),
      );
      const report = (status: string, extra: Record<string, string> = {}) =>
        f.test.app.request(
          statusPath('msg-1'),
          twilioPost(`${PUBLIC_URL}${statusPath('msg-1')}`, {
            MessageSid: 'SMout1',
            MessageStatus: status,
            ...extra,
          }),
        );
      expect((await report('delivered')).status).toBe(204);
      expect((await report('sent')).status).toBe(204);
      const [delivered] = await pull<Message>('messages');
      expect(delivered?.status).toBe('delivered');
      expect(delivered?.statusHistory.at(-1)?.detail).toBe('twilio: delivered');

      const second = messageDoc(lead, 'msg-2', { providerId: 'SMout2' });
      await f.test.app.request(
        '/sync/messages/push',
        jsonInit(f.ann, 'POST', { rows: [{ newDocumentState: second }] }),
      );
      const optedOut = await f.test.app.request(
        statusPath('msg-2'),
        twilioPost(`${PUBLIC_URL}${statusPath('msg-2')}`, {
          MessageSid: 'SMout2',
          MessageStatus: 'undelivered',
          ErrorCode: '21610',
        }),
      );
      expect(optedOut.status).toBe(204);
      const messages = await pull<Message>('messages');
      expect(messages.find((m) => m.id === 'msg-2')).toMatchObject({
        status: 'undelivered',
        error: { code: 'twilio_21610' },
      });
      const suppressions = await pull<Suppression>('suppressions');
      expect(suppressions.map((s) => [s.address, s.reason]).sort()).toEqual([
        [LEAD_PHONE, 'provider_opt_out'],
        [LEAD_EMAIL, 'provider_opt_out'],
      ]);
    },
  );

  it.skipIf(!backend.available)('a repeated form key is signed and checked as an array', async () => {
    const params = { MessageSid: 'SM0002', From: LEAD_PHONE, Body: 'hello', Tag: ['a', 'b'] };
    const ok = await f.test.app.request(inboundPath(), twilioPost(`${PUBLIC_URL}${inboundPath()}`, params));
    expect(ok.status).toBe(200);
  });

  describe('refused with nothing stored', () => {
    async function refused(init: RequestInit, path = inboundPath(), status = 403): Promise<void> {
      const before = await f.seq();
      const response = await f.test.app.request(path, init);
      expect(response.status).toBe(status);
      expect(((await response.json()) as { code: string }).code).toBeTruthy();
      expect(await f.seq()).toBe(before);
    }
    const stop = { MessageSid: 'SM9', From: LEAD_PHONE, Body: 'STOP' };

    it.skipIf(!backend.available)('unsigned, forged, or signed with an empty token', async () => {
      await refused(twilioPost(`${PUBLIC_URL}${inboundPath()}`, stop, null));
      await refused(twilioPost(`${PUBLIC_URL}${inboundPath()}`, stop, 'not-the-token'));
      await refused(twilioPost(`${PUBLIC_URL}${inboundPath()}`, stop, ''));
      const tampered = twilioPost(`${PUBLIC_URL}${inboundPath()}`, { ...stop, Body: 'hello' });
      await refused({ ...tampered, body: new URLSearchParams(stop).toString() });
    });

    it.skipIf(!backend.available)(
      'signed over the request’s own host instead of the public URL',
      async () => {
        await refused(twilioPost(`http://localhost${inboundPath()}`, stop));
        await refused(twilioPost(`https://sync.lakeside.example${inboundPath()}`, stop));
      },
    );

    it.skipIf(!backend.available)('another team’s address, or no team', async () => {
      const other = `/webhooks/twilio/inbound?team=team-other`;
      await refused(twilioPost(`${PUBLIC_URL}${other}`, stop), other);
      await refused(twilioPost(`${PUBLIC_URL}/webhooks/twilio/inbound`, stop), '/webhooks/twilio/inbound');
    });

    it.skipIf(!backend.available)('while the team has no Twilio auth token, every request', async () => {
      const removed = await f.test.app.request('/admin/secrets/twilio-auth-token', {
        method: 'DELETE',
        headers: bearer(f.team.admin),
      });
      expect(removed.status).toBe(204);
      await refused(twilioPost(`${PUBLIC_URL}${inboundPath()}`, stop));
      await refused(twilioPost(`${PUBLIC_URL}${inboundPath()}`, stop, ''));
    });

    it.skipIf(!backend.available)('an oversized body', async () => {
      await refused(
        twilioPost(`${PUBLIC_URL}${inboundPath()}`, { ...stop, Body: 'x'.repeat(70_000) }),
        inboundPath(),
        413,
      );
    });

    it.skipIf(!backend.available)('fuzzed bodies and signatures', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.string({ maxLength: 300 }),
          fc.string({ maxLength: 40 }),
          async (body, signature) => {
            const before = await f.seq();
            const response = await f.test.app.request(inboundPath(), {
              method: 'POST',
              headers: {
                'content-type': 'application/x-www-form-urlencoded',
                'x-twilio-signature': signature,
              },
              body,
            });
            expect(response.status).toBe(403);
            expect(await f.seq()).toBe(before);
          },
        ),
        { numRuns: 60 },
      );
      // Signed by the team but missing what a message needs: 400, nothing stored.
      await refused(twilioPost(`${PUBLIC_URL}${inboundPath()}`, { Body: 'STOP' }), inboundPath(), 400);
    });
  });
});

describe('Twilio webhooks without a public URL', () => {
  it('refuses every request', async () => {
    const [sqlite] = serverBackends();
    if (sqlite === undefined) throw new Error('no SQLite backend');
    const f = await teamEngineFixture(sqlite);
    try {
      const { testApp } = await import('../../test/sync/harness');
      const bare = testApp(f.storage, f.clock);
      const path = `/webhooks/twilio/inbound?team=${f.team.teamId}`;
      const response = await bare.app.request(
        path,
        twilioPost(`${PUBLIC_URL}${path}`, { MessageSid: 'SM1', From: LEAD_PHONE, Body: 'STOP' }),
      );
      expect(response.status).toBe(403);
      expect(((await response.json()) as { code: string }).code).toBe('no_public_url');
    } finally {
      await f.dispose();
    }
  });
});
