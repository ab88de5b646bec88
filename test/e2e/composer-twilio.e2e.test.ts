// The composer against the Twilio-compatible peer (test/channels/fake-twilio-server.ts, the
// headless shell pointed at it with --twilio-api): a text written on the lead page reaches the
// peer once and its status moves to delivered on the timeline; a send the peer answers with a
// 500 is left "not sure it went", and the agent resolves it from the timeline.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startFakeTwilio, type FakeTwilio } from '../channels/fake-twilio-server';
import { seriousA11yViolations } from '../support/axe';
import { startAppSession, type AppSession } from '../support/app-session';
import { zoneInWorkingHours } from '../support/working-hours';

let peer: FakeTwilio;
let app: AppSession;
let leadId: string;
beforeAll(async () => {
  peer = await startFakeTwilio(() => Date.now());
  app = await startAppSession({ args: ['--no-demo', '--twilio-api', peer.baseUrl] });
  for (const sequence of await app.invoke('sequences-list', {}))
    if (sequence.status === 'active')
      await app.invoke('sequences-set-status', { id: sequence.id, status: 'paused' });
  await app.invoke('channels-secrets-set', { name: 'twilio.accountSid', value: peer.accountSid });
  await app.invoke('channels-secrets-set', { name: 'twilio.authToken', value: peer.authToken });
  await app.invoke('channels-twilio-settings-set', { smsFrom: '+14155550100', pollSeconds: 15 });
  // Connecting is live (no restart); wait until the engine reports it.
  await vi.waitFor(
    async () => expect((await app.invoke('channels-status', {})).sms.state).toBe('connected'),
    { timeout: 30_000, interval: 500 },
  );
  const { lead } = await app.invoke('leads-create', {
    lead: { firstName: 'Maria', lastName: 'Lopez', phone: '+1 415 555 2671', timeZone: zoneInWorkingHours() },
  });
  leadId = lead.id;
});
afterAll(async () => {
  await app.close();
  await peer.close();
});

async function sendText(page: Page, body: string): Promise<void> {
  await page.getByRole('button', { name: 'Text', exact: true }).click();
  const composer = page.getByRole('dialog', { name: 'Text to Maria Lopez' });
  await composer.getByLabel(/^Message/).fill(body);
  await composer.getByRole('button', { name: 'Send now' }).click();
  await composer.waitFor({ state: 'detached' });
}

describe('the composer against the Twilio-compatible peer', () => {
  it('sends a text that reaches the peer once and moves to delivered on the timeline', async () => {
    const page = await app.open(`/leads/${leadId}`);
    await page.getByRole('heading', { name: 'Maria Lopez' }).waitFor();
    await sendText(page, 'Hi {{first_name}}, the condo viewing is confirmed for Saturday.');
    await expect.poll(() => peer.messages.length, { timeout: 30_000 }).toBe(1);
    expect(peer.messages[0]?.body).toBe('Hi Maria, the condo viewing is confirmed for Saturday.');
    expect(peer.messages[0]?.to).toBe('+14155552671');
    await peer.settle();
    const touch = page
      .getByRole('list', { name: 'Timeline' })
      .locator('li.touch', { hasText: 'viewing is confirmed' });
    // The poller reads the peer's statuses every 15 s.
    await expect.poll(() => touch.getAttribute('data-status'), { timeout: 60_000 }).toBe('delivered');
    expect(peer.messages).toHaveLength(1);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await app.shot(page, 'composer-delivered');
    await page.close();
  });

  it('leaves a send the peer answered with a 500 as not sure, and the agent resolves it', async () => {
    const page = await app.open(`/leads/${leadId}`);
    await page.getByRole('heading', { name: 'Maria Lopez' }).waitFor();
    peer.failNext(500);
    await sendText(page, 'Did the lender call you back?');
    const touch = page
      .getByRole('list', { name: 'Timeline' })
      .locator('li.touch', { hasText: 'lender call you back' });
    await expect.poll(() => touch.getAttribute('data-status'), { timeout: 30_000 }).toBe('uncertain');
    const resolve = touch.getByRole('group', { name: 'Resolve this send' });
    await resolve.waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await app.shot(page, 'timeline-uncertain');
    await resolve.getByRole('button', { name: 'Do not send' }).click();
    await expect.poll(() => touch.getAttribute('data-status')).toBe('cancelled');
    expect(await touch.getByRole('group', { name: 'Resolve this send' }).count()).toBe(0);
    await app.shot(page, 'timeline-uncertain-resolved');
    await page.close();
  });
});
