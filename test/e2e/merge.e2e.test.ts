// Merge duplicates: leads sharing an email or a phone are listed as groups; the agent picks the
// one to keep, cannot merge with nothing ticked (said beside the button), merges, and the group
// is gone with every touch on the kept lead.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousA11yViolations } from '../support/axe';
import { startAppSession, type AppSession } from '../support/app-session';

let app: AppSession;
let keptId: string;
beforeAll(async () => {
  app = await startAppSession({ args: ['--no-demo'] });
  await app.invoke('leads-create', {
    lead: { firstName: 'Sam', lastName: 'Ortiz', email: 'sam@example.com' },
  });
  const { lead } = await app.invoke('leads-create', {
    lead: { firstName: 'Samuel', lastName: 'Ortiz', email: 'SAM@example.com', phone: '(312) 555-0101' },
  });
  keptId = lead.id;
  await app.invoke('messages-record-inbound', { leadId: keptId, channel: 'sms', body: 'Still for sale?' });
  await app.invoke('leads-create', {
    lead: { firstName: 'Alone', lastName: 'Lead', email: 'alone@example.com' },
  });
});
afterAll(() => app.close());

describe('merge duplicates in Chromium against the headless shell', () => {
  it('lists the group, refuses a merge with nothing ticked, merges into the chosen lead', async () => {
    const page = await app.open('/leads');
    await page.getByRole('gridcell').first().waitFor();
    await page.getByRole('link', { name: 'Duplicates' }).click();
    const group = page.getByRole('region', { name: 'Duplicates: Email sam@example.com' });
    await group.waitFor();
    expect(await group.textContent()).not.toContain('Alone');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await app.shot(page, 'merge-duplicates');

    await group.getByLabel('Keep Samuel Ortiz').check();
    await group.getByLabel('Merge Sam Ortiz in').uncheck();
    const button = group.getByRole('button', { name: /^Merge 0 into/ });
    expect(await button.isDisabled()).toBe(true);
    await group.getByText('Tick at least one lead to merge into the one you keep.').waitFor();
    await group.getByLabel('Merge Sam Ortiz in').check();
    await group.getByRole('button', { name: 'Merge 1 into Samuel Ortiz' }).click();

    await page.getByText('Merged 1 lead into Samuel Ortiz').waitFor();
    await page.getByText('No duplicates: no two leads share an email address or a phone number.').waitFor();
    await app.shot(page, 'merge-done');
    const [kept] = (await app.invoke('leads-query', { search: 'ortiz' })).rows;
    expect(kept?.id).toBe(keptId);
    expect((await app.invoke('leads-query', { deleted: true })).rows.map((l) => l.firstName)).toEqual([
      'Sam',
    ]);
    await page.close();
  });
});
