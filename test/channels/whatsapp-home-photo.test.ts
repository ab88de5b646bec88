// "Send this home" over WhatsApp through the engine, the real twilio SDK and the local
// Twilio-compatible peer: the home's photo goes as MediaUrl with the one-line text and its link;
// a text (SMS) carries the line and the link only; a home without an https:// photo goes
// without media. The message on the timeline keeps the photo it carried.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ConnectedTwilio } from '../../src-main/adapters/twilio';
import { connectTwilio } from '../../src-main/adapters/twilio';
import { writeTwilioSettings } from '../../src-main/core/channels/twilio-settings';
import type { EngineTestCore } from '../../src-main/core/testing/engine-harness';
import { createEngineTestCore } from '../../src-main/core/testing/engine-harness';
import type { FakeTwilio } from './fake-twilio-server';
import { startFakeTwilio } from './fake-twilio-server';

const OUR_NUMBER = '+14155550100';
const LEAD_PHONE = '+14155552671';
const CSV = [
  'MLS #,Status,List Price,Beds,Baths,Address,City,State,Zip,Photo URL,Link',
  'A1,Active,449000,3,2,12 Elm St,Maple Grove,MN,55311,https://photos.example.com/a1.jpg,https://homes.example.com/a1',
  'A2,Active,435000,3,2,7 Oak Ave,Maple Grove,MN,55311,,https://homes.example.com/a2',
].join('\n');

let core: EngineTestCore | undefined;
let peer: FakeTwilio | undefined;
let connected: ConnectedTwilio | undefined;
afterEach(async () => {
  await connected?.stop();
  await core?.close();
  await peer?.close();
  core = undefined;
  peer = undefined;
  connected = undefined;
});

async function setUp(): Promise<{ core: EngineTestCore; peer: FakeTwilio; leadId: string }> {
  // 10:00 in California: inside the lead's hours.
  core = await createEngineTestCore({ start: '2026-03-02T18:00:00Z', without: ['sms', 'whatsapp'] });
  const c = core;
  peer = await startFakeTwilio(() => c.clock.now());
  for (const sequence of await c.invoke('sequences-list', {}))
    await c.invoke('sequences-set-status', { id: sequence.id, status: 'paused' });
  await c.invoke('channels-secrets-set', { name: 'twilio.accountSid', value: peer.accountSid });
  await c.invoke('channels-secrets-set', { name: 'twilio.authToken', value: peer.authToken });
  await writeTwilioSettings(c.ctx, { smsFrom: OUR_NUMBER, whatsappFrom: OUR_NUMBER });
  connected = await connectTwilio(c.ctx, { apiBaseUrl: peer.baseUrl, poll: false });
  if (connected?.sms === undefined || connected.whatsapp === undefined)
    throw new Error('Twilio should connect');
  await c.engine.setSender('sms', connected.sms);
  await c.engine.setSender('whatsapp', connected.whatsapp);
  const preview = await c.invoke('listings-csv-preview', { text: CSV });
  await c.invoke('listings-import-csv', {
    text: CSV,
    mapping: { ...preview.mapping, 'MLS #': 'ListingKey' },
  });
  const { lead } = await c.invoke('leads-create', {
    lead: { firstName: 'Sam', lastName: 'Ortiz', phone: LEAD_PHONE, email: 'sam@example.com' },
  });
  await c.invoke('lead-home-preferences-set', {
    leadId: lead.id,
    patch: { cities: ['Maple Grove'], priceMax: 450_000 },
  });
  // They wrote on WhatsApp today: the 24-hour window is open for a free-form message.
  await c.invoke('messages-record-inbound', { leadId: lead.id, channel: 'whatsapp', body: 'Any homes?' });
  await c.engine.idle();
  return { core: c, peer, leadId: lead.id };
}

/** Dispatches what is due, then waits (real time: the peer answers over HTTP) for Twilio's answers. */
async function handedOver(c: EngineTestCore, count: number): Promise<void> {
  await c.runFor(0);
  await vi.waitFor(
    async () => {
      const sent = await c.ctx.db.messages
        .count({ selector: { direction: 'outbound', status: 'sent', channel: { $in: ['sms', 'whatsapp'] } } })
        .exec();
      expect(sent).toBe(count);
    },
    { timeout: 10_000, interval: 20 },
  );
}

describe('send this home over WhatsApp', () => {
  it('sends the photo as MediaUrl with the line and the link, and keeps it on the message', async () => {
    const { core, peer, leadId } = await setUp();
    const sent = await core.invoke('lead-send-home', {
      leadId,
      listingId: 'lst-csv-A1',
      channel: 'whatsapp',
    });
    await handedOver(core, 1);
    const out = peer.messages.filter((m) => m.direction === 'outbound-api');
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({
      to: `whatsapp:${LEAD_PHONE}`,
      mediaUrls: ['https://photos.example.com/a1.jpg'],
    });
    expect(out[0]?.body).toMatch(
      /^Hi Sam, a home for you: 12 Elm St, Maple Grove: 3 bd \/ 2 ba, \$449k https:\/\/homes\.example\.com\/a1/,
    );
    const message = (await core.ctx.db.messages.findOne(sent.messageId).exec())?.toMutableJSON();
    expect(message).toMatchObject({ status: 'sent', mediaUrls: ['https://photos.example.com/a1.jpg'] });
  });

  it('a text carries the line and link only; a home without an https photo goes without media', async () => {
    const { core, peer, leadId } = await setUp();
    await core.invoke('lead-send-home', { leadId, listingId: 'lst-csv-A1', channel: 'sms' });
    await core.invoke('lead-send-home', { leadId, listingId: 'lst-csv-A2', channel: 'whatsapp' });
    await handedOver(core, 2);
    const out = peer.messages.filter((m) => m.direction === 'outbound-api');
    expect(out.map((m) => [m.to, m.mediaUrls])).toEqual([
      [LEAD_PHONE, undefined],
      [`whatsapp:${LEAD_PHONE}`, undefined],
    ]);
    expect(out[1]?.body).toContain('7 Oak Ave');
  });
});
