// Settings → Team against a real sync server (listening on a free 127.0.0.1 port, a temp
// SQLite folder): a wrong code is refused beside its field, the admin's one-time code signs in
// and the status shows the team; signing out returns to working alone.
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTeamWithAdmin } from '../../src-sync/accounts/team';
import { listenSyncServer, type RunningSyncServer } from '../../src-sync/server';
import { seriousA11yViolations } from '../support/axe';
import { launchChromium } from '../support/browser';
import { repoRoot, startHeadless, type HeadlessProcess } from '../support/headless-process';
import { openSignedIn } from '../support/signed-in-page';
import { silentLogger, sqliteStorage, tempDir, TOKEN_KEY } from '../sync/harness';

let browser: Browser;
let shell: HeadlessProcess;
let sync: RunningSyncServer;
let code: string;
const dataDir = tempDir('porchlight-team-');
const syncDir = tempDir('porchlight-team-sync-');

beforeAll(async () => {
  const storage = await sqliteStorage(syncDir.path);
  const clock = { now: () => Date.now() };
  code = (
    await createTeamWithAdmin(storage, clock, { teamName: 'Lakeside Realty', adminEmail: 'jane@example.com' })
  ).code;
  sync = await listenSyncServer({ storage, clock, logger: silentLogger, tokenKey: TOKEN_KEY }, { port: 0 });
  browser = await launchChromium();
  shell = await startHeadless(['--data', dataDir.path, '--port', '0', '--no-demo']);
});

afterAll(async () => {
  await browser.close();
  await shell.stop();
  await sync.stop();
  dataDir.remove();
  syncDir.remove();
});

describe('Settings → Team in Chromium against the headless shell and a sync server', () => {
  it('refuses a wrong code beside its field, signs in with the right one, and signs out', async () => {
    const page = await openSignedIn(browser, shell.url, { viewport: { width: 1280, height: 800 } });
    await page.getByRole('link', { name: 'Settings', exact: true }).click();
    const settings = page.getByRole('main');
    await settings.getByRole('link', { name: 'Team', exact: true }).click();

    await settings.getByLabel('Sync server address').fill(sync.url);
    await settings.getByLabel('Email').fill('jane@example.com');
    await settings.getByLabel('One-time sign-in code (first sign-in only)').fill('NOT-THE-CODE');
    await settings.getByLabel('Password (with a code: choose one)').fill('correct horse battery');
    await settings.getByRole('button', { name: 'Sign in to the team' }).click();
    await expect
      .poll(() => settings.getByRole('alert').first().textContent())
      .toContain('sign-in code is not valid');
    await page.screenshot({ path: join(repoRoot, 'test-results', 'team-wrong-code.png') });

    await settings.getByLabel('One-time sign-in code (first sign-in only)').fill(code);
    await settings.getByRole('button', { name: 'Sign in to the team' }).click();
    await expect.poll(() => settings.textContent()).toContain('Signed in as');
    await expect.poll(() => settings.textContent()).toContain('In step with the team.');
    // The moved documents went up: nothing waits, and the count says so without a reload.
    await expect.poll(() => settings.locator('.team-status dd').first().textContent()).toBe('0');
    await page.screenshot({ path: join(repoRoot, 'test-results', 'team-signed-in.png') });
    expect(await seriousA11yViolations(page)).toEqual([]);

    await settings.getByRole('button', { name: 'Sign out of the team' }).click();
    await expect.poll(() => settings.textContent()).toContain('Not signed in');
  });
});
