// The app shell: every screen has its own address, back and forward move between them, `?`
// lists the shortcuts, the navigation bar marks where you are, and a bare address without
// the access key says what to do instead of showing an empty workspace.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousA11yViolations } from '../support/axe';
import { scrollsSideways, startAppSession, type AppSession } from '../support/app-session';

let app: AppSession;
beforeAll(async () => {
  app = await startAppSession();
});
afterAll(() => app.close());

describe('the app shell in Chromium against the headless shell', () => {
  it('opens a lead at its own address; back and forward move between the grid and the lead', async () => {
    const page = await app.open('/leads');
    await page.getByRole('gridcell').first().waitFor();
    expect(await page.getByRole('link', { name: 'Leads' }).getAttribute('aria-current')).toBe('page');

    await page.getByTestId('grid-body').focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 2 }).waitFor();
    expect(page.url()).toMatch(/#\/leads\/[^/]+$/);
    const leadUrl = page.url();
    const name = await page.getByRole('heading', { level: 2 }).textContent();

    await page.goBack();
    await page.getByRole('gridcell').first().waitFor();
    expect(page.url()).toMatch(/#\/leads$/);
    await page.goForward();
    await expect.poll(() => page.getByRole('heading', { level: 2 }).textContent()).toBe(name);
    expect(page.url()).toBe(leadUrl);

    // A reload keeps the screen (the access key stays with the tab).
    await page.reload();
    await expect.poll(() => page.getByRole('heading', { level: 2 }).textContent()).toBe(name);
    await page.close();
  });

  it('lists the shortcuts on ?, closes on Esc and gives focus back; g then l goes to the leads', async () => {
    const page = await app.open('/leads');
    await page.getByRole('gridcell').first().waitFor();
    await page.getByTestId('grid-body').focus();
    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await help.waitFor();
    expect(await help.textContent()).toContain('New lead');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await app.shot(page, 'shell-shortcuts');
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('grid-body');

    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 2 }).waitFor();
    await page.keyboard.press('g');
    await page.keyboard.press('l');
    await page.getByRole('gridcell').first().waitFor();
    expect(page.url()).toMatch(/#\/leads$/);
    await page.close();
  });

  it('says an unknown address has no screen', async () => {
    const page = await app.open('/nowhere');
    await page.getByText('There is no screen at this address').waitFor();
    await page.close();
  });

  it('fits 1024×640 without sideways scrolling', async () => {
    const page = await app.open('/leads', { width: 1024, height: 640 });
    await page.getByRole('gridcell').first().waitFor();
    expect(await scrollsSideways(page)).toBe(false);
    expect(await page.getByRole('button', { name: '+ New lead' }).isVisible()).toBe(true);
    await app.shot(page, 'shell-1024x640');
    await page.close();
  });

  it('asks for the access key on a bare address, without retrying the refused calls', async () => {
    const page = await app.browser.newPage({ viewport: { width: 1280, height: 800 } });
    let refused = 0;
    page.on('response', (response) => {
      if (response.status() === 401) refused++;
    });
    await page.goto(new URL(app.shell.url).origin + '/');
    await page.getByRole('heading', { name: 'Porchlight needs its access key' }).waitFor();
    expect(await page.getByRole('grid').count()).toBe(0);
    expect(refused).toBe(1);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await app.shot(page, 'shell-no-access-key');
    await page.close();
  });
});
