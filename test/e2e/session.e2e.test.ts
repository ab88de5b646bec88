// The headless shell's sign-in as a person meets it: the printed address opens the app and
// leaves the address bar without its token; opening the same address again in another
// browser (its history, a shared screen) gets the access-key page, not the workspace.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousA11yViolations } from '../support/axe';
import { launchChromium } from '../support/browser';
import { repoRoot, startHeadless, type HeadlessProcess } from '../support/headless-process';

let browser: Browser;
let shell: HeadlessProcess;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'porchlight-e2e-'));
  mkdirSync(join(repoRoot, 'test-results'), { recursive: true });
  [browser, shell] = await Promise.all([launchChromium(), startHeadless(['--data', dataDir, '--port', '0'])]);
});

afterAll(async () => {
  await browser.close();
  await shell.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('signing in to the headless shell', () => {
  it('the printed address works once and is not kept in the address bar', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(shell.url);
    await page.getByRole('gridcell').first().waitFor();
    expect(page.url()).not.toContain('token');
    const cookies = await page.context().cookies();
    expect(cookies.find((c) => c.name === 'porchlight_session')).toMatchObject({
      httpOnly: true,
      sameSite: 'Strict',
    });
    expect(await page.evaluate(() => document.cookie)).toBe('');
    // A reload keeps the session.
    await page.reload();
    await page.getByRole('gridcell').first().waitFor();

    const elsewhere = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await elsewhere.goto(shell.url);
    await elsewhere.getByRole('heading', { name: 'Porchlight needs its access key' }).waitFor();
    expect(elsewhere.url()).not.toContain('token');
    expect(await seriousA11yViolations(elsewhere)).toEqual([]);
    await elsewhere.screenshot({ path: join(repoRoot, 'test-results', 'session-address-used.png') });
    await Promise.all([page.close(), elsewhere.close()]);
  });
});
