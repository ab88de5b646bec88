// axe-core injected into a Playwright page (no browser download): every screen's e2e test calls
// `seriousA11yViolations(page)` and expects an empty list (0 critical, 0 serious).
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

interface AxeNode {
  target: unknown[];
  failureSummary?: string;
}
interface AxeViolation {
  id: string;
  impact: 'minor' | 'moderate' | 'serious' | 'critical' | null;
  help: string;
  nodes: AxeNode[];
}

const axeSource = (createRequire(import.meta.url)('axe-core') as { source: string }).source;

/** Runs axe on the page as it is now; returns the critical and serious violations, readable. */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  const hasAxe = await page.evaluate(() => 'axe' in window);
  // Evaluated through the debugger protocol, not as a <script>: the app's CSP forbids inline scripts.
  if (!hasAxe) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document) => Promise<{ violations: unknown[] }> } })
      .axe;
    const result = await axe.run(document);
    return result.violations;
  });
  return (violations as AxeViolation[])
    .filter((v) => v.impact === 'critical' || v.impact === 'serious')
    .map(
      (v) => `${v.impact}: ${v.id} (${v.help}) at ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`,
    );
}
