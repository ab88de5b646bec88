// The assistant on screen: turned on from the lead page, its introduction and questions on the
// timeline marked as the assistant's, what it learned in its panel with the lead's words, take
// over pausing it and hand back resuming it; its conversations listed on Replies.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousA11yViolations } from '../support/axe';
import { scrollsSideways, startAppSession, type AppSession } from '../support/app-session';

let app: AppSession;
let leadId: string;
beforeAll(async () => {
  app = await startAppSession({ args: ['--no-demo'] });
  await app.invoke('profile-set', { firstName: 'Jane', lastName: 'Doe', brokerage: 'Lakeside Realty' });
  const { lead } = await app.invoke('leads-create', {
    lead: { firstName: 'Sam', lastName: 'Lee', phone: '(312) 555-0142', source: 'website' },
  });
  leadId = lead.id;
});
afterAll(() => app.close());

describe('the assistant in Chromium against the headless shell', () => {
  it('is turned on from the lead page, talks, learns, and pauses when the agent takes over', async () => {
    const page = await app.open(`/leads/${leadId}`);
    await page.getByRole('heading', { name: 'Sam Lee' }).waitFor();
    const panel = page.getByRole('region', { name: 'Assistant' });
    await panel.getByText('Off for this lead').waitFor();
    await panel.getByRole('button', { name: 'Turn on the assistant' }).click();
    const timeline = page.getByRole('list', { name: 'Timeline' });
    await timeline.getByText("Hi Sam, I'm Jane's assistant at Lakeside Realty.", { exact: false }).waitFor();
    await panel.getByText('Talking to this lead').waitFor();

    await app.invoke('messages-record-inbound', {
      leadId,
      channel: 'sms',
      body: 'Buying! Pre-approved up to 600k, hoping to move in 3 months',
    });
    await panel.getByText('“Pre-approved up to 600k”', { exact: false }).waitFor();
    await timeline.getByText('Which neighborhoods or towns are you considering?').waitFor();
    // The introduction and the question it asked after reading the answer, both marked.
    expect(await timeline.locator('.assistant-mark').count()).toBeGreaterThanOrEqual(2);
    expect(await panel.textContent()).toContain(
      'Asks next: “Which neighborhoods or towns are you considering?”',
    );
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(await scrollsSideways(page)).toBe(false);
    await app.shot(page, 'assistant-lead-page');

    await panel.getByRole('button', { name: 'Take over' }).click();
    await panel.getByText('Paused: you took over').waitFor();
    await timeline.getByText('You took over: the assistant is paused for this lead.').waitFor();
    await app.invoke('messages-record-inbound', { leadId, channel: 'sms', body: 'Oak Park or Elmhurst' });
    await panel.getByText('“Oak Park or Elmhurst”', { exact: false }).waitFor();
    expect(await timeline.getByText('What kind of home are you after', { exact: false }).count()).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await app.shot(page, 'assistant-taken-over');

    await panel.getByRole('button', { name: 'Hand back' }).click();
    await panel.getByText('Talking to this lead').waitFor();
    await page.close();
  });

  it('hands off when the lead asks to see a home, and lists the conversation on Replies', async () => {
    await app.invoke('messages-record-inbound', {
      leadId,
      channel: 'sms',
      body: 'Can we see the one on Maple this weekend?',
    });
    const page = await app.open('/replies');
    const section = page.getByRole('region', { name: "The assistant's conversations" });
    await section.getByText('Sam Lee').waitFor();
    await section.getByText('Hand-off: They want to see a home or meet', { exact: false }).waitFor();
    // Its last words are no question: they are said as written, not as asked.
    expect(await section.locator('.touch-body').first().textContent()).toMatch(/^Wrote: .*reach out/);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await app.shot(page, 'assistant-replies');
    await page.close();
  });
  it('is turned on for a sequence from the sequence builder', async () => {
    const page = await app.open('/sequences/builtin-new-buyer');
    const box = page.getByLabel(/The assistant qualifies these leads when they reply/);
    await box.waitFor();
    expect(await box.isChecked()).toBe(false);
    await box.click();
    await expect
      .poll(async () => (await app.invoke('assistant-settings-get', {})).sequenceIds)
      .toEqual(['builtin-new-buyer']);
    await expect.poll(() => box.isChecked()).toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await app.shot(page, 'assistant-sequence-switch');
    await page.close();
  });
});
