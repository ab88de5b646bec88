// A person imports a 1,000-row Follow Up Boss export with bad rows through the Import screen in
// Chromium (headless shell), reads the per-row report, downloads it, undoes the import, and
// exports the grid. Screenshots of each step go to test-results/; axe finds nothing serious.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousA11yViolations } from '../support/axe';
import { startAppSession, type AppSession } from '../support/app-session';
import { BAD_ROW_EVERY, fubCsv } from '../support/import-fixtures';

const ROWS = 1_000;
let session: AppSession;

beforeAll(async () => {
  session = await startAppSession({ args: ['--no-demo'] });
});
afterAll(async () => {
  await session.close();
});

const total = async (): Promise<number> => (await session.invoke('leads-counts', {})).total;

describe('the Import screen', () => {
  it('imports a 1,000-row CSV with bad rows, reports each, downloads the report and undoes it', async () => {
    const page = await session.open('/import');
    await page.getByRole('heading', { name: 'Import leads from a CSV file' }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await session.shot(page, 'import-1-choose');

    // A file that is not CSV is refused in words, and nothing is lost.
    await page
      .getByLabel('Choose a CSV file')
      .setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: Buffer.from([1, 2, 3]) });
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('is not a CSV file');

    await page.getByLabel('Choose a CSV file').setInputFiles({
      name: 'fub-export.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(fubCsv(ROWS)),
    });
    await page.getByRole('heading', { name: 'Match the columns' }).waitFor();
    expect(await page.getByText('looks like a Follow Up Boss export').count()).toBe(1);
    expect(await page.getByLabel('Column "Email 1" becomes').inputValue()).toBe('email');
    const preview = page.getByRole('table', { name: 'The first rows as leads' });
    await expect
      .poll(() => preview.textContent())
      .toContain('Row 9: phone "555-12" is not a valid US number; the row was kept without a phone.');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await session.shot(page, 'import-2-mapping');

    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByRole('heading', { name: 'fub-export.csv: Done' }).waitFor({ timeout: 60_000 });
    const bad = ROWS / BAD_ROW_EVERY;
    const results = page.getByLabel('Import results');
    await expect.poll(() => results.textContent()).toContain(`Refused${bad}`);
    expect(await results.textContent()).toContain(`Imported${ROWS - bad}`);
    expect(await total()).toBe(ROWS - bad);
    const report = page.getByRole('table', { name: /Rows with something to say/ });
    await expect.poll(() => report.textContent()).toContain('Row 33: no name, email or phone could be read');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await session.shot(page, 'import-3-report');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download report (CSV)' }).click(),
    ]);
    const csv = readFileSync(await download.path(), 'utf8');
    expect(download.suggestedFilename()).toBe('fub-export - import report.csv');
    expect(csv.trim().split('\r\n')).toHaveLength(1 + ROWS);
    expect(csv).toContain(
      '9,Imported,Elijah Nguyen-7,"Row 9: phone ""555-12"" is not a valid US number; the row was kept without a phone."',
    );

    // The grid exports what it shows: its columns in its order, sorted as it is sorted.
    const grid = await session.open('/leads');
    await grid.getByRole('gridcell').first().waitFor();
    const firstByScore = (await grid.locator('.lead-name').allTextContents())[0];
    await grid.getByRole('columnheader', { name: /^Name/ }).getByRole('button').first().click();
    await expect
      .poll(() => grid.getByRole('columnheader', { name: /^Name/ }).getAttribute('aria-sort'))
      .toBe('ascending');
    await expect
      .poll(async () => (await grid.locator('.lead-name').allTextContents())[0])
      .not.toBe(firstByScore);
    const shownNames = (await grid.locator('.lead-name').allTextContents()).slice(0, 10);
    const [exported] = await Promise.all([
      grid.waitForEvent('download'),
      grid.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    const exportedCsv = readFileSync(await exported.path(), 'utf8');
    const lines = exportedCsv.trimEnd().split('\r\n');
    expect(lines[0]).toBe('\uFEFFName,Temperature,Score,Stage,Tags,Source,Last Contact,Next Follow-up');
    expect(lines).toHaveLength(1 + ROWS - bad);
    const exportedNames = lines.slice(1, 11).map((line) => line.split(',')[0]?.replace(/^"|"$/g, ''));
    expect(exportedNames).toEqual(shownNames);
    expect(await seriousA11yViolations(grid)).toEqual([]);
    await session.shot(grid, 'import-3-grid-sorted-by-name');
    await grid.close();

    await page.getByRole('button', { name: 'Undo this import' }).click();
    await expect
      .poll(() => page.getByRole('status').first().textContent())
      .toContain(`Undone: ${ROWS - bad} lead(s) moved to the bin`);
    await page.getByRole('heading', { name: 'fub-export.csv: Undone' }).waitFor();
    expect(await total()).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await session.shot(page, 'import-4-undone');
  });
});
