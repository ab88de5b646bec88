// Settings → Follow Up Boss in Chromium against the headless shell pointed (--fub-api) at a
// local Follow Up Boss-compatible server: a wrong key is refused beside its field and nothing is
// kept; the right key connects, people come in as leads (a bad phone is said in words), and the
// leads are on the grid.
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeFollowUpBoss, type FakeFollowUpBoss } from '../crm/fake-follow-up-boss';
import { seriousA11yViolations } from '../support/axe';
import { launchChromium } from '../support/browser';
import { repoRoot, startHeadless, type HeadlessProcess } from '../support/headless-process';
import { openSignedIn } from '../support/signed-in-page';
import { tempDir } from '../sync/harness';

let browser: Browser;
let shell: HeadlessProcess;
let fub: FakeFollowUpBoss;
const dataDir = tempDir('porchlight-fub-');

beforeAll(async () => {
  fub = await startFakeFollowUpBoss();
  fub.put({
    id: 101,
    firstName: 'Maria',
    lastName: 'Lopez',
    stage: 'Active Client',
    source: 'Zillow',
    emails: [{ value: 'maria.lopez@example.com', isPrimary: true }],
    phones: [{ value: '(612) 555-0142', isPrimary: true }],
    background: 'Pre-approved $650k, wants Maple Grove',
  });
  fub.put({ id: 102, firstName: 'Dev', lastName: 'Patel', stage: 'Lead', phones: [{ value: '555-12' }] });
  fub.put({
    id: 103,
    firstName: 'Ana',
    lastName: 'Silva',
    stage: 'Nurture',
    emails: [{ value: 'ana@example.com' }],
  });
  browser = await launchChromium();
  shell = await startHeadless(['--data', dataDir.path, '--port', '0', '--no-demo', '--fub-api', fub.baseUrl]);
});

afterAll(async () => {
  await browser.close();
  await shell.stop();
  await fub.close();
  dataDir.remove();
});

describe('Settings → Follow Up Boss in Chromium against the headless shell', () => {
  it('refuses a wrong key beside its field, connects with the right one and brings the people in', async () => {
    const page = await openSignedIn(browser, shell.url, { viewport: { width: 1280, height: 900 } });
    await page.getByRole('link', { name: 'Settings', exact: true }).click();
    const settings = page.getByRole('main');
    await settings.getByRole('link', { name: 'Follow Up Boss', exact: true }).click();
    await expect.poll(() => settings.textContent()).toContain('Not connected.');

    await settings.getByLabel('API key', { exact: true }).fill('not-the-key');
    await settings.getByRole('button', { name: 'Connect Follow Up Boss' }).click();
    await expect
      .poll(() => settings.getByRole('alert').first().textContent())
      .toContain('Follow Up Boss did not accept the API key');
    await expect.poll(() => settings.textContent()).toContain('Not connected.');

    await settings.getByLabel('API key', { exact: true }).fill(fub.apiKey);
    await settings.getByRole('button', { name: 'Connect Follow Up Boss' }).click();
    await expect.poll(() => settings.textContent(), { timeout: 20_000 }).toContain('3 leads linked');
    await expect.poll(() => settings.textContent()).toContain('read 3 people; 3 new leads');
    expect(await settings.textContent()).toContain(
      'Person 102 in Follow Up Boss: phone "555-12" is not a valid US number; the person was kept without a phone.',
    );
    // Solo: webhooks need a team's sync server; the section says so, and polling carries on.
    expect(await settings.textContent()).toContain(
      'Webhooks: not in use. Follow Up Boss sends them to a team’s sync server (Settings → Team)',
    );
    await page.screenshot({
      path: join(repoRoot, 'test-results', 'follow-up-boss-connected.png'),
      fullPage: true,
    });
    expect(await seriousA11yViolations(page)).toEqual([]);

    await page.getByRole('link', { name: 'Leads', exact: true }).click();
    await expect.poll(() => page.getByRole('main').textContent()).toContain('Maria Lopez');
    expect(fub.requests.every((r) => r.system === 'Porchlight')).toBe(true);
  });
});
