// Connecting channels from the settings screen: a bad sender number is refused beside its
// field, a saved secret shows as "saved" and is never shown back, and AI without a key says
// the rules answer.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousA11yViolations } from '../support/axe';
import { openSignedIn } from '../support/signed-in-page';
import { launchChromium } from '../support/browser';
import { repoRoot, startHeadless, type HeadlessProcess } from '../support/headless-process';

let browser: Browser;
let shell: HeadlessProcess;
let dataDir: string;

beforeAll(async () => {
  browser = await launchChromium();
  dataDir = mkdtempSync(join(tmpdir(), 'porchlight-settings-'));
  shell = await startHeadless(['--data', dataDir, '--port', '0', '--no-demo']);
});

afterAll(async () => {
  await browser.close();
  await shell.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('settings in Chromium against the headless shell', () => {
  it('refuses a bad number, keeps secrets write-only, and says who answers without an AI key', async () => {
    const page = await openSignedIn(browser, shell.url, { viewport: { width: 1280, height: 800 } });
    await page.getByRole('link', { name: 'Settings', exact: true }).click();
    const settings = page.getByRole('main');

    // The fields wait for the saved settings: nothing typed before they arrive is overwritten.
    let release = (): void => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(
      '**/api/invoke/channels-twilio-settings-get',
      async (route) => {
        await held;
        await route.continue();
      },
      { times: 1 },
    );
    await settings.getByRole('link', { name: 'Text messages and WhatsApp' }).click();
    await expect.poll(() => settings.getByText('Loading…').count()).toBe(1);
    expect(await settings.getByLabel('SMS from (E.164)').count()).toBe(0);
    release();
    await settings.getByLabel('SMS from (E.164)').fill('555-1234');
    await settings.getByRole('button', { name: 'Save text settings' }).click();
    await expect.poll(() => settings.getByRole('alert').first().textContent()).toContain('E.164');

    // The WhatsApp template the 24-hour-window message points to has its field here.
    await settings.getByLabel('WhatsApp template after 24 hours (ContentSid)').fill('HX12');
    await settings.getByRole('button', { name: 'Save text settings' }).click();
    await expect
      .poll(async () => (await settings.getByRole('alert').allTextContents()).join(' '))
      .toContain('a content template SID (HX followed by 32 hex digits)');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.screenshot({ path: join(repoRoot, 'test-results', 'settings-texts-refused.png') });
    await settings.getByLabel('WhatsApp template after 24 hours (ContentSid)').fill('');

    await settings.getByLabel('SMS from (E.164)').fill('+13125550100');
    await settings.getByLabel('Twilio auth token').fill('token-that-must-not-come-back');
    await settings.getByRole('button', { name: 'Save text settings' }).click();
    await expect.poll(() => settings.getByRole('status').textContent()).toContain('Saved');
    await expect.poll(() => settings.getByLabel('Twilio auth token (saved)').count()).toBe(1);
    expect(await settings.getByLabel('Twilio auth token (saved)').inputValue()).toBe('');
    expect(await page.content()).not.toContain('token-that-must-not-come-back');

    await settings.getByRole('link', { name: 'AI', exact: true }).click();
    await settings.getByRole('button', { name: 'Save AI settings' }).click();
    await expect
      .poll(() => settings.getByRole('status').textContent())
      .toContain('Rules answer until a key is set');
    await page.screenshot({ path: join(repoRoot, 'test-results', 'settings-ai.png') });
  });
});
