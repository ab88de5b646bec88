// The lead grid with 100,000 leads, measured in Chromium against the headless shell, as a
// person would meet it: time to the first painted row, to re-sort by score, to filter by
// stage. Targets (DESIGN.md): < 1 s, < 150 ms, < 150 ms. Figures are printed, not asserted.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { bootCore } from '../../src-main/core/boot';
import { openSignedIn } from '../support/signed-in-page';
import { launchChromium } from '../support/browser';
import { startHeadless } from '../support/headless-process';
import { benchLeads } from './lead-fixtures';
import { ms, percentile, printTable } from './stats';

const LEADS = 100_000;
const RUNS = 7;

async function seed(dataDir: string): Promise<number> {
  const started = performance.now();
  const core = await bootCore({ dataDir, shell: 'headless', demo: false });
  const leads = benchLeads(LEADS, Date.now());
  for (let i = 0; i < leads.length; i += 10_000)
    await core.ctx.db.leads.bulkInsert(leads.slice(i, i + 10_000));
  await core.close();
  return performance.now() - started;
}

/**
 * Runs `action` in the page and resolves with the ms until `condition` holds for the painted
 * rows. In-page code is a string: tsx's name helpers do not exist inside the page.
 */
async function timeUntil(page: Page, action: string, condition: string): Promise<number> {
  return page.evaluate(`(async () => {
    const rows = () => [...document.querySelectorAll('[role=row][aria-rowindex]')].filter((r) => !r.querySelector('.skeleton'));
    const cells = (row) => [...row.querySelectorAll('[role=gridcell]')].map((c) => c.textContent);
    const started = performance.now();
    ${action}
    await new Promise((resolve, reject) => {
      const giveUp = performance.now() + 20000;
      const check = () => {
        if (performance.now() > giveUp) return reject(new Error('the grid did not settle within 20 s'));
        const painted = rows();
        if (painted.length > 5 && painted[0].getAttribute('aria-rowindex') === '1' && (${condition})(painted.map(cells))) resolve();
        else requestAnimationFrame(check);
      };
      requestAnimationFrame(check);
    });
    await new Promise((resolve) => requestAnimationFrame(resolve));
    return performance.now() - started;
  })()`);
}

// Cells: selection box, name, temperature, score, stage, tags, source, last contact, next follow-up.
const clickScoreHeader = `[...document.querySelectorAll('button.sort')].find((b) => b.textContent.startsWith('Score')).click();`;
const scoreIs = (score: number): string => `(rows) => rows[0][3] === '${score}'`;
const selectStage = (value: string): string =>
  `const s = document.querySelector('select[aria-label=Stage]'); const set = Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value').set; set.call(s, '${value}'); s.dispatchEvent(new Event('change', { bubbles: true }));`;
const allInStage = (label: string): string => `(rows) => rows.every((cells) => cells[4] === '${label}')`;
const mixedStages = `(rows) => new Set(rows.map((cells) => cells[4])).size > 1`;

export async function runGridBench(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'porchlight-grid-bench-'));
  const browser = await launchChromium();
  try {
    const seedMs = await seed(dataDir);
    const shell = await startHeadless(['--data', dataDir, '--port', '0', '--no-demo']);
    const firstPaint: number[] = [];
    const sort: number[] = [];
    const filter: number[] = [];
    try {
      for (let run = 0; run < RUNS; run++) {
        // bypassCSP: the measuring scripts are evaluated strings, which the app's CSP forbids.
        const page = await openSignedIn(browser, shell.url, {
          viewport: { width: 1280, height: 800 },
          bypassCSP: true,
        });
        await page.waitForFunction(`document.querySelector('[role=gridcell]') !== null`, undefined, {
          polling: 'raf',
        });
        firstPaint.push(await page.evaluate<number>('performance.now()'));
        // Starts sorted by score, highest first; one click turns it to lowest first, and back.
        sort.push(await timeUntil(page, clickScoreHeader, scoreIs(1)));
        sort.push(await timeUntil(page, clickScoreHeader, scoreIs(100)));
        const [stage, label] = run % 2 === 0 ? ['qualified', 'Qualified'] : ['lost', 'Lost'];
        filter.push(await timeUntil(page, selectStage(stage), allInStage(label)));
        filter.push(await timeUntil(page, selectStage(''), mixedStages));
        await page.close();
      }
    } finally {
      await shell.stop();
    }
    printTable(
      `Lead grid, ${LEADS.toLocaleString()} leads, Chromium against the headless shell (${RUNS} runs)`,
      [
        ['what', 'p50', 'p95', 'target'],
        [
          'first grid paint (from navigation)',
          ms(percentile(firstPaint, 50)),
          ms(percentile(firstPaint, 95)),
          '< 1 s',
        ],
        ['sort by score (click to painted)', ms(percentile(sort, 50)), ms(percentile(sort, 95)), '< 150 ms'],
        [
          'filter by stage (change to painted)',
          ms(percentile(filter, 50)),
          ms(percentile(filter, 95)),
          '< 150 ms',
        ],
        ['seeding 100k leads through RxDB (setup)', ms(seedMs), '', ''],
      ],
    );
  } finally {
    await browser.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
