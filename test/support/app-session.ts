// One headless shell on a fresh data folder and the Chromium that looks at it, for a screen's
// e2e suite: `open(path)` gives a page at a viewport, `shot(page, name)` saves a screenshot
// under test-results/, `invoke` calls the contract as the renderer would.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './browser';
import { repoRoot, startHeadless, type HeadlessProcess } from './headless-process';
import { httpInvoker } from './invoke-http';
import { openSignedIn } from './signed-in-page';

export interface AppSession {
  shell: HeadlessProcess;
  browser: Browser;
  dataDir: string;
  open(path?: string, viewport?: { width: number; height: number }): Promise<Page>;
  shot(page: Page, name: string): Promise<void>;
  invoke: ReturnType<typeof httpInvoker>;
  close(): Promise<void>;
}

export async function startAppSession(
  options: { args?: string[]; env?: Record<string, string> } = {},
): Promise<AppSession> {
  const dataDir = mkdtempSync(join(tmpdir(), 'porchlight-e2e-'));
  mkdirSync(join(repoRoot, 'test-results'), { recursive: true });
  const [browser, shell] = await Promise.all([
    launchChromium(),
    startHeadless(['--data', dataDir, '--port', '0', ...(options.args ?? [])]),
  ]);
  const invoke = httpInvoker(shell.url);
  return {
    shell,
    browser,
    dataDir,
    async open(path = '/leads', viewport = { width: 1280, height: 800 }) {
      const page = await openSignedIn(browser, shell.url, { viewport, hash: path });
      return page;
    },
    async shot(page, name) {
      await page.screenshot({ path: join(repoRoot, 'test-results', `${name}.png`) });
    },
    invoke,
    async close() {
      await browser.close();
      await shell.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** True when the page is wider than its window (sideways scrolling). */
export function scrollsSideways(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
}
