// The Twilio adapter end to end on 127.0.0.1: the real twilio SDK against the fake Twilio
// server, status callbacks and inbound messages posted back to our webhook handler (served by
// @hono/node-server, signatures checked with the SDK's validateRequest), polling since a
// checkpoint, STOP/START/HELP, the WhatsApp window, and the channels handlers.
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import twilio from 'twilio';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConnectedTwilio } from '../../src-main/adapters/twilio';
import { connectTwilio } from '../../src-main/adapters/twilio';
import { writeTwilioSettings } from '../../src-main/core/channels/twilio-settings';
import { recordMessage } from '../../src-main/core/messages/record-message';
import type { ChannelTesters } from '../../src-main/core/ports/channel-tester';
import type { TestCore } from '../../src-main/core/testing/test-core';
import { createTestCore } from '../../src-main/core/testing/test-core';
import type { Lead } from '../../src-shared/domain';
import type { FakeTwilio } from './fake-twilio-server';
import { startFakeTwilio } from './fake-twilio-server';

const OUR_NUMBER = '+14155550100';
const LEAD_PHONE = '+14155552671';

interface Setup {
  core: TestCore;
  peer: FakeTwilio;
  twilio: ConnectedTwilio;
  lead: Lead;
  receiverUrl: string;
  close(): Promise<void>;
}

async function setup(
  mode: 'webhooks' | 'polling',
  extra: { whatsappTemplateSid?: string } = {},
): Promise<Setup> {
  // The context's test senders, kept to the connected Twilio's as the live channels do.
  const testers: ChannelTesters = {};
  const core = await createTestCore({ channelTesters: testers });
  const peer = await startFakeTwilio(() => core.clock.now());
  const route: { handler?: (request: Request) => Promise<Response> } = {};
  const receiver = serve({
    fetch: (r) => route.handler?.(r) ?? new Response(null, { status: 503 }),
    hostname: '127.0.0.1',
    port: 0,
  });
  await new Promise<void>((resolve) => receiver.once('listening', () => resolve()));
  const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  await core.invoke('channels-secrets-set', { name: 'twilio.accountSid', value: peer.accountSid });
  await core.invoke('channels-secrets-set', { name: 'twilio.authToken', value: peer.authToken });
  await writeTwilioSettings(core.ctx, {
    smsFrom: OUR_NUMBER,
    whatsappFrom: OUR_NUMBER,
    ...(mode === 'webhooks' ? { statusCallbackBaseUrl: receiverUrl } : {}),
    ...extra,
  });
  const twilio = await connectTwilio(core.ctx, { apiBaseUrl: peer.baseUrl, poll: false });
  if (twilio === undefined) throw new Error('Twilio should be configured');
  if (twilio.webhook !== undefined) route.handler = twilio.webhook;
  peer.inboundUrl = `${receiverUrl}/webhooks/twilio/inbound`;
  Object.assign(testers, twilio.testers);
  const { lead } = await core.invoke('leads-create', {
    lead: { firstName: 'Sam', lastName: 'Ortiz', phone: LEAD_PHONE, email: 'sam@example.com' },
  });
  return {
    core,
    peer,
    twilio,
    lead,
    receiverUrl,
    async close() {
      await twilio.stop();
      await new Promise<void>((resolve) => receiver.close(() => resolve()));
      await peer.close();
      await core.close();
    },
  };
}

/** What the send pipeline leaves behind: an outbound message sent through the adapter. */
async function sendRecorded(s: Setup, id: string, body: string): Promise<void> {
  const sms = s.twilio.sms;
  if (sms === undefined) throw new Error('sms is connected in these tests');
  const receipt = await sms.send(
    { messageId: id, leadId: s.lead.id, channel: 'sms', to: LEAD_PHONE, body },
    new AbortController().signal,
  );
  await recordMessage(
    s.core.ctx,
    s.lead,
    {
      direction: 'outbound',
      channel: 'sms',
      status: 'sent',
      body,
      authoredBy: 'template',
      to: LEAD_PHONE,
      providerId: receipt.providerId,
      statusHistory: [{ status: 'sent', at: s.core.clock.now() }],
    },
    { id },
  );
}

async function message(s: Setup, id: string) {
  const doc = await s.core.ctx.db.messages.findOne(id).exec();
  if (doc === null) throw new Error(`no message ${id}`);
  return doc.toMutableJSON();
}

/** What an inbound STOP leaves: `all` suppressed for the phone and the email, consent revoked. */
async function expectStoppedEverywhere(s: Setup): Promise<void> {
  const suppressions = await s.core.ctx.db.suppressions.find({ selector: { leadId: s.lead.id } }).exec();
  expect(suppressions.map((x) => [x.channel, x.address, x.reason]).sort()).toEqual([
    ['all', '+14155552671', 'provider_opt_out'],
    ['all', 'sam@example.com', 'provider_opt_out'],
  ]);
  const lead = await s.core.invoke('leads-get', { id: s.lead.id });
  expect(lead?.consent).toEqual({ sms: 'revoked', whatsapp: 'revoked', email: 'revoked' });
}

describe('Twilio adapter with a sync server (webhooks)', () => {
  let s: Setup;
  beforeEach(async () => (s = await setup('webhooks')));
  afterEach(() => s.close());

  it('sends the status callback URL with our team and message id, and records every status in order', async () => {
    await sendRecorded(s, 'msg-status-1', 'Hi Sam, new listings on Elm St.');
    expect(s.peer.messages[0]?.statusCallback).toBe(
      `${s.receiverUrl}/webhooks/twilio/status?team=team-test&m=msg-status-1`,
    );
    await s.peer.settle();
    const m = await message(s, 'msg-status-1');
    expect(m.status).toBe('delivered');
    expect(m.statusHistory.map((c) => c.detail ?? c.status)).toEqual([
      'sent',
      'twilio: sending',
      'twilio: sent',
      'twilio: delivered',
    ]);
  });

  it('never moves a status backwards when callbacks arrive out of order', async () => {
    await sendRecorded(s, 'msg-status-2', 'Open house Saturday?');
    await s.peer.settle({ reverse: true });
    const m = await message(s, 'msg-status-2');
    expect(m.status).toBe('delivered');
    expect(m.statusHistory.map((c) => c.detail ?? c.status)).toEqual(['sent', 'twilio: delivered']);
  });

  it('keeps the carrier’s reason on an undelivered text (30003-30008)', async () => {
    s.peer.unreachable(LEAD_PHONE, 30003);
    await sendRecorded(s, 'msg-status-3', 'Still interested?');
    await s.peer.settle();
    const m = await message(s, 'msg-status-3');
    expect(m.status).toBe('undelivered');
    expect(m.error).toEqual({
      code: 'twilio_30003',
      message: 'Twilio 30003: the handset is unreachable (off or out of coverage)',
    });
  });

  it('a 21610 in a status callback suppresses the lead exactly as an inbound STOP does', async () => {
    s.peer.unreachable(LEAD_PHONE, 21610);
    await sendRecorded(s, 'msg-status-21610', 'Still interested?');
    await s.peer.settle();
    expect((await message(s, 'msg-status-21610')).status).toBe('undelivered');
    await expectStoppedEverywhere(s);
  });

  it('keeps a repeated webhook key as an array, as the SDK signs it (Tag=a&Tag=b)', async () => {
    const url = `${s.receiverUrl}/webhooks/twilio/inbound`;
    const form = new URLSearchParams([
      ['MessageSid', 'SMrepeated'],
      ['From', LEAD_PHONE],
      ['To', OUR_NUMBER],
      ['Body', 'Is the Elm St house still available?'],
      ['Tag', 'b'],
      ['Tag', 'a'],
    ]);
    const signed = (params: Record<string, string | string[]>) =>
      fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-twilio-signature': twilio.getExpectedTwilioSignature(s.peer.authToken, url, params),
        },
        body: form.toString(),
      });
    const { Tag: _tag, ...rest } = Object.fromEntries(form);
    // Signed over the last value only (what collapsing the form would check): refused.
    expect((await signed({ ...rest, Tag: 'a' })).status).toBe(403);
    // Signed as Twilio signs it, every value of the key: accepted, once.
    expect((await signed({ ...rest, Tag: ['b', 'a'] })).status).toBe(200);
    expect(await s.core.ctx.db.messages.count({ selector: { direction: 'inbound' } }).exec()).toBe(1);
  });

  it('refuses a webhook whose X-Twilio-Signature does not match', async () => {
    const response = await fetch(`${s.receiverUrl}/webhooks/twilio/inbound`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': 'forged' },
      body: new URLSearchParams({
        MessageSid: 'SMforged',
        From: LEAD_PHONE,
        To: OUR_NUMBER,
        Body: 'STOP',
      }).toString(),
    });
    expect(response.status).toBe(403);
    expect(await s.core.ctx.db.messages.count({ selector: { direction: 'inbound' } }).exec()).toBe(0);
  });

  it('puts an inbound reply in the lead’s timeline once, however often it is delivered', async () => {
    const sent = await s.peer.receive(LEAD_PHONE, OUR_NUMBER, 'Is the house on Elm still available?');
    await s.peer.receive(LEAD_PHONE, OUR_NUMBER, 'STOP');
    const timeline = await s.core.invoke('messages-for-lead', { leadId: s.lead.id });
    expect(timeline.map((m) => m.body).sort()).toEqual(['Is the house on Elm still available?', 'STOP']);
    expect(timeline.find((m) => m.providerId === sent.sid)?.id).toBe(`in-${sent.sid}`);
    // The poller reading the same list later adds nothing.
    const poller = s.twilio.poller;
    expect(poller).toBeUndefined();
  });
});

describe('Twilio adapter without a server (polling)', () => {
  let s: Setup;
  beforeEach(async () => (s = await setup('polling')));
  afterEach(() => s.close());

  it('reads replies since the checkpoint, once, across pages; answers HELP; STOP and START from an unknown number', async () => {
    const poller = s.twilio.poller;
    if (poller === undefined) throw new Error('no server: the poller exists');
    await s.peer.receive(LEAD_PHONE, OUR_NUMBER, 'help');
    await s.peer.receive('+14155559999', OUR_NUMBER, 'Stop.');
    for (let i = 0; i < 120; i++) await s.peer.receive(LEAD_PHONE, OUR_NUMBER, `reply ${i}`);
    const first = await poller.pollOnce();
    expect(first).toMatchObject({ received: 121, unmatched: 1, duplicates: 0 });
    const help = s.peer.messages.find((m) => m.direction === 'outbound-api' && m.to === LEAD_PHONE);
    expect(help?.body).toContain('Reply STOP to opt out');
    expect(await s.core.ctx.db.suppressions.findOne('sup-all-+14155559999').exec()).not.toBeNull();

    await s.core.clock.advance(60_000);
    await s.peer.receive('+14155559999', OUR_NUMBER, 'START');
    const second = await poller.pollOnce();
    expect(second).toMatchObject({ received: 0, unmatched: 1 });
    expect(second.duplicates).toBeGreaterThan(0);
    expect(await s.core.ctx.db.suppressions.findOne('sup-all-+14155559999').exec()).toBeNull();
  });

  it('a 21610 found by polling a send suppresses the lead exactly as an inbound STOP does', async () => {
    s.peer.unreachable(LEAD_PHONE, 21610);
    await sendRecorded(s, 'msg-poll-21610', 'Hi Sam');
    await s.peer.settle();
    await s.twilio.poller?.pollOnce();
    expect((await message(s, 'msg-poll-21610')).status).toBe('undelivered');
    await expectStoppedEverywhere(s);
  });

  it('fetches the status of recent sends', async () => {
    await sendRecorded(s, 'msg-poll-1', 'Hi Sam');
    await s.peer.settle();
    const report = await s.twilio.poller?.pollOnce();
    expect(report?.statuses).toBe(1);
    expect((await message(s, 'msg-poll-1')).status).toBe('delivered');
  });

  it('WhatsApp outside the 24-hour window: refused with the reason when no template is set', async () => {
    const whatsapp = s.twilio.whatsapp;
    const out = {
      messageId: 'msg-wa-1',
      leadId: s.lead.id,
      channel: 'whatsapp' as const,
      to: LEAD_PHONE,
      body: 'Hi',
    };
    const error = await whatsapp?.send(out, new AbortController().signal).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'rejected', transient: false });
    expect(String((error as Error).message)).toContain('approved template');
    expect(s.peer.messages.filter((m) => m.direction === 'outbound-api')).toHaveLength(0);
    // Inside the window (the lead wrote an hour ago), the text itself goes.
    await s.peer.receive(`whatsapp:${LEAD_PHONE}`, `whatsapp:${OUR_NUMBER}`, 'Hello!');
    await s.twilio.poller?.pollOnce();
    await whatsapp?.send({ ...out, messageId: 'msg-wa-2' }, new AbortController().signal);
    expect(s.peer.messages.at(-1)).toMatchObject({ to: `whatsapp:${LEAD_PHONE}`, body: 'Hi' });
  });

  it('reports exactly what Twilio answered to a test message', async () => {
    s.peer.optOut('+14155550111');
    const refused = await s.core.invoke('channels-test', { channel: 'sms', to: '+14155550111' });
    expect(refused).toMatchObject({
      ok: false,
      errorCode: '21610',
      answer: 'Attempt to send to unsubscribed recipient',
      httpStatus: 400,
    });
    const accepted = await s.core.invoke('channels-test', { channel: 'sms', to: '+14155550112' });
    expect(accepted).toMatchObject({ ok: true, status: 'queued', httpStatus: 201 });
    expect(accepted.providerId).toMatch(/^SM/);
  });
});

describe('Twilio adapter: template and configuration', () => {
  it('sends the approved template (ContentSid) outside the WhatsApp window', async () => {
    const s = await setup('polling', { whatsappTemplateSid: `HX${'a'.repeat(32)}` });
    try {
      await s.twilio.whatsapp?.send(
        { messageId: 'msg-wa-3', leadId: s.lead.id, channel: 'whatsapp', to: LEAD_PHONE, body: 'Hi' },
        new AbortController().signal,
      );
      expect(s.peer.messages.at(-1)?.contentSid).toBe(`HX${'a'.repeat(32)}`);
    } finally {
      await s.close();
    }
  });

  it('connects nothing without keys, and never hands back a secret’s value', async () => {
    const core = await createTestCore();
    try {
      await writeTwilioSettings(core.ctx, { smsFrom: OUR_NUMBER });
      expect(await connectTwilio(core.ctx)).toBeUndefined();
      const set = await core.invoke('channels-secrets-set', {
        name: 'twilio.authToken',
        value: 'tok-secret-value',
      });
      expect(set).toEqual({ names: ['twilio.authToken'] });
      expect(JSON.stringify(await core.invoke('channels-twilio-settings-get', {}))).not.toContain(
        'tok-secret-value',
      );
      expect(await core.invoke('channels-secrets-delete', { name: 'twilio.authToken' })).toEqual({
        names: [],
      });
      await expect(core.invoke('channels-test', { channel: 'sms', to: OUR_NUMBER })).rejects.toMatchObject({
        code: 'unavailable',
      });
    } finally {
      await core.close();
    }
  });
});
