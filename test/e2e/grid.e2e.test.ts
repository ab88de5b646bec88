// The lead grid's day-to-day tools in Chromium against the headless shell: select every lead a
// search matches, tag them in one go and undo it; the bin; columns and widths remembered
// across a reload; saved views; which way a first click sorts; and what used to go wrong:
// `n` typed in the search box, Esc after a refused save, a `+44` search, an 800 px window.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { seriousA11yViolations } from '../support/axe';
import { scrollsSideways, startAppSession, type AppSession } from '../support/app-session';

let app: AppSession;
beforeAll(async () => {
  app = await startAppSession({ args: ['--no-demo'] });
  // Sequences are paused so the new leads stay as the test made them.
  for (const sequence of await app.invoke('sequences-list', {}))
    if (sequence.status === 'active')
      await app.invoke('sequences-set-status', { id: sequence.id, status: 'paused' });
  for (let i = 0; i < 50; i++)
    await app.invoke('leads-create', {
      lead: {
        firstName: `Open${String(i).padStart(2, '0')}`,
        lastName: 'Househunter',
        email: `oh${i}@example.com`,
      },
    });
  for (const [firstName, phone] of [
    ['Amelia', '+44 20 7946 0958'],
    ['Zed', '(312) 555-0142'],
  ] as const)
    await app.invoke('leads-create', { lead: { firstName, lastName: 'Other', phone } });
});
afterAll(() => app.close());

async function grid(path = '/leads', viewport?: { width: number; height: number }): Promise<Page> {
  const page = await app.open(path, viewport);
  await page.getByRole('gridcell').first().waitFor();
  return page;
}

const counts = (page: Page) => page.getByLabel('Lead counts').textContent();
const tagged = async (tag: string) =>
  (await app.invoke('leads-query', { search: 'househunter', limit: 100 })).rows.filter((l) =>
    l.tags.includes(tag),
  ).length;

describe('the lead grid in Chromium against the headless shell', () => {
  it('tags the 50 leads a search matches in one go, and undoes it', async () => {
    const page = await grid();
    await page.getByLabel('Search leads').fill('househunter');
    await expect.poll(() => counts(page)).toContain('50 of 52 leads match');
    await page.getByLabel('Select all 50 that match').click();
    const bar = page.getByRole('toolbar', { name: 'Selected leads' });
    await expect.poll(() => bar.textContent()).toContain('50 leads selected');

    await bar.getByRole('button', { name: 'Tag…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Tag the selected leads' });
    // An empty tag is refused beside the field; nothing is sent.
    await dialog.getByRole('button', { name: 'Add tag' }).click();
    await dialog.getByText('Enter a tag.').waitFor();
    await dialog.getByLabel('Tag (up to 40 characters)').fill('open-house');
    await dialog.getByRole('button', { name: 'Add tag' }).click();
    const notice = page.getByRole('status').filter({ hasText: 'Tagged' });
    await expect.poll(() => notice.textContent()).toContain('Tagged 50 leads: “open-house”.');
    expect(await tagged('open-house')).toBe(50);
    await page.getByRole('gridcell').filter({ hasText: 'open-house' }).first().waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await app.shot(page, 'grid-bulk-tagged');

    await notice.getByRole('button', { name: 'Undo' }).click();
    await page.getByText('Undone: 50 leads put back as they were.').waitFor();
    expect(await tagged('open-house')).toBe(0);
    await app.shot(page, 'grid-bulk-undone');
    await page.close();
  });

  it('moves selected leads to the bin and back: Shift+click picks a range, the bin restores', async () => {
    const page = await grid();
    await page.getByLabel('Search leads').fill('househunter');
    await expect.poll(() => counts(page)).toContain('50 of 52');
    await page.getByRole('button', { name: 'Name' }).click();
    await expect.poll(() => page.getByRole('row').nth(1).textContent()).toContain('Open00');
    await page.getByLabel('Select Open00 Househunter').click();
    await page.getByLabel('Select Open02 Househunter').click({ modifiers: ['Shift'] });
    const bar = page.getByRole('toolbar', { name: 'Selected leads' });
    await expect.poll(() => bar.textContent()).toContain('3 leads selected');
    await bar.getByRole('button', { name: 'Move to bin' }).click();
    await page.getByText('3 leads moved to the bin.').waitFor();
    await expect.poll(() => counts(page)).toContain('47 of 49');

    await page.getByLabel(/^Bin/).check();
    await page.getByRole('row').filter({ hasText: 'Open01 Househunter' }).waitFor();
    await page.getByLabel('Select all 3 that match').click();
    await page
      .getByRole('toolbar', { name: 'Selected leads' })
      .getByRole('button', { name: 'Restore' })
      .click();
    await page.getByText('3 leads restored from the bin.').waitFor();
    await page.getByText('The bin is empty.').waitFor();
    await app.shot(page, 'grid-bin-restored');
    await page.close();
  });

  it('remembers the columns and their widths across a reload', async () => {
    const page = await grid();
    await page.getByText('Columns', { exact: true }).click();
    await page.getByLabel('Phone', { exact: true }).check();
    await page.getByLabel('Tags', { exact: true }).uncheck();
    await page.keyboard.press('Escape');
    const nameWidth = page.getByRole('separator', { name: 'Width of Name' });
    await nameWidth.focus();
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
    expect(await nameWidth.getAttribute('aria-valuenow')).toBe('250');

    await page.reload();
    await page.getByRole('gridcell').first().waitFor();
    expect(await page.getByRole('columnheader', { name: 'Phone' }).count()).toBe(1);
    expect(await page.getByRole('columnheader', { name: 'Tags' }).count()).toBe(0);
    expect(await page.getByRole('separator', { name: 'Width of Name' }).getAttribute('aria-valuenow')).toBe(
      '250',
    );
    await page.getByLabel('Search leads').fill('amelia');
    await page.getByRole('gridcell', { name: '+442079460958' }).waitFor();
    await app.shot(page, 'grid-columns-remembered');
    await page.close();
  });

  it('sorts names A to Z and the soonest follow-up first on the first click', async () => {
    const page = await grid();
    await page.getByRole('button', { name: 'Name' }).click();
    const name = page.getByRole('columnheader', { name: 'Name' });
    await expect.poll(() => name.getAttribute('aria-sort')).toBe('ascending');
    await expect.poll(() => page.getByRole('row').nth(1).textContent()).toContain('Amelia Other');
    await page.getByRole('button', { name: 'Next follow-up' }).click();
    await expect
      .poll(() => page.getByRole('columnheader', { name: 'Next follow-up' }).getAttribute('aria-sort'))
      .toBe('ascending');
    await page.close();
  });

  it('saves a view (refusing an empty name beside the field) and brings it back after a reload', async () => {
    const page = await grid();
    await page.getByLabel('Search leads').fill('other');
    await page.getByRole('button', { name: 'Name' }).click();
    await expect.poll(() => counts(page)).toContain('2 of 52');
    await page.getByRole('button', { name: 'Save view' }).click();
    const dialog = page.getByRole('dialog', { name: 'Save this view' });
    await dialog.getByRole('button', { name: 'Save view' }).click();
    await dialog.getByText('Give the view a name.').waitFor();
    expect(await dialog.getByLabel('Name').getAttribute('aria-invalid')).toBe('true');
    await dialog.getByLabel('Name').fill('Others A-Z');
    await dialog.getByRole('button', { name: 'Save view' }).click();
    await dialog.waitFor({ state: 'detached' });

    await page.getByLabel('Saved view').selectOption('');
    await expect.poll(() => page.getByLabel('Search leads').inputValue()).toBe('');
    await page.reload();
    await page.getByRole('gridcell').first().waitFor();
    await page.getByLabel('Saved view').selectOption('Others A-Z');
    await expect.poll(() => page.getByLabel('Search leads').inputValue()).toBe('other');
    await expect.poll(() => counts(page)).toContain('2 of 52');
    expect(await page.getByRole('columnheader', { name: 'Name' }).getAttribute('aria-sort')).toBe(
      'ascending',
    );
    expect(await seriousA11yViolations(page)).toEqual([]);
    await app.shot(page, 'grid-saved-view');
    await page.close();
  });

  it('finds a +44 number by its prefix, and n typed in the search box is just a letter', async () => {
    const page = await grid();
    const search = page.getByLabel('Search leads');
    await search.fill('+44');
    await expect.poll(() => counts(page)).toContain('1 of 52');
    await page.getByRole('row').filter({ hasText: 'Amelia Other' }).waitFor();
    await search.fill('');
    await search.focus();
    await page.keyboard.type('nn');
    expect(await search.inputValue()).toBe('nn');
    expect(await page.getByRole('dialog').count()).toBe(0);
    await page.close();
  });

  it('closes the new-lead form with Esc after a refused save, and gives focus back', async () => {
    const page = await grid();
    await page.getByTestId('grid-body').focus();
    await page.keyboard.press('n');
    const dialog = page.getByRole('dialog', { name: 'New lead' });
    await dialog.getByLabel('Phone').fill('555-12');
    await dialog.getByRole('button', { name: 'Save lead' }).click();
    await dialog.locator('#phone-error').waitFor();
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('grid-body');
    await page.close();
  });

  it('fits an 800 px window: nothing scrolls sideways and + New lead is on screen', async () => {
    const page = await grid('/leads', { width: 800, height: 600 });
    expect(await scrollsSideways(page)).toBe(false);
    const box = await page.getByRole('button', { name: '+ New lead' }).boundingBox();
    expect(box !== null && box.x + box.width <= 800).toBe(true);
    await app.shot(page, 'grid-800px');
    await page.close();
  });
});
