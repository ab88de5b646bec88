// Settings → Team → Lead routing in Chromium, against the headless shell signed in as the
// team's admin and a real sync server (127.0.0.1, a temp SQLite folder): the admin adds a rule
// by price band for an agent, a band whose lowest price is above its highest is refused beside
// its field, the fixed rule is saved on the server, and the admin pauses their own new leads.
// Then first to claim: a lead the admin handed to the team is offered; on its page, "Take this
// lead" makes it hers; on a second one Ann was quicker, and the page says someone else took it.
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTeamWithAdmin, inviteAgent } from '../../src-sync/accounts/team';
import { listenSyncServer, type RunningSyncServer } from '../../src-sync/server';
import { seriousA11yViolations } from '../support/axe';
import { launchChromium } from '../support/browser';
import { repoRoot, startHeadless, type HeadlessProcess } from '../support/headless-process';
import { httpInvoker } from '../support/invoke-http';
import { openSignedIn } from '../support/signed-in-page';
import { silentLogger, sqliteStorage, tempDir, TOKEN_KEY } from '../sync/harness';

let browser: Browser;
let shell: HeadlessProcess;
let sync: RunningSyncServer;
let annCode: string;
const dataDir = tempDir('porchlight-routing-ui-');
const syncDir = tempDir('porchlight-routing-ui-sync-');

beforeAll(async () => {
  const storage = await sqliteStorage(syncDir.path);
  const clock = { now: () => Date.now() };
  const team = await createTeamWithAdmin(storage, clock, {
    teamName: 'Lakeside Realty',
    adminEmail: 'jane@example.com',
  });
  ({ code: annCode } = await inviteAgent(storage, clock, team.admin, {
    email: 'ann@example.com',
    name: 'Ann Agent',
    role: 'agent',
  }));
  sync = await listenSyncServer({ storage, clock, logger: silentLogger, tokenKey: TOKEN_KEY }, { port: 0 });
  browser = await launchChromium();
  shell = await startHeadless(['--data', dataDir.path, '--port', '0', '--no-demo']);
  await httpInvoker(shell.url)('sync-sign-in', {
    serverUrl: sync.url,
    email: 'jane@example.com',
    code: team.code,
    password: 'correct horse battery',
  });
}, 120_000);

afterAll(async () => {
  await browser.close();
  await shell.stop();
  await sync.stop();
  dataDir.remove();
  syncDir.remove();
});

describe('Settings → Team → Lead routing in Chromium', () => {
  it('refuses a reversed price band beside its field, saves the rule, and pauses the admin', async () => {
    const page = await openSignedIn(browser, shell.url, { viewport: { width: 1280, height: 800 } });
    await page.getByRole('link', { name: 'Settings', exact: true }).click();
    const settings = page.getByRole('main');
    await settings.getByRole('link', { name: 'Team', exact: true }).click();
    const routing = settings.getByRole('region', { name: 'Lead routing' });
    await routing.getByRole('button', { name: 'Add a rule' }).click();
    await routing.getByLabel('Rule name').fill('Luxury homes');
    await routing.getByLabel('Lowest price').fill('2000000');
    await routing.getByLabel('Highest price').fill('1000000');
    await routing.getByRole('group', { name: 'Agents of this rule' }).getByLabel('Ann Agent').check();
    await routing.getByLabel('Escalate after minutes without an answer (0: never)').fill('15');
    await routing.getByRole('button', { name: 'Save routing' }).click();
    await expect
      .poll(() => routing.getByRole('alert').first().textContent())
      .toBe('The lowest price must not be above the highest');
    await page.screenshot({
      path: join(repoRoot, 'test-results', 'team-routing-refused.png'),
      fullPage: true,
    });

    await routing.getByLabel('Lowest price').fill('1,000,000');
    await routing.getByLabel('Highest price').fill('');
    await routing.getByRole('button', { name: 'Save routing' }).click();
    await expect.poll(() => routing.getByRole('status').last().textContent()).toContain('Routing saved');
    const saved = await httpInvoker(shell.url)('team-routing-get', {});
    expect(saved.rules.rules).toEqual([
      expect.objectContaining({ name: 'Luxury homes', priceMin: 1_000_000, mode: 'round_robin' }),
    ]);
    expect(saved.rules.escalation).toEqual({ afterMinutes: 15, to: 'next_agent' });

    await routing.getByLabel('I receive new leads (untick to pause)').click();
    await expect
      .poll(() => routing.getByLabel('I receive new leads (untick to pause)').isChecked())
      .toBe(false);
    const jane = (await httpInvoker(shell.url)('team-routing-get', {})).agents.find(
      (a) => a.email === 'jane@example.com',
    );
    expect(jane?.paused).toBe(true);
    await page.screenshot({ path: join(repoRoot, 'test-results', 'team-routing-saved.png'), fullPage: true });
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('takes an offered lead from its page, and says when someone else took it first', async () => {
    const jane = httpInvoker(shell.url);
    await jane('team-routing-set', { rules: { mode: 'first_to_claim' } });
    const handTo = async (firstName: string) => {
      const { lead } = await jane('leads-create', {
        lead: { firstName, lastName: 'Reyes', email: `${firstName.toLowerCase()}@example.com` },
        owner: 'team',
      });
      // Offered once it reached the server: the routing note comes back with the lead.
      await expect
        .poll(
          async () =>
            (await jane('messages-for-lead', { leadId: lead.id })).some((m) =>
              m.body.startsWith('Offered by the team to Ann Agent'),
            ),
          { timeout: 30_000, interval: 250 },
        )
        .toBe(true);
      return lead.id;
    };
    const dana = await handTo('Dana');
    const page = await openSignedIn(browser, shell.url, {
      viewport: { width: 1280, height: 800 },
      hash: `/leads/${dana}`,
    });
    await expect.poll(() => page.getByText('The team pool').isVisible(), { timeout: 15_000 }).toBe(true);
    await page.getByRole('button', { name: 'Take this lead' }).click();
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'You own this lead now.' }).count())
      .toBe(1);
    // The new owner arrives by replication: the page names her, the outcome stays beside it.
    await expect.poll(() => page.getByLabel('Assign to').isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await page.getByLabel('Assign to').inputValue()).toBe(
      (await jane('leads-get', { id: dana }))?.ownerId,
    );
    expect(await page.getByRole('status').filter({ hasText: 'You own this lead now.' }).count()).toBe(1);
    await page.screenshot({ path: join(repoRoot, 'test-results', 'team-routing-taken.png'), fullPage: true });
    expect(await seriousA11yViolations(page)).toEqual([]);

    // On the next one Ann is quicker: her take reaches the server just before Jane's does.
    const eli = await handTo('Eli');
    const redeemed = await fetch(`${sync.url}/auth/redeem`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'ann@example.com', code: annCode, password: 'correct horse battery' }),
    });
    const ann = (await redeemed.json()) as { accessToken: string };
    let annTook = 0;
    await page.route('**/api/invoke/team-lead-take', async (route) => {
      annTook = (
        await fetch(`${sync.url}/team/leads/${eli}/take`, {
          method: 'POST',
          headers: { authorization: `Bearer ${ann.accessToken}` },
        })
      ).status;
      await route.continue();
    });
    await page.goto(`${new URL(shell.url).origin}/#/leads/${eli}`);
    await expect.poll(() => page.getByText('The team pool').isVisible(), { timeout: 15_000 }).toBe(true);
    await page.getByRole('button', { name: 'Take this lead' }).click();
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Someone else took it first.' }).count())
      .toBe(1);
    expect(annTook).toBe(200);
    expect(await page.getByRole('button', { name: 'Take this lead' }).count()).toBe(0);
    await page.screenshot({
      path: join(repoRoot, 'test-results', 'team-routing-taken-first.png'),
      fullPage: true,
    });
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});
