// Settings as sections on the demo workspace: every section reachable from the list with its
// own address; Sending rules refuse wrong values beside their fields and keep what was typed;
// Scoring previews its effect on the current leads before saving; Email connects to a real
// local SMTP peer and "send a test email" shows what the server answered; Demo data is removed
// after a confirmation and brought back with undo. Screenshots under test-results/, axe on each.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settingsSectionNames } from '../../src-shared/settings-sections';
import { startSmtpPeer, type SmtpPeer } from '../channels/mail-peer';
import { seriousA11yViolations } from '../support/axe';
import { startAppSession, type AppSession } from '../support/app-session';

let app: AppSession;
let smtp: SmtpPeer;
beforeAll(async () => {
  [app, smtp] = await Promise.all([startAppSession(), startSmtpPeer()]);
});
afterAll(async () => {
  await app.close();
  await smtp.close();
});

describe('settings sections in Chromium against the headless shell', () => {
  it('lists every section, each at its own address, and refuses wrong sending rules beside the fields', async () => {
    const page = await app.open('/leads');
    await page.getByRole('link', { name: 'Settings', exact: true }).click();
    const nav = page.getByRole('navigation', { name: 'Settings sections' });
    for (const name of [
      'Email',
      'Text messages and WhatsApp',
      'AI',
      'Sending rules',
      'Scoring',
      'Team',
      'Demo data',
    ])
      expect(await nav.getByRole('link', { name, exact: true }).count()).toBe(1);

    await nav.getByRole('link', { name: settingsSectionNames.sending }).click();
    await expect.poll(() => page.evaluate(() => window.location.hash)).toBe('#/settings/sending');
    const main = page.getByRole('main');
    await main.getByLabel('Send from').fill('21:00');
    await main.getByLabel('Send until').fill('08:00');
    await main.getByLabel(/Team holidays/).fill('2026-12-25\n25/12/2026');
    await main.getByLabel(/Team time zone/).fill('Mars/Olympus');
    await main.getByLabel('Texts a minute').fill('lots');
    await main.getByRole('button', { name: 'Save sending rules' }).click();
    await expect
      .poll(async () => (await main.getByRole('alert').allTextContents()).join(' | '))
      .toContain('the end must be after the start');
    const alerts = (await main.getByRole('alert').allTextContents()).join(' | ');
    expect(alerts).toContain('a date written yyyy-mm-dd');
    expect(alerts).toContain('a time zone such as America/Chicago');
    expect(alerts).toContain('a whole number of sends a minute');
    expect(await main.getByRole('status').textContent()).toContain('Settings → Sending rules');
    // Nothing typed is lost.
    expect(await main.getByLabel(/Team time zone/).inputValue()).toBe('Mars/Olympus');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await app.shot(page, 'settings-sending-refused');

    await main.getByLabel('Send from').fill('09:00');
    await main.getByLabel('Send until').fill('20:00');
    await main.getByLabel(/Team holidays/).fill('2026-12-25');
    await main.getByLabel(/Team time zone/).fill('America/Chicago');
    await main.getByLabel('Texts a minute').fill('30');
    await main.getByLabel('Sunday').uncheck();
    await main.getByLabel('A text step is').selectOption('email');
    await main.getByRole('button', { name: 'Save sending rules' }).click();
    await expect.poll(() => main.getByRole('status').textContent()).toContain('Saved');
    const saved = await app.invoke('engine-settings-get', {});
    expect(saved).toMatchObject({
      quietHours: { start: '09:00', end: '20:00' },
      sendWeekdays: [1, 2, 3, 4, 5, 6],
      holidays: ['2026-12-25'],
      teamTimeZone: 'America/Chicago',
      rateLimits: { sms: 30 },
      fallbackDefaults: { sms: ['email'] },
    });
    await page.close();
  });

  it('previews new scoring weights on the current leads before saving', async () => {
    const page = await app.open('/settings/scoring');
    const main = page.getByRole('main');
    await main.getByLabel('Hot from score').fill('30');
    await main.getByLabel('Warm from score').fill('50');
    await main.getByRole('button', { name: 'Preview on current leads' }).click();
    await expect
      .poll(async () => (await main.getByRole('alert').allTextContents()).join(' '))
      .toContain('the warm threshold must be below the hot one');
    await main.getByLabel('Warm from score').fill('20');
    await main.getByLabel('What they wrote').fill('90');
    const before = await app.invoke('scoring-settings-get', {});
    await main.getByRole('button', { name: 'Preview on current leads' }).click();
    const effect = main.getByRole('region', { name: 'Effect on current leads' });
    await expect.poll(() => effect.getByRole('status').textContent()).toMatch(/would change temperature/);
    expect(await effect.getByRole('table', { name: 'Leads by temperature' }).count()).toBe(1);
    expect(
      await effect.getByRole('table', { name: 'Biggest moves' }).getByRole('row').count(),
    ).toBeGreaterThan(1);
    // A preview saves nothing.
    expect(await app.invoke('scoring-settings-get', {})).toEqual(before);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await app.shot(page, 'settings-scoring-preview');

    await main.getByRole('button', { name: 'Save scoring' }).click();
    await expect.poll(() => main.getByRole('status').first().textContent()).toContain('rescored');
    expect(await app.invoke('scoring-settings-get', {})).toMatchObject({
      thresholds: { hot: 30, warm: 20 },
      weights: { content: 90 },
    });
    await page.close();
  });

  it('connects email to a local SMTP server and shows what it answered to a test email', async () => {
    const page = await app.open('/settings/email');
    const main = page.getByRole('main');
    await main.getByLabel('SMTP server').fill('127.0.0.1');
    await main.getByLabel('Port').fill(String(smtp.port));
    await main.getByLabel('Security').selectOption('none');
    await main.getByLabel('From address').fill('dana@example.org');
    await main.getByLabel(/Office postal address/).fill('100 Congress Ave, Austin, TX 78701');
    await main.getByLabel(/Unsubscribe link base/).fill('sync.example.com/u/');
    await main.getByRole('button', { name: 'Save email settings' }).click();
    await expect
      .poll(async () => (await main.getByRole('alert').allTextContents()).join(' '))
      .toContain('must start with https://');
    await main.getByLabel(/Unsubscribe link base/).fill('https://sync.example.com/u/');
    await main.getByRole('button', { name: 'Save email settings' }).click();
    await expect.poll(() => main.getByRole('status').first().textContent()).toContain('Saved');
    await expect
      .poll(() => main.getByRole('list', { name: 'Connection' }).textContent(), { timeout: 20_000 })
      .toContain('Sending email: connected');

    await main.getByLabel('Send a test email to').fill('dana.own@example.org');
    await main.getByRole('button', { name: 'Send a test email' }).click();
    await expect
      .poll(async () => (await main.getByRole('status').allTextContents()).join(' '), { timeout: 20_000 })
      .toContain('The mail server answered:');
    expect(smtp.received.some((m) => m.envelopeTo.includes('dana.own@example.org'))).toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await app.shot(page, 'settings-email-test');
    await page.close();
  });

  it('removes the demo after a confirmation and brings it back with undo', async () => {
    const page = await app.open('/settings/demo');
    const main = page.getByRole('main');
    await main.getByRole('button', { name: 'Remove demo data…' }).click();
    const confirm = page.getByRole('dialog', { name: 'Remove the demo workspace' });
    await confirm.getByRole('button', { name: 'Keep the demo' }).click();
    expect((await app.invoke('app-info', {})).hasDemo).toBe(true);

    await main.getByRole('button', { name: 'Remove demo data…' }).click();
    await confirm.getByRole('button', { name: 'Remove demo data' }).click();
    await expect.poll(() => main.getByRole('status').textContent()).toContain('The demo was removed');
    expect((await app.invoke('app-info', {})).hasDemo).toBe(false);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await app.shot(page, 'settings-demo-removed');

    await main.getByRole('button', { name: 'Undo: bring the demo back' }).click();
    await expect.poll(async () => (await app.invoke('app-info', {})).hasDemo, { timeout: 15_000 }).toBe(true);
    // The demo's leads come back first; the section follows when its read is refreshed.
    await expect
      .poll(() => main.getByRole('button', { name: 'Remove demo data…' }).count(), { timeout: 15_000 })
      .toBe(1);
    await page.close();
  });
});
