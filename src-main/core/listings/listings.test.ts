import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestCore } from '../testing/test-core';
import { createTestCore } from '../testing/test-core';

let core: TestCore;
beforeEach(async () => {
  core = await createTestCore({ start: '2026-03-02T15:00:00Z' });
});
afterEach(() => core.close());

const CSV = [
  'MLS #,Status,List Price,Beds,Baths,Address,City,State,Zip,Type,Photo URL,Link,List Date',
  'A1,Active,"$449,000",3,2,12 Elm St,Maple Grove,MN,55311,Single Family,https://photos.example.com/a1.jpg,https://homes.example.com/a1,2026-02-27',
  'A2,Active,389000,2,1,"40 Pine Ct, Unit 3",Maple Grove,MN,55311,Condo,,https://homes.example.com/a2,2026-01-10',
  'A3,Sold,425000,3,2,7 Oak Ave,Maple Grove,MN,55311,Single Family,,,2026-01-02',
  'A4,Active,975000,5,4,1 Lake Rd,Wayzata,MN,55391,Single Family,,,2026-01-05',
  'A5,Active,call us,3,2,9 Birch Ln,Maple Grove,MN,55311,Single Family,,,2026-01-05',
].join('\n');

async function lead(notes: string) {
  const { lead } = await core.invoke('leads-create', {
    lead: { firstName: 'Dana', lastName: 'Reyes', email: 'dana@example.com', phone: '+16125550142', notes },
  });
  return lead;
}

describe('listings from a CSV/IDX export', () => {
  it('maps the columns by their headers, keeps the good rows and says which row was refused and why', async () => {
    const preview = await core.invoke('listings-csv-preview', { text: CSV });
    expect(preview.mapping).toMatchObject({
      'MLS #': 'ListingId',
      Status: 'StandardStatus',
      'List Price': 'ListPrice',
      Zip: 'PostalCode',
      'Photo URL': 'photos',
    });
    // No ListingKey column: the MLS number is the key; map it.
    expect(preview.missing).toEqual(['ListingKey']);
    const report = await core.invoke('listings-import-csv', {
      text: CSV,
      mapping: { ...preview.mapping, 'MLS #': 'ListingKey' },
    });
    expect(report).toMatchObject({
      read: 4,
      added: 4,
      problems: ['Row 6 (A5): ListPrice "call us" is not a price; the record was skipped.'],
    });
    const again = await core.invoke('listings-import-csv', {
      text: CSV,
      mapping: { ...preview.mapping, 'MLS #': 'ListingKey' },
    });
    expect(again).toMatchObject({ added: 0, updated: 0, unchanged: 4 });
  });
});

describe('a lead’s matches', () => {
  beforeEach(async () => {
    const preview = await core.invoke('listings-csv-preview', { text: CSV });
    await core.invoke('listings-import-csv', {
      text: CSV,
      mapping: { ...preview.mapping, 'MLS #': 'ListingKey' },
    });
  });

  it('reads what the lead wants from the notes, ranks homes for sale with reasons, and leaves out the sold one', async () => {
    const dana = await lead('Looking in Maple Grove, 2+ beds, under $450k');
    const result = await core.invoke('lead-matches', { leadId: dana.id });
    expect(result.preferences.areas).toMatchObject({ value: { cities: ['Maple Grove'] }, source: 'notes' });
    expect(result.matches.map((m) => m.listing.ListingKey)).toEqual(['A1', 'A2']);
    expect(result.matches[0]?.reasons).toEqual(['under $450k', 'in Maple Grove', '3 beds', 'new this week']);
  });

  it('an agent’s edit wins and says so; clearing it goes back to the lead’s words', async () => {
    const dana = await lead('Looking in Maple Grove under $450k');
    const edited = await core.invoke('lead-home-preferences-set', {
      leadId: dana.id,
      patch: { cities: ['Wayzata'], priceMax: 1_000_000 },
    });
    expect(edited.preferences.areas).toMatchObject({ value: { cities: ['Wayzata'] }, source: 'agent' });
    expect(edited.matches.map((m) => m.listing.ListingKey)).toEqual(['A4']);
    const cleared = await core.invoke('lead-home-preferences-set', {
      leadId: dana.id,
      patch: { cities: null, priceMax: null },
    });
    expect(cleared.preferences.areas?.source).toBe('notes');
    const refused = await core
      .invoke('lead-home-preferences-set', {
        leadId: dana.id,
        patch: { priceMin: 500_000, priceMax: 400_000 },
      })
      .catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'validation' });
    expect((refused as { fieldErrors?: Record<string, string> }).fieldErrors?.priceMin).toBe(
      'Lower than the highest price, please.',
    );
  });

  it('sends one home by text through the outbox, records it, and never offers it again', async () => {
    const dana = await lead('Maple Grove, up to $450k');
    const [first] = (await core.invoke('lead-matches', { leadId: dana.id })).matches;
    if (first === undefined) throw new Error('no match');
    const sent = await core.invoke('lead-send-home', {
      leadId: dana.id,
      listingId: first.listing.id,
      channel: 'sms',
    });
    const message = (await core.ctx.db.messages.findOne(sent.messageId).exec())?.toJSON();
    expect(message).toMatchObject({
      channel: 'sms',
      status: 'scheduled',
      body: 'Hi Dana, a home for you: 12 Elm St, Maple Grove: 3 bd / 2 ba, $449k https://homes.example.com/a1',
    });
    const after = await core.invoke('lead-matches', { leadId: dana.id });
    expect(after.matches.map((m) => m.listing.ListingKey)).toEqual(['A2']);
    expect(after.sentCount).toBe(1);
    const sold = await core.ctx.db.listings.findOne({ selector: { ListingKey: 'A3' } }).exec();
    await expect(
      core.invoke('lead-send-home', { leadId: dana.id, listingId: sold?.id ?? '', channel: 'email' }),
    ).rejects.toThrow(/7 Oak Ave.*Closed now; it was not sent/);
  });

  it('says why there are none', async () => {
    const vague = await lead('Call after 5');
    expect((await core.invoke('lead-matches', { leadId: vague.id })).emptyReason).toMatch(
      /add an area or a price band/,
    );
  });
});
