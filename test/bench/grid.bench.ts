// The lead grid with 100,000 leads, measured in Chromium against the headless shell, as a
// person would meet it: time to the first painted row after the app starts, to re-sort by score,
// to filter by stage, and the frame times of a fast scroll down the rows. Each run starts the
// shell afresh, so the sort and the filter it times are queries nothing has answered yet
// (uncached); the same grid asked again is timed apart.
// Targets (DESIGN.md and the speed issue): < 1 s, < 150 ms, < 150 ms, frame p95 < 16.7 ms.
// Figures are printed and recorded (--json), not asserted.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { bootCore } from '../../src-main/core/boot';
import { openSignedIn } from '../support/signed-in-page';
import { launchChromium } from '../support/browser';
import { startHeadless } from '../support/headless-process';
import { benchLeads } from './lead-fixtures';
import { figure, ms, percentile, printTable } from './stats';

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
    const rows = () => [...document.querySelectorAll('[role=row][aria-rowindex]')].filter((r) => r.querySelector('[role=gridcell]') && !r.querySelector('.skeleton'));
    const cells = (row) => [...row.querySelectorAll('[role=gridcell]')].map((c) => c.textContent);
    const started = performance.now();
    ${action}
    await new Promise((resolve, reject) => {
      const giveUp = performance.now() + 20000;
      const check = () => {
        if (performance.now() > giveUp) return reject(new Error('the grid did not settle within 20 s; it shows ' + JSON.stringify(rows().slice(0, 3).map((r) => [r.getAttribute('aria-rowindex'), ...cells(r)]))));
        const painted = rows();
        if (painted.length > 5 && painted[0].getAttribute('aria-rowindex') === '2' && (${condition})(painted.map(cells))) resolve();
        else requestAnimationFrame(check);
      };
      requestAnimationFrame(check);
    });
    await new Promise((resolve) => requestAnimationFrame(resolve));
    return performance.now() - started;
  })()`);
}

// Row 1 is the header; the first lead is row 2. Cells: selection box, name, temperature, score, stage, tags, source, last contact, next follow-up.
const clickScoreHeader = `[...document.querySelectorAll('button.sort')].find((b) => b.textContent.startsWith('Score')).click();`;
/** The painted rows in score order (`asc` or `desc`), led by a score other than `leader`'s. */
const scoreOrder = (dir: 'asc' | 'desc', leader: string): string =>
  `(rows) => rows[0][3] !== '${leader}' && rows.every((cells, i) => i === 0 || (Number(cells[3]) - Number(rows[i - 1][3])) * ${dir === 'asc' ? 1 : -1} >= 0)`;
const topScore = `[...document.querySelectorAll('[role=row][aria-rowindex="2"] [role=gridcell]')][3]?.textContent ?? ''`;
const selectStage = (value: string): string =>
  `const s = document.querySelector('select[aria-label=Stage]'); const set = Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value').set; set.call(s, '${value}'); s.dispatchEvent(new Event('change', { bubbles: true }));`;
const allInStage = (label: string): string => `(rows) => rows.every((cells) => cells[4] === '${label}')`;
const mixedStages = `(rows) => new Set(rows.map((cells) => cells[4])).size > 1`;

const SCROLL_FRAMES = 240;
const SCROLL_STEP_PX = 120;
/** The grid's row height (LeadGrid.tsx). */
const ROW_HEIGHT_PX = 36;
/**
 * A fast, steady scroll down the grid from the top: the grid body moves SCROLL_STEP_PX (about
 * three rows, one wheel notch) every frame for SCROLL_FRAMES frames. Per frame it records:
 * - work: from the frame's start (the requestAnimationFrame timestamp) to the first task that
 *   runs after it, i.e. the frame's rendering plus the grid's response to the scroll (React's
 *   render task was queued before ours): the main thread's busy time, which must stay under a
 *   frame (16.7 ms at 60 Hz) for the scroll not to drop frames;
 * - interval: the gap to the frame before, as a browser's performance panel shows frames; the
 *   browser paints at its own cadence (60 Hz here), so this shows dropped frames, not headroom.
 * The same count of frames with nothing moving gives the page's idle work.
 * `blank`: frames that still showed a row waiting for its lead.
 */
const scrollFrames = `(async () => {
  const body = document.querySelector('.grid-body');
  const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
  const nextTask = () => new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve(performance.now());
    channel.port2.postMessage(0);
  });
  const sample = async (move, scroller = body) => {
    const work = [];
    const interval = [];
    let blank = 0;
    let last = await frame();
    for (let i = 0; i < ${SCROLL_FRAMES}; i++) {
      if (move) scroller.scrollTop += ${SCROLL_STEP_PX};
      const started = await frame();
      work.push((await nextTask()) - started);
      interval.push(started - last);
      last = started;
      if (move && scroller.querySelector('.skeleton')) blank++;
    }
    return { work, interval, blank };
  };
  body.scrollTop = 0;
  await frame();
  await frame();
  const still = await sample(false);
  const moving = await sample(true);
  const scrolledTo = body.scrollTop;
  // The baseline: the same rows as static markup, no React and nothing virtualized. A twin of
  // the grid body (same element, classes and size) holds a painted row's markup at every row's
  // place down the same distance, and scrolls the same way.
  const painted = body.querySelector('[role=row] [role=gridcell]:not(.skeleton)').closest('[role=row]');
  const inner = body.firstElementChild;
  const twin = body.cloneNode(false);
  const tall = inner.cloneNode(false);
  const rows = Math.ceil((scrolledTo + body.clientHeight) / ${ROW_HEIGHT_PX}) + 10;
  for (let i = 0; i < rows; i++) {
    const copy = painted.cloneNode(true);
    copy.style.transform = 'translateY(' + i * ${ROW_HEIGHT_PX} + 'px)';
    tall.appendChild(copy);
  }
  twin.appendChild(tall);
  body.style.display = 'none';
  body.after(twin);
  await frame();
  await frame();
  const baseline = await sample(true, twin);
  twin.remove();
  body.style.display = '';
  return { still, moving, baseline, scrolledTo };
})()`;

const STAGES: [string, string][] = [
  ['qualified', 'Qualified'],
  ['lost', 'Lost'],
  ['nurture', 'Nurture'],
  ['contacted', 'Contacted'],
  ['appointment', 'Appointment'],
  ['closed', 'Closed'],
  ['new', 'New'],
];

interface Samples {
  firstPaint: number[];
  sortFresh: number[];
  filterFresh: number[];
  sortCached: number[];
  filterCached: number[];
  workStill: number[];
  workMoving: number[];
  workBaseline: number[];
  intervalMoving: number[];
  blankFrames: number;
  scrolledPx: number;
}

/**
 * One run on a shell started afresh, so nothing is cached in core or the page: the first paint
 * after the app starts, then a sort (lowest score first) and a stage filter neither has answered
 * yet, as a person's new sort or filter is; then the same grid asked again (back to highest
 * first, the filter cleared, lowest first once more), which the query cache may answer.
 */
async function measureRun(browser: Browser, dataDir: string, run: number, into: Samples): Promise<void> {
  const shell = await startHeadless(['--data', dataDir, '--port', '0', '--no-demo']);
  try {
    // bypassCSP: the measuring scripts are evaluated strings, which the app's CSP forbids.
    const page = await openSignedIn(browser, shell.url, {
      viewport: { width: 1280, height: 800 },
      bypassCSP: true,
    });
    await page.waitForFunction(`document.querySelector('[role=gridcell]') !== null`, undefined, {
      polling: 'raf',
    });
    into.firstPaint.push(await page.evaluate<number>('performance.now()'));
    // Starts sorted by score, highest first; a click turns it to lowest first, and back.
    const highest = await page.evaluate<string>(topScore);
    into.sortFresh.push(await timeUntil(page, clickScoreHeader, scoreOrder('asc', highest)));
    const lowest = await page.evaluate<string>(topScore);
    into.sortCached.push(await timeUntil(page, clickScoreHeader, scoreOrder('desc', lowest)));
    const [stage, label] = STAGES[run % STAGES.length] ?? ['new', 'New'];
    into.filterFresh.push(await timeUntil(page, selectStage(stage), allInStage(label)));
    into.filterCached.push(await timeUntil(page, selectStage(''), mixedStages));
    into.sortCached.push(await timeUntil(page, clickScoreHeader, scoreOrder('asc', highest)));
    type Frames = { work: number[]; interval: number[]; blank: number };
    const frames = await page.evaluate<{
      still: Frames;
      moving: Frames;
      baseline: Frames;
      scrolledTo: number;
    }>(scrollFrames);
    into.workBaseline.push(...frames.baseline.work);
    into.workStill.push(...frames.still.work);
    into.workMoving.push(...frames.moving.work);
    into.intervalMoving.push(...frames.moving.interval);
    into.blankFrames += frames.moving.blank;
    into.scrolledPx = frames.scrolledTo;
    await page.close();
  } finally {
    await shell.stop();
  }
}

export async function runGridBench(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'porchlight-grid-bench-'));
  const browser = await launchChromium();
  try {
    const seedMs = await seed(dataDir);
    const samples: Samples = {
      firstPaint: [],
      sortFresh: [],
      filterFresh: [],
      sortCached: [],
      filterCached: [],
      workStill: [],
      workMoving: [],
      workBaseline: [],
      intervalMoving: [],
      blankFrames: 0,
      scrolledPx: 0,
    };
    for (let run = 0; run < RUNS; run++) await measureRun(browser, dataDir, run, samples);
    const row = (what: string, values: number[], floor: string, goal = '') => {
      figure(`${what}, p50`, percentile(values, 50), 'ms');
      figure(`${what}, p95`, percentile(values, 95), 'ms', floor === '' ? {} : { floor, goal });
      return [what, ms(percentile(values, 50)), ms(percentile(values, 95)), floor, goal];
    };
    const frames = RUNS * SCROLL_FRAMES;
    figure('scroll frames that showed a row still loading', samples.blankFrames / frames, 'ratio');
    printTable(
      `Lead grid, ${LEADS.toLocaleString()} leads, Chromium against the headless shell (${RUNS} runs, each on a shell started afresh)`,
      [
        ['what', 'p50', 'p95', 'floor', 'goal'],
        row('first grid paint after start (from navigation)', samples.firstPaint, '< 1 s', '< 500 ms'),
        row('sort by score, uncached (click to painted)', samples.sortFresh, '< 150 ms', '< 50 ms'),
        row('filter by stage, uncached (change to painted)', samples.filterFresh, '< 150 ms', '< 50 ms'),
        row('sort by score, asked before (may be cached)', samples.sortCached, ''),
        row('filter cleared, asked before (may be cached)', samples.filterCached, ''),
        row(
          `scroll, main-thread work per frame, ${SCROLL_STEP_PX} px a frame down ${Math.round(samples.scrolledPx / 1000)}k px (${frames} frames)`,
          samples.workMoving,
          '< 16.7 ms',
          '< 8 ms',
        ),
        row(
          'baseline: the same rows all in the page as static markup (no React, none virtualized), work per frame',
          samples.workBaseline,
          '',
        ),
        row('scroll, frame interval (the browser paints at 60 Hz)', samples.intervalMoving, ''),
        row(`work per frame with nothing moving (${frames} frames)`, samples.workStill, ''),
        [
          'scroll frames that came later than 20 ms (dropped)',
          `${samples.intervalMoving.filter((t) => t > 20).length} of ${frames}`,
          '',
          '',
          '',
        ],
        ['scroll frames that showed a row still loading', `${samples.blankFrames} of ${frames}`, '', '', ''],
        ['seeding 100k leads through RxDB (setup)', ms(seedMs), '', '', ''],
      ],
    );
  } finally {
    await browser.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
