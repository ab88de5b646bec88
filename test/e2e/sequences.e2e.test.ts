// The sequence builder: a new sequence (saved paused), a dry run on a lead in another time zone
// showing each step's local time and verdicts, then activated and the lead enrolled.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousA11yViolations } from '../support/axe';
import { startAppSession, type AppSession } from '../support/app-session';

let app: AppSession;
beforeAll(async () => {
  app = await startAppSession();
});
afterAll(() => app.close());

describe('sequences in Chromium against the headless shell', () => {
  it('creates a sequence, dry-runs it on a lead in Hawaii, activates it and enrolls the lead', async () => {
    const { lead } = await app.invoke('leads-create', {
      lead: {
        firstName: 'Keala',
        lastName: 'Kahale',
        email: 'keala@example.com',
        timeZone: 'Pacific/Honolulu',
      },
    });
    const page = await app.open('/sequences');
    await page.getByRole('button', { name: /New buyer lead/ }).waitFor();
    expect(await page.getByRole('button', { name: /New buyer lead/ }).textContent()).toMatch(/\d+ enrolled/);
    await page.getByRole('button', { name: '+ New sequence' }).click();
    const builder = page.getByRole('form', { name: 'Sequence builder' });
    await builder.getByLabel('Name', { exact: true }).fill('Open house follow-up');
    await builder.getByRole('button', { name: '+ Add a step' }).click();
    const second = builder.getByRole('listitem', { name: 'Step 2' });
    await second.getByLabel('Wait').fill('20');
    await second.getByLabel('Unit').selectOption('hours');
    await builder.getByRole('button', { name: 'Move step 2 up' }).click();
    expect(await builder.getByRole('listitem', { name: 'Step 1' }).getByLabel('Channel').inputValue()).toBe(
      'email',
    );

    await builder.getByLabel('Try it on', { exact: true }).fill('Keala');
    await builder.getByLabel('Try it on: lead').selectOption(lead.id);
    await builder.getByRole('button', { name: 'Dry run' }).click();
    const dry = builder.getByRole('region', { name: 'Dry run' });
    await dry.waitFor();
    expect(await dry.getByRole('heading').textContent()).toContain('Pacific/Honolulu');
    const rows = dry.getByRole('row');
    expect(await rows.count()).toBe(3);
    // The first step waits 20 hours and lands in Keala's morning; the text step says why it
    // cannot go: a step keeps its own channel, and Keala has no phone number.
    expect(await rows.nth(1).textContent()).toMatch(/\d{2}:\d{2}/);
    expect(await rows.nth(2).textContent()).toMatch(
      /Skipped: the lead cannot be reached by sms \(sms: no phone number\)/,
    );
    expect(await seriousA11yViolations(page)).toEqual([]);
    await app.shot(page, 'sequences-dry-run');

    await builder.getByRole('button', { name: 'Save sequence' }).click();
    await expect.poll(() => builder.getByRole('status').first().textContent()).toContain('paused');
    await builder.getByRole('button', { name: 'Activate' }).click();
    await expect.poll(() => builder.locator('.chip').first().textContent()).toBe('active');
    await builder.getByLabel('Try it on: lead').selectOption(lead.id);
    await builder.getByRole('button', { name: 'Enroll this lead' }).click();
    await expect
      .poll(() => builder.getByRole('region', { name: 'Try it on a lead' }).getByRole('status').textContent())
      .toContain('Keala Kahale is enrolled');
    await expect
      .poll(() => builder.getByRole('region', { name: 'Running now' }).textContent())
      .toContain('Keala Kahale');
    expect(await page.getByRole('button', { name: /Open house follow-up/ }).textContent()).toContain(
      '1 enrolled',
    );
    expect(await seriousA11yViolations(page)).toEqual([]);
    await app.shot(page, 'sequences-enrolled');
    await page.close();
  });
});
