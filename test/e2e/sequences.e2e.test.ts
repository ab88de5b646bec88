// The sequence builder: a new sequence (saved paused), a dry run on a lead in another time zone
// showing each step's local time and verdicts, a step's fallback and the stages that end it,
// then activated and the lead enrolled.
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

    // With a fallback to email, the text step would go by email instead; email is not connected
    // in this workspace, so it would wait for it, saying where to connect it.
    const textStep = builder.getByRole('listitem', { name: 'Step 2' });
    await textStep
      .getByRole('group', { name: /Step 2: if the lead cannot be reached/ })
      .getByLabel('Email')
      .check();
    expect(await textStep.textContent()).toContain('Tried in this order: email.');
    await builder.getByRole('button', { name: 'Dry run' }).click();
    await expect.poll(() => rows.nth(2).textContent()).toMatch(/Settings → Email/);
    // The stages that end it: the manual trigger's defaults ticked, appointment added.
    const ends = builder.getByRole('group', { name: 'The sequence ends when the lead reaches' });
    expect(await ends.getByLabel('Closed').isChecked()).toBe(true);
    expect(await ends.getByLabel('Appointment').isChecked()).toBe(false);
    await ends.getByLabel('Appointment').check();
    await app.shot(page, 'sequences-fallback-end-stages');

    await builder.getByRole('button', { name: 'Save sequence' }).click();
    await expect.poll(() => builder.getByRole('status').first().textContent()).toContain('paused');
    const saved = (await app.invoke('sequences-list', {})).find((q) => q.name === 'Open house follow-up');
    expect(saved?.endStages).toEqual(['appointment', 'closed', 'lost']);
    expect(saved?.steps[1]?.fallback).toEqual(['email']);
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
