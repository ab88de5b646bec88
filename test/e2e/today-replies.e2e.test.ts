// Today and Replies: the agent works Today by keyboard only (move, open, mark done) and answers
// a reply in place, which then leaves the list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousA11yViolations } from '../support/axe';
import { scrollsSideways, startAppSession, type AppSession } from '../support/app-session';

let app: AppSession;
let leadId: string;
beforeAll(async () => {
  app = await startAppSession({ args: ['--no-demo'] });
  const { lead } = await app.invoke('leads-create', {
    lead: { firstName: 'Noor', lastName: 'Haddad', email: 'noor@example.com' },
  });
  leadId = lead.id;
  const now = Date.now();
  await app.invoke('tasks-create', {
    task: { leadId, kind: 'call', title: 'Call Noor about the offer', dueAt: now - 3_600_000 },
  });
  await app.invoke('tasks-create', {
    task: { leadId, kind: 'todo', title: 'Send Noor the comps', dueAt: now - 60_000 },
  });
  await app.invoke('messages-record-inbound', {
    leadId,
    channel: 'email',
    subject: 'Viewing',
    body: 'Could we see the house on Saturday morning?',
  });
});
afterAll(() => app.close());

describe('Today and Replies in Chromium against the headless shell', () => {
  it('works Today by keyboard only: move, mark a task done, open the lead', async () => {
    const page = await app.open('/leads');
    await page.getByRole('navigation', { name: 'Screens' }).waitFor();
    await page.keyboard.press('g');
    await page.keyboard.press('t');
    const due = page.getByRole('region', { name: 'Follow-ups due' });
    await due.getByText('Call Noor about the offer').waitFor();
    await page
      .getByRole('region', { name: 'Replies waiting for you' })
      .getByText('Saturday morning')
      .waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await app.shot(page, 'today');

    await page.keyboard.press('j');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toContain(
      'Call Noor about the offer',
    );
    await page.keyboard.press('d');
    await due.getByText('Call Noor about the offer').waitFor({ state: 'detached' });
    await page.keyboard.press('j');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toContain('Send Noor the comps');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Noor Haddad' }).waitFor();
    await page.close();
  });

  it('answers a reply in place; the answered reply leaves the list', async () => {
    const page = await app.open('/replies');
    const reply = page.getByRole('listitem').filter({ hasText: 'Saturday morning' });
    await reply.waitFor();
    await reply.getByRole('button', { name: 'Read it' }).click();
    await reply.getByText(/Read by the (AI|rules)/).waitFor();
    await reply.getByRole('button', { name: 'Answer' }).click();
    await reply.getByLabel('Your email to Noor Haddad').fill('Saturday at 10 works. See you there!');
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(await scrollsSideways(page)).toBe(false);
    await app.shot(page, 'replies-answering');
    await reply.getByRole('button', { name: 'Send answer' }).click();
    await reply.waitFor({ state: 'detached' });
    await page.getByText('Every reply has an answer.').waitFor();
    await page.close();
  });
});
