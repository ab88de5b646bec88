// Settings → Desktop in Chromium against the headless shell: the section is listed and, since
// start at login and the tray belong to the desktop app, says so instead of showing switches
// that would do nothing here. (The switches' effect is tested on the built desktop bundle in
// desktop-shell.e2e.test.ts.) Screenshot under test-results/, axe.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settingsSectionNames } from '../../src-shared/settings-sections';
import { seriousA11yViolations } from '../support/axe';
import { startAppSession, type AppSession } from '../support/app-session';

let app: AppSession;
beforeAll(async () => {
  app = await startAppSession();
});
afterAll(() => app.close());

describe('Settings → Desktop in the browser version', () => {
  it('is listed, and says its switches belong to the desktop app', async () => {
    const page = await app.open('/leads');
    await page.getByRole('link', { name: 'Settings', exact: true }).click();
    const nav = page.getByRole('navigation', { name: 'Settings sections' });
    await nav.getByRole('link', { name: settingsSectionNames.desktop, exact: true }).click();
    await expect.poll(() => page.evaluate(() => window.location.hash)).toBe('#/settings/desktop');
    const section = page.getByRole('region', { name: 'Desktop' });
    await expect.poll(() => section.textContent()).toContain('belong to the desktop app');
    expect(await section.getByRole('checkbox').count()).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await app.shot(page, 'settings-desktop-headless');
  });
});
