// The lead page: a lead's header, timeline and score reasons; logging a call; writing a text in
// the composer with placeholders filled, the segment counter and the quiet-hours verdict, and
// seeing it enter the timeline through the outbox.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousA11yViolations } from '../support/axe';
import { scrollsSideways, startAppSession, type AppSession } from '../support/app-session';

let app: AppSession;
let leadId: string;
beforeAll(async () => {
  app = await startAppSession({ args: ['--no-demo'] });
  const { lead } = await app.invoke('leads-create', {
    lead: {
      firstName: 'Maria',
      lastName: 'Lopez',
      phone: '(312) 555-0142',
      address: { zip: '60614' },
      source: 'zillow',
    },
  });
  leadId = lead.id;
  await app.invoke('messages-record-inbound', {
    leadId,
    channel: 'sms',
    body: 'We are pre-approved and want to buy a condo in Lincoln Park in the next month.',
  });
});
afterAll(() => app.close());

describe('the lead page in Chromium against the headless shell', () => {
  it('shows the lead, every touch and why it scores what it scores', async () => {
    const page = await app.open(`/leads/${leadId}`);
    await page.getByRole('heading', { name: 'Maria Lopez' }).waitFor();
    const timeline = page.getByRole('list', { name: 'Timeline' });
    await timeline.getByText('Lincoln Park in the next month').waitFor();
    expect(await timeline.textContent()).toContain('Text from the lead');
    const why = page.getByRole('region', { name: /^Why \d+/ });
    await why.getByText('Next best action').waitFor();
    expect(await why.textContent()).toMatch(/confidence \d+%/);
    expect(await why.textContent()).toContain('Buying');
    expect(await page.getByRole('region', { name: 'What happens next' }).textContent()).toContain(
      'Open tasks',
    );
    expect(await seriousA11yViolations(page)).toEqual([]);
    await app.shot(page, 'lead-page');
    await page.close();
  });

  it('logs a call with its outcome onto the timeline', async () => {
    const page = await app.open(`/leads/${leadId}`);
    await page.getByRole('heading', { name: 'Maria Lopez' }).waitFor();
    await page.getByRole('button', { name: 'Log a call' }).click();
    const dialog = page.getByRole('dialog', { name: 'Log the call' });
    await dialog.getByLabel('Left a voicemail').check();
    await dialog.getByLabel('Notes (optional)').fill('Will try again after 5');
    await dialog.getByRole('button', { name: 'Log the call' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page
      .getByRole('list', { name: 'Timeline' })
      .getByText('Left a voicemail — Will try again after 5')
      .waitFor();
    await page.close();
  });

  it('writes a text with placeholders filled, counts segments, states the quiet-hours verdict and queues it', async () => {
    const page = await app.open(`/leads/${leadId}`);
    await page.getByRole('heading', { name: 'Maria Lopez' }).waitFor();
    await page.getByRole('button', { name: 'Text', exact: true }).click();
    const composer = page.getByRole('dialog', { name: 'Text to Maria Lopez' });
    const box = composer.getByLabel(/^Message/);
    await box.fill('Hi {{first_name}}, the Lincoln Park condo is still open. Want to see it?');
    const exact = composer.getByRole('region', { name: 'What will be sent' });
    await expect.poll(() => exact.textContent()).toContain('Hi Maria, the Lincoln Park condo');
    expect(await composer.locator('#composer-count').textContent()).toContain('1 segment · GSM-7');
    const verdict = await composer.getByRole('status').textContent();
    expect(verdict).toMatch(/^It is \d\d:\d\d for Maria \(America\/Chicago\)/);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await app.shot(page, 'lead-composer');

    await box.fill('Hi {{first_name}} 🏡');
    await expect.poll(() => composer.locator('#composer-count').textContent()).toContain('Unicode');
    await box.fill('Hi {{first_name}}, shall we book a viewing?');
    await expect.poll(() => exact.textContent()).toContain('Hi Maria, shall we book a viewing?');
    // Inside quiet hours there is no send-now: only scheduling for the lead's morning.
    const quiet = verdict?.includes('inside quiet hours') === true;
    expect(await composer.getByRole('button', { name: 'Send now' }).count()).toBe(quiet ? 0 : 1);
    await composer.getByRole('button', { name: quiet ? /^Schedule for/ : 'Send now' }).click();
    await composer.waitFor({ state: 'detached' });
    // Through the outbox: it enters the timeline at once, with its status as it moves.
    const sent = page
      .getByRole('list', { name: 'Timeline' })
      .locator('li.touch', { hasText: 'shall we book a viewing?' });
    await sent.first().waitFor();
    expect(await sent.first().getAttribute('data-status')).toMatch(/\w+/);
    await app.shot(page, 'lead-after-send');
    await page.close();
  });

  it('fits 1024×640 without sideways scrolling', async () => {
    const page = await app.open(`/leads/${leadId}`, { width: 1024, height: 640 });
    await page.getByRole('heading', { name: 'Maria Lopez' }).waitFor();
    expect(await scrollsSideways(page)).toBe(false);
    await app.shot(page, 'lead-page-1024');
    await page.close();
  });
});
