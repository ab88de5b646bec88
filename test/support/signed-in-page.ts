// A new browser page on the headless shell, signed in as a person's browser would be after
// opening the printed address: the printed address works once, so every page after the
// first exchange gets the session cookie that exchange set.
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { sessionCookieFor } from './invoke-http';

export async function openSignedIn(
  browser: Browser,
  printedUrl: string,
  options: BrowserContextOptions & { hash?: string } = {},
): Promise<Page> {
  const { hash, ...pageOptions } = options;
  const page = await browser.newPage(pageOptions);
  const [name = '', value = ''] = (await sessionCookieFor(printedUrl)).split('=');
  const { origin } = new URL(printedUrl);
  await page.context().addCookies([{ name, value, url: origin, sameSite: 'Strict', httpOnly: true }]);
  await page.goto(`${origin}/${hash === undefined ? '' : `#${hash}`}`);
  return page;
}
