// The homes go out by email through a real local SMTP peer: listings imported from a CSV, a lead
// whose notes say where and how much, a message with {{property_matches}} handed to the mail
// server with its cards (photo, price, rooms, address, link). The received HTML is opened in
// Chromium for a screenshot of the email as the lead sees it. Then the property alert: the
// "New homes and price cuts" playbook turned on, a new home and a price cut imported, and the
// alert naming the news reaches the same lead (the home already sent left out).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpPeer, type SmtpPeer } from '../channels/mail-peer';
import { startAppSession, type AppSession } from '../support/app-session';
import { zoneInWorkingHours } from '../support/working-hours';

let app: AppSession;
let smtp: SmtpPeer;
let photos: Server;
let photoBase = '';
/** The received email's HTML, served from the photo host for the screenshot. */
let shownEmail = '';

beforeAll(async () => {
  // Stand-in photo host: a coloured house tile per path.
  photos = createServer((req, res) => {
    if (req.url === '/email') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(shownEmail);
      return;
    }
    const hue = [...(req.url ?? '')].reduce((sum, c) => sum + c.charCodeAt(0), 0) % 360;
    res.writeHead(200, { 'content-type': 'image/svg+xml' });
    res.end(
      `<svg xmlns="http://www.w3.org/2000/svg" width="560" height="300"><rect width="560" height="300" fill="hsl(${String(hue)},40%,62%)"/><path d="M180 220 L280 110 L380 220 Z M205 220 h150 v60 h-150 Z" fill="#fff" opacity="0.85"/></svg>`,
    );
  });
  await new Promise<void>((resolve) => photos.listen(0, '127.0.0.1', resolve));
  photoBase = `http://127.0.0.1:${String((photos.address() as AddressInfo).port)}`;
  [app, smtp] = await Promise.all([startAppSession({ args: ['--no-demo'] }), startSmtpPeer()]);
});
afterAll(async () => {
  await app.close();
  await smtp.close();
  await new Promise<void>((resolve) => photos.close(() => resolve()));
});

describe('homes by email through a real SMTP peer', () => {
  it('sends the lead’s matches as cards and records them as sent', async () => {
    await app.invoke('email-settings-set', {
      smtp: { host: '127.0.0.1', port: smtp.port, security: 'none' },
      fromAddress: 'dana@example.org',
      physicalAddress: '100 Congress Ave, Austin, TX 78701',
    });
    await app.invoke('profile-set', {
      firstName: 'Dana',
      lastName: 'Reyes',
      phone: '(512) 555-0100',
      email: 'dana@example.org',
      brokerage: 'Porchlight Realty',
      officeAddress: '100 Congress Ave, Austin, TX 78701',
    });
    const csv = [
      'MLS #,Status,List Price,Beds,Baths,Address,City,State,Zip,Photo URL,Link',
      `A1,Active,449000,3,2,12 Elm St,Maple Grove,MN,55311,${photoBase}/a1.svg,https://homes.example.com/a1`,
      `A2,Active,425000,4,2,88 Birch Ln,Maple Grove,MN,55311,${photoBase}/a2.svg,https://homes.example.com/a2`,
      `A3,Active,389000,2,1,40 Pine Ct,Maple Grove,MN,55311,${photoBase}/a3.svg,https://homes.example.com/a3`,
      'A4,Active,975000,5,4,1 Lake Rd,Wayzata,MN,55391,,',
    ].join('\n');
    const preview = await app.invoke('listings-csv-preview', { text: csv });
    const report = await app.invoke('listings-import-csv', {
      text: csv,
      mapping: { ...preview.mapping, 'MLS #': 'ListingKey' },
    });
    expect(report.added).toBe(4);
    const { lead } = await app.invoke('leads-create', {
      lead: {
        firstName: 'Maya',
        lastName: 'Chen',
        email: 'maya.chen@example.com',
        timeZone: zoneInWorkingHours(),
        notes: 'Looking in Maple Grove, under $450k',
      },
    });
    const queued = await app.invoke('compose-send', {
      leadId: lead.id,
      channel: 'email',
      subject: 'Homes in Maple Grove for you',
      body: 'Hi Maya,\n\nHere are the homes that fit what you told me:\n\n{{property_matches}}\n\nWant to see any of them this week?\n\n{{agent.signature}}',
      when: 'next_allowed',
    });
    // (The new lead's welcome email goes too; the homes are in the message written here.)
    const homesMail = () => smtp.received.find((m) => m.parsed.subject === 'Homes in Maple Grove for you');
    await expect.poll(() => homesMail() !== undefined, { timeout: 30_000 }).toBe(true);
    const mail = homesMail();
    expect(mail?.envelopeTo).toEqual(['maya.chen@example.com']);
    const html = typeof mail?.parsed.html === 'string' ? mail.parsed.html : '';
    expect(html).toContain(`<img src="${photoBase}/a1.svg"`);
    expect(mail?.parsed.text).toContain('$449,000 · 3 bd / 2 ba · 12 Elm St, Maple Grove, MN');
    expect(mail?.parsed.text).toContain('https://homes.example.com/a2');
    expect(mail?.parsed.text).not.toContain('Wayzata');
    const matches = await app.invoke('lead-matches', { leadId: lead.id });
    expect(matches.sentCount).toBe(3);
    expect(
      (await app.invoke('messages-for-lead', { leadId: lead.id })).find((m) => m.id === queued.id)?.status,
    ).toMatch(/sent|delivered/);

    // Outside the app's Content-Security-Policy, as a mail client shows it.
    shownEmail = html;
    const page = await app.open('/leads');
    await page.goto(`${photoBase}/email`, { waitUntil: 'load' });
    expect(
      await page.evaluate(() =>
        Array.from(document.images).every((img: HTMLImageElement) => img.naturalWidth > 0),
      ),
    ).toBe(true);
    await app.shot(page, 'listings-email');
    await page.close();
  });

  it('emails a property alert for a new home that fits, leaving out the home already sent', async () => {
    await app.invoke('sequences-set-status', { id: 'builtin-property-alerts', status: 'active' });
    const csv = [
      'MLS #,Status,List Price,Beds,Baths,Address,City,State,Zip,Photo URL,Link',
      `A2,Active,415000,4,2,88 Birch Ln,Maple Grove,MN,55311,${photoBase}/a2.svg,https://homes.example.com/a2`,
      `A5,Active,439000,3,2,5 Cedar Way,Maple Grove,MN,55311,${photoBase}/a5.svg,https://homes.example.com/a5`,
    ].join('\n');
    const preview = await app.invoke('listings-csv-preview', { text: csv });
    const report = await app.invoke('listings-import-csv', {
      text: csv,
      mapping: { ...preview.mapping, 'MLS #': 'ListingKey' },
    });
    expect(report).toMatchObject({ added: 1, priceCuts: 1 });
    // The scan waits 30 s for an import's news to settle, then the alert goes through the outbox.
    const alert = () =>
      smtp.received.find((m) => m.parsed.subject === '1 new home in Maple Grove under $450k');
    await expect.poll(() => alert() !== undefined, { timeout: 90_000, interval: 1000 }).toBe(true);
    const mail = alert();
    expect(mail?.envelopeTo).toEqual(['maya.chen@example.com']);
    expect(mail?.parsed.text).toContain('1 new home in Maple Grove under $450k, picked for your search');
    expect(mail?.parsed.text).toContain('5 Cedar Way');
    expect(mail?.parsed.text).not.toContain('88 Birch Ln');
    shownEmail = typeof mail?.parsed.html === 'string' ? mail.parsed.html : '';
    const page = await app.open('/leads');
    await page.goto(`${photoBase}/email`, { waitUntil: 'load' });
    await app.shot(page, 'listings-alert-email');
    await page.close();
  }, 150_000);
});
