// {{property_matches}} through the real send pipeline (fake channels): email cards with the
// photo, price, rooms, address and link; a text's one line and link; homes recorded as sent;
// and a block that finds no home skipped with the reason, never sent with an empty list.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EngineTestCore } from '../testing/engine-harness';
import { createEngineTestCore } from '../testing/engine-harness';

let core: EngineTestCore;
const CSV = [
  'ListingKey,StandardStatus,ListPrice,BedroomsTotal,BathroomsTotalInteger,UnparsedAddress,City,StateOrProvince,PostalCode,photos,publicUrl',
  'A1,Active,449000,3,2,12 Elm St,Maple Grove,MN,55311,https://photos.example.com/a1.jpg,https://homes.example.com/a1',
  'A2,Active,389000,2,1,40 Pine Ct,Maple Grove,MN,55311,,https://homes.example.com/a2',
].join('\n');

beforeEach(async () => {
  core = await createEngineTestCore({ start: '2026-03-03T16:00:00Z' });
  await core.invoke('listings-import-csv', { text: CSV });
});
afterEach(() => core.close());

async function dana(): Promise<string> {
  const { lead } = await core.invoke('leads-create', {
    lead: {
      firstName: 'Dana',
      lastName: 'Reyes',
      email: 'dana.r@example.com',
      phone: '+16125550142',
      address: { zip: '55311' },
      notes: 'Maple Grove under $450k',
      source: 'manual',
    },
  });
  return lead.id;
}

describe('the {{property_matches}} block', () => {
  it('sends email cards with photo, price, rooms, address and link, and records the homes on the lead', async () => {
    const leadId = await dana();
    const queued = await core.invoke('compose-send', {
      leadId,
      channel: 'email',
      subject: 'Homes',
      body: 'Hi Dana,\n\n{{property_matches}}\n\nTalk soon',
    });
    await core.runFor(60_000);
    const mail = core.channels.mailer.sent.find((s) => s.messageId === queued.id);
    expect(mail?.body).toContain(
      '• $449,000 · 3 bd / 2 ba · 12 Elm St, Maple Grove, MN\n  under $450k, in Maple Grove, new this week\n  https://homes.example.com/a1',
    );
    expect(mail?.html).toContain('<img src="https://photos.example.com/a1.jpg"');
    expect(mail?.html).toContain('<a href="https://homes.example.com/a2"');
    expect(mail?.html).not.toContain('property-matches');
    const lead = (await core.ctx.db.leads.findOne(leadId).exec())?.toJSON();
    expect(lead?.homesSent?.map((h) => h.listingId).sort()).toEqual(['lst-csv-A1', 'lst-csv-A2']);
  });

  it('a text carries one line and the link; with every home already sent the step is skipped with the reason', async () => {
    const leadId = await dana();
    const text = await core.invoke('compose-send', {
      leadId,
      channel: 'sms',
      body: 'New for you: {{property_matches}}',
    });
    await core.runFor(60_000);
    expect(core.channels.sms.sent.find((s) => s.messageId === text.id)?.body).toBe(
      'New for you: 12 Elm St, Maple Grove: 3 bd / 2 ba, $449k https://homes.example.com/a1 (+1 more by email)',
    );
    await core.invoke('lead-send-home', { leadId, listingId: 'lst-csv-A2', channel: 'sms' });
    const none = await core.invoke('compose-send', {
      leadId,
      channel: 'sms',
      body: 'More: {{property_matches}}',
    });
    await core.runFor(60_000);
    expect(core.channels.sms.sent.some((s) => s.messageId === none.id)).toBe(false);
    const skipped = (await core.ctx.db.messages.findOne(none.id).exec())?.toJSON();
    expect(skipped).toMatchObject({ status: 'skipped' });
    expect(skipped?.statusReason).toMatch(
      /found no home for Dana: No home for sale fits these preferences right now \(2 already sent\)/,
    );
  });

  it('the template preview shows the chosen lead’s homes, and a sample without a lead', async () => {
    const leadId = await dana();
    const preview = await core.invoke('templates-preview', {
      channel: 'email',
      body: 'Hi\n\n{{property_matches}}',
      leadId,
    });
    expect(preview.error).toBeUndefined();
    expect(preview.text).toContain('12 Elm St');
    expect(preview.html).toContain('<img src="https://photos.example.com/a1.jpg"');
    const sample = await core.invoke('templates-preview', { channel: 'sms', body: '{{property_matches}}' });
    expect(sample.text).toMatch(/Maple Grove: \d bd/);
  });
});
