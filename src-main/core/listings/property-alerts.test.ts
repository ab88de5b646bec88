// Property alerts through the engine on the FakeClock (PA1..PA4 in src-shared/listings/alerts.ts):
// a price cut that fits a lead sends one alert email naming the news; more news within the
// alert window waits for its end and then goes (homes already sent left out); a home that fits
// no one sends nothing; a lead who texted STOP gets nothing.
import { afterEach, describe, expect, it } from 'vitest';
import type { EngineTestCore } from '../testing/engine-harness';
import { createEngineTestCore } from '../testing/engine-harness';

const START = Date.parse('2026-03-02T15:00:00Z');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

let core: EngineTestCore | undefined;
afterEach(async () => {
  await core?.close();
  core = undefined;
});

const HEADER = 'MLS #,Status,List Price,Beds,Baths,Address,City,State,Zip,Type,Photo URL,Link';
const row = (key: string, price: number, city = 'Maple Grove', zip = '55311') =>
  `${key},Active,${String(price)},3,2,${key} Elm St,${city},MN,${zip},Single Family,https://photos.example.com/${key}.jpg,https://homes.example.com/${key}`;

async function importHomes(c: EngineTestCore, rows: string[]): Promise<void> {
  const text = [HEADER, ...rows].join('\n');
  const preview = await c.invoke('listings-csv-preview', { text });
  await c.invoke('listings-import-csv', { text, mapping: { ...preview.mapping, 'MLS #': 'ListingKey' } });
}

async function setUp(): Promise<EngineTestCore> {
  const c = await createEngineTestCore({ start: START });
  // Only the alert playbook runs, so every email sent is an alert.
  for (const sequence of await c.invoke('sequences-list', {}))
    await c.invoke('sequences-set-status', {
      id: sequence.id,
      status: sequence.id === 'builtin-property-alerts' ? 'active' : 'paused',
    });
  // The feed's first import is the book, not news.
  await importHomes(c, [row('A1', 449_000), row('A2', 520_000), row('W1', 975_000, 'Wayzata', '55391')]);
  return c;
}

async function buyer(c: EngineTestCore, firstName: string, phone: string): Promise<string> {
  const { lead } = await c.invoke('leads-create', {
    lead: { firstName, lastName: 'Reyes', email: `${firstName.toLowerCase()}@example.com`, phone },
  });
  await c.invoke('lead-home-preferences-set', {
    leadId: lead.id,
    patch: { cities: ['Maple Grove'], priceMax: 450_000, bedsMin: 3 },
  });
  return lead.id;
}

const alerts = (c: EngineTestCore) => c.channels.all().filter((send) => send.channel === 'email');

describe('property alerts', () => {
  it('a price cut that fits sends one alert; more news in the window waits for its end', async () => {
    core = await setUp();
    const leadId = await buyer(core, 'Dana', '+16125550142');
    await core.runFor(2 * HOUR);
    expect(alerts(core)).toHaveLength(0);

    await importHomes(core, [row('A1', 435_000), row('A2', 520_000)]);
    await core.runFor(10 * MINUTE);
    expect(alerts(core)).toHaveLength(1);
    const [first] = alerts(core);
    expect(first?.subject).toBe('1 price cut in Maple Grove under $450k');
    expect(first?.body).toMatch(/1 price cut in Maple Grove under \$450k, picked for your search/);
    expect(first?.body).toContain('$435,000');
    expect(first?.html).toContain('https://photos.example.com/A1.jpg');
    const sentAt = core.clock.now();

    // A second cut and a new home two hours later: the window (24 h) holds them back.
    await core.runFor(2 * HOUR);
    await importHomes(core, [row('A1', 425_000), row('A2', 445_000), row('B7', 410_000)]);
    await core.runFor(6 * HOUR);
    expect(alerts(core)).toHaveLength(1);

    // At the window's end they go as one alert; A1 was sent already and is left out.
    await core.runUntil(sentAt + 25 * HOUR);
    expect(alerts(core)).toHaveLength(2);
    const second = alerts(core)[1];
    expect(second?.subject).toBe('1 new home and 1 price cut in Maple Grove under $450k');
    expect(second?.body).toContain('B7 Elm St');
    expect(second?.body).toContain('A2 Elm St');
    expect(second?.body).not.toContain('A1 Elm St');
    const lead = (await core.ctx.db.leads.findOne(leadId).exec())?.toMutableJSON();
    expect(lead?.homesSent?.map((home) => home.listingId).sort()).toEqual([
      'lst-csv-A1',
      'lst-csv-A2',
      'lst-csv-B7',
    ]);
    const runs = await core.invoke('enrollments-for-lead', { leadId });
    expect(runs.map((run) => [run.sequenceId, run.cycle, run.status])).toEqual(
      expect.arrayContaining([
        ['builtin-property-alerts', 0, 'completed'],
        ['builtin-property-alerts', 1, 'completed'],
      ]),
    );
  });

  it('a home that fits no lead sends nothing', async () => {
    core = await setUp();
    await buyer(core, 'Dana', '+16125550142');
    await importHomes(core, [row('W1', 899_000, 'Wayzata', '55391'), row('W2', 640_000, 'Wayzata', '55391')]);
    await core.runFor(3 * HOUR);
    expect(alerts(core)).toHaveLength(0);
    const runs = await core.ctx.db.enrollments
      .find({ selector: { sequenceId: 'builtin-property-alerts' } })
      .exec();
    expect(runs).toHaveLength(0);
  });

  it('a lead who texted STOP gets nothing, nor one without an email; the others get their alert', async () => {
    core = await setUp();
    const stopped = await buyer(core, 'Sam', '+16125550143');
    await buyer(core, 'Dana', '+16125550142');
    const { lead: noEmail } = await core.invoke('leads-create', {
      lead: { firstName: 'Lee', lastName: 'Park', phone: '+16125550144' },
    });
    await core.invoke('lead-home-preferences-set', {
      leadId: noEmail.id,
      patch: { cities: ['Maple Grove'], priceMax: 450_000 },
    });
    await core.invoke('messages-record-inbound', { leadId: stopped, channel: 'sms', body: 'STOP' });
    await core.engine.idle();
    await importHomes(core, [row('A1', 430_000)]);
    await core.runFor(3 * HOUR);
    expect(alerts(core).map((send) => send.to)).toEqual(['dana@example.com']);
    expect(await core.invoke('enrollments-for-lead', { leadId: stopped })).toHaveLength(0);
    expect(await core.invoke('enrollments-for-lead', { leadId: noEmail.id })).toHaveLength(0);
  });
});
