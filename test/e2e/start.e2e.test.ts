// Getting started on a new workspace: the top bar shows how far the guide is; the guide lists
// its four steps with where to do each; a lead of your own ticks "Import or add leads" by
// itself; a step is marked by hand; the guide is skipped (the top bar lets it go) and resumed
// from Settings.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousA11yViolations } from '../support/axe';
import { startAppSession, type AppSession } from '../support/app-session';

let app: AppSession;
beforeAll(async () => {
  app = await startAppSession();
});
afterAll(() => app.close());

describe('getting started in Chromium against the headless shell', () => {
  it('guides, ticks what it sees done, and can be skipped and resumed', async () => {
    const page = await app.open('/leads');
    const pill = page.getByRole('link', { name: /Getting started · 0 of 4/ });
    await pill.click();
    const guide = page.getByRole('region', { name: 'Getting started' });
    await expect.poll(() => guide.getByRole('listitem').count()).toBe(4);
    expect(await guide.getByRole('link', { name: 'Import leads' }).getAttribute('href')).toBe('#/import');
    expect(await guide.getByRole('link', { name: 'Open Settings → Profile' }).getAttribute('href')).toBe(
      '#/settings/profile',
    );
    expect(await seriousA11yViolations(page)).toEqual([]);
    await app.shot(page, 'start-guide');

    // Demo leads are not yours; a lead you add is.
    await app.invoke('leads-create', { lead: { firstName: 'Ana', email: 'ana@example.com' } });
    const leadsStep = guide.getByRole('listitem').filter({ hasText: 'Import or add leads' });
    await expect.poll(() => leadsStep.textContent()).toContain('1 lead of your own.');
    await expect.poll(() => page.getByRole('link', { name: /Getting started · 1 of 4/ }).count()).toBe(1);

    const playbooks = guide.getByRole('listitem').filter({ hasText: 'Pick your playbooks' });
    await playbooks.getByRole('button', { name: 'Mark as done' }).click();
    await expect.poll(() => playbooks.getByRole('button', { name: 'Not done yet' }).count()).toBe(1);
    await expect.poll(() => page.getByRole('link', { name: /Getting started · 2 of 4/ }).count()).toBe(1);
    await app.shot(page, 'start-guide-progress');

    await guide.getByRole('button', { name: 'Skip for now' }).click();
    await expect.poll(() => page.evaluate(() => window.location.hash)).toBe('#/leads');
    await expect.poll(() => page.getByRole('link', { name: /Getting started ·/ }).count()).toBe(0);

    await page.getByRole('link', { name: 'Settings', exact: true }).click();
    await page.getByRole('link', { name: 'Getting started guide' }).click();
    await page.getByRole('button', { name: 'Resume the guide' }).click();
    await expect.poll(() => page.getByRole('link', { name: /Getting started · 2 of 4/ }).count()).toBe(1);
    await expect.poll(async () => (await app.invoke('first-run-get', {})).skipped).toBe(false);
    await page.close();
  });
});
