// Analytics on the demo workspace: every figure draws its chart from core's numbers, the date
// range changes them, and a table exports as CSV.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousA11yViolations } from '../support/axe';
import { startAppSession, type AppSession } from '../support/app-session';

let app: AppSession;
beforeAll(async () => {
  app = await startAppSession();
});
afterAll(() => app.close());

const CHARTS = [
  'Channel performance',
  'Speed to first touch',
  'Response rates',
  'Funnel by stage',
  'When leads reply',
  'Sequence step effectiveness',
  'Return by lead source',
];

describe('analytics in Chromium against the headless shell', () => {
  it('draws every chart with the demo data and exports a table as CSV', async () => {
    // Enough won and lost demo leads to learn a model, so the calibration chart has a model to draw.
    await app.invoke('scoring-settings-update', { patch: { learning: { minOutcomes: 20 } } });
    const trained = await app.invoke('scoring-train', {});
    const page = await app.open('/analytics');
    for (const title of CHARTS) {
      const chart = page.getByRole('img', { name: `${title} chart` });
      await chart.waitFor();
      await expect.poll(() => chart.locator('svg path').count()).toBeGreaterThan(0);
    }
    if (trained.status === 'trained')
      await page.getByRole('img', { name: 'Score model chart' }).locator('svg').waitFor();
    expect(await page.getByRole('region', { name: 'Score model' }).textContent()).toMatch(
      /AUC|No model learned yet/,
    );
    expect(await page.getByRole('region', { name: 'Speed to first touch' }).textContent()).toMatch(
      /reached within 5 minutes/,
    );
    expect(await seriousA11yViolations(page)).toEqual([]);
    await app.shot(page, 'analytics');

    const sources = page.getByRole('region', { name: 'Return by lead source' });
    const download = page.waitForEvent('download');
    await sources.getByRole('button', { name: 'Export CSV' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('lead-sources.csv');
    const path = await file.path();
    const csv = readFileSync(path, 'utf8');
    expect(csv.split('\r\n')[0]).toBe('source,leads,replied,appointments,closed,reply rate,close rate');
    expect(csv.split('\r\n').length).toBeGreaterThan(2);

    await page.getByRole('button', { name: 'Last 7 days' }).click();
    await expect
      .poll(() => page.getByRole('button', { name: 'Last 7 days' }).getAttribute('aria-pressed'))
      .toBe('true');
    await page.close();
  });
});
