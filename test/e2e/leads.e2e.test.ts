// A person adds a lead through the UI of the headless shell in Chromium, is told a bad phone
// number is wrong (beside the field), fixes it, restarts the app and finds the lead again.
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousA11yViolations } from '../support/axe';
import { openSignedIn } from '../support/signed-in-page';
import { launchChromium } from '../support/browser';
import {
  repoRoot,
  runHeadlessToExit,
  startHeadless,
  type HeadlessProcess,
} from '../support/headless-process';

let browser: Browser;
let dataDir: string;
const shells: HeadlessProcess[] = [];

beforeAll(async () => {
  browser = await launchChromium();
  dataDir = mkdtempSync(join(tmpdir(), 'porchlight-e2e-'));
  mkdirSync(join(repoRoot, 'test-results'), { recursive: true });
});

afterAll(async () => {
  await browser.close();
  for (const shell of shells) await shell.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function openApp(shell: HeadlessProcess): Promise<Page> {
  const page = await openSignedIn(browser, shell.url, { viewport: { width: 1280, height: 800 } });
  await page.getByRole('gridcell').first().waitFor();
  return page;
}

describe('the lead grid in Chromium against the headless shell', () => {
  it('adds a lead, refuses a bad phone beside the field, and keeps the lead across a restart', async () => {
    const first = await startHeadless(['--data', dataDir, '--port', '0']);
    shells.push(first);
    const page = await openApp(first);
    await expect
      .poll(() => page.getByRole('region', { name: 'Demo workspace' }).textContent())
      .toContain('demo workspace');

    await page.keyboard.press('n');
    const dialog = page.getByRole('dialog', { name: 'New lead' });
    await dialog.getByLabel('First name').fill('Rosalind');
    await dialog.getByLabel('Last name').fill('Franklin');
    await dialog.getByLabel('Email').fill('Rosalind.Franklin@Example.com');
    await dialog.getByLabel('Phone').fill('555-12');
    await dialog.getByLabel('ZIP').fill('60614');
    await dialog.getByRole('button', { name: 'Save lead' }).click();

    const phoneError = dialog.locator('#phone-error');
    await expect.poll(() => phoneError.textContent()).toBe('phone "555-12" is not a valid US number');
    expect(await dialog.getByLabel('Phone').getAttribute('aria-invalid')).toBe('true');
    expect(await dialog.getByLabel('First name').inputValue()).toBe('Rosalind');
    await page.screenshot({ path: join(repoRoot, 'test-results', 'lead-form-phone-error.png') });

    await dialog.getByLabel('Phone').fill('(312) 555-0188');
    await dialog.getByRole('button', { name: 'Save lead' }).click();
    await dialog.waitFor({ state: 'detached' });
    // A saved new lead opens on its own page; back returns to the grid.
    await page.getByRole('heading', { name: 'Rosalind Franklin' }).waitFor();
    await page.goBack();

    await page.getByLabel('Search leads').fill('rosalind');
    const row = page.getByRole('row').filter({ hasText: 'Rosalind Franklin' });
    await row.waitFor();
    await page.screenshot({ path: join(repoRoot, 'test-results', 'lead-grid-after-add.png') });

    expect(await first.stop()).toBe(0);

    const second = await startHeadless(['--data', dataDir, '--port', '0']);
    shells.push(second);
    const again = await openApp(second);
    await again.getByLabel('Search leads').fill('franklin');
    const persisted = again.getByRole('row').filter({ hasText: 'Rosalind Franklin' });
    await persisted.waitFor();
    await persisted.dblclick();
    await again.getByRole('heading', { name: 'Rosalind Franklin' }).waitFor();
    await again.getByRole('button', { name: 'Edit', exact: true }).click();
    const edit = again.getByRole('dialog', { name: 'Edit lead' });
    expect(await edit.getByLabel('Phone').inputValue()).toBe('+13125550188');
    expect(await edit.getByLabel('Email').inputValue()).toBe('rosalind.franklin@example.com');
    await again.screenshot({ path: join(repoRoot, 'test-results', 'lead-after-restart.png') });
  });

  it('refuses a second instance on the same data folder with a clear message', async () => {
    const running = shells.at(-1);
    expect(running?.child.exitCode).toBeNull();
    const refused = await runHeadlessToExit(['--data', dataDir, '--port', '0']);
    expect(refused.code).toBe(1);
    expect(refused.output).toContain('Porchlight is already running on');
  });

  it('moves through the grid with the keyboard, opens a lead with Enter and edits it with e', async () => {
    const running = shells.at(-1);
    if (running === undefined) throw new Error('no running shell');
    const page = await openApp(running);
    await page.getByTestId('grid-body').focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await page.locator('[role=row][aria-current=true]').getAttribute('aria-rowindex')).toBe('4');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 2 }).waitFor();
    await page.keyboard.press('e');
    await page.getByRole('dialog', { name: 'Edit lead' }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
  });

  it('offers the likely correction of a mistyped email beside the field, and keeps the address as typed', async () => {
    const running = shells.at(-1);
    if (running === undefined) throw new Error('no running shell');
    const page = await openApp(running);
    await page.keyboard.press('n');
    const dialog = page.getByRole('dialog', { name: 'New lead' });
    await dialog.getByLabel('First name').fill('John');
    await dialog.getByLabel('Email').fill('john@gmial.com');
    const hint = dialog.locator('#email-suggestion');
    await expect.poll(() => hint.textContent()).toContain('Did you mean john@gmail.com?');
    expect(await dialog.getByLabel('Email').getAttribute('aria-describedby')).toBe('email-suggestion');
    expect(await dialog.getByLabel('Email').inputValue()).toBe('john@gmial.com');
    await page.screenshot({ path: join(repoRoot, 'test-results', 'lead-form-email-suggestion.png') });
    expect(await seriousA11yViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'john@gmail.com' }).click();
    expect(await dialog.getByLabel('Email').inputValue()).toBe('john@gmail.com');
    expect(await hint.count()).toBe(0);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });
});
