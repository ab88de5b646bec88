// Listings in Chromium against the headless shell and a local RESO Web API server: a bad token
// is refused beside its field; the right one imports the feed; a lead's page shows the homes
// that fit with why and where each preference came from; the preferences are edited there and
// one home is sent with one tap; how often the feed is imported and alerts may go is set in
// Settings → Listings, a bad number refused beside its field, with the import's state in words.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousA11yViolations } from '../support/axe';
import { startAppSession, type AppSession } from '../support/app-session';
import { ResoTestServer, resoRecord } from '../reso/reso-server';

let app: AppSession;
let mls: ResoTestServer;
beforeAll(async () => {
  mls = await new ResoTestServer({
    records: Array.from({ length: 14 }, (_, i) => resoRecord(i)),
    tokens: ['mls-token'],
    nextLinks: true,
  }).start();
  // No photo host is reachable from the test machine (the page loads https: images only), so
  // the homes come without Media and the cards show their "No photo" tile.
  for (const record of mls.records) record.Media = [];
  app = await startAppSession({ args: ['--no-demo'] });
});
afterAll(async () => {
  await app.close();
  await mls.stop();
});

describe('Listings in Chromium', () => {
  it('imports the MLS feed (a bad token refused beside its field), then matches and sends homes from the lead page', async () => {
    const page = await app.open('/settings/listings');
    const section = page.getByRole('region', { name: 'Listings' });
    await section.locator('input[name="endpoint"]').fill(`${mls.url}/odata`);
    await section.locator('input[name="accessToken"]').fill('wrong-token');
    await section
      .locator('input[name="publicUrlTemplate"]')
      .fill('https://homes.example.com/listing/{ListingId}');
    await section.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => section.getByRole('status').last().textContent()).toContain('Saved.');
    await section.getByRole('button', { name: 'Import now' }).click();
    await expect
      .poll(() => section.locator('[role="alert"]').first().textContent())
      .toContain('The MLS refused the access token (HTTP 401)');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await app.shot(page, 'listings-bad-token');

    await section.locator('input[name="accessToken"]').fill('mls-token');
    await section.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => section.getByRole('status').last().textContent()).toContain('Saved.');
    await section.getByRole('button', { name: 'Import now' }).click();
    await expect.poll(() => section.getByRole('status').last().textContent()).toContain('read 14, 14 new');
    await expect
      .poll(() => section.getByRole('status').first().textContent())
      .toContain('14 homes: 14 for sale');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await app.shot(page, 'listings-imported');

    const { lead } = await app.invoke('leads-create', {
      lead: {
        firstName: 'Dana',
        lastName: 'Reyes',
        phone: '+16125550142',
        email: 'dana@example.com',
        notes: 'Wants Maple Grove, under $350k, 2+ beds',
      },
    });
    await page.goto(page.url().replace(/#.*$/, `#/leads/${lead.id}`));
    const homes = page.getByRole('region', { name: 'Homes for Dana' });
    await expect.poll(() => homes.locator('.home-card').count()).toBeGreaterThan(0);
    expect(await homes.textContent()).toContain('Maple Grove · from the notes: “Maple Grove”');
    expect(await homes.locator('.home-reasons').first().textContent()).toContain(
      'under $350k · in Maple Grove · ',
    );
    expect(await seriousA11yViolations(page)).toEqual([]);
    await homes.scrollIntoViewIfNeeded();
    await app.shot(page, 'lead-home-matches');

    const firstTitle = (await homes.locator('.home-title').first().textContent()) ?? '';
    await homes.locator('.home-card').first().getByRole('button', { name: 'Text' }).click();
    await expect
      .poll(() => homes.getByRole('status').first().textContent())
      .toContain(`${firstTitle} was sent to the outbox by text`);
    await expect
      .poll(async () => (await homes.locator('.home-title').allTextContents()).includes(firstTitle))
      .toBe(false);
    await expect.poll(() => homes.textContent()).toContain('1 already sent');
    await app.shot(page, 'lead-home-sent');

    await homes.getByRole('button', { name: 'Edit preferences' }).click();
    await homes.locator('input[name="priceMin"]').fill('400000');
    await homes.locator('input[name="priceMax"]').fill('300000');
    await homes.getByRole('button', { name: 'Save preferences' }).click();
    await expect
      .poll(() => homes.locator('[role="alert"]').first().textContent())
      .toContain('Lower than the highest price');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await homes.scrollIntoViewIfNeeded();
    await app.shot(page, 'lead-home-preferences-refused');
    await homes.locator('input[name="priceMin"]').fill('');
    await homes.locator('input[name="priceMax"]').fill('400000');
    await homes.getByRole('button', { name: 'Save preferences' }).click();
    await expect.poll(() => homes.textContent()).toContain('up to $400k · set by you');
    await page.close();
  });

  it('sets how often the feed is imported and alerts may go; a bad number is refused beside its field', async () => {
    const page = await app.open('/settings/listings');
    const schedule = page.getByRole('form', { name: 'How often' });
    await expect.poll(() => schedule.textContent()).toContain('Last good import');
    expect(await schedule.textContent()).toContain('Next import');
    const minutes = schedule.locator('input[name="importEveryMinutes"]');
    const hours = schedule.locator('input[name="alertEveryHours"]');
    expect(await minutes.inputValue()).toBe('15');
    expect(await hours.inputValue()).toBe('24');

    await minutes.fill('every hour');
    await schedule.getByRole('button', { name: 'Set how often' }).click();
    await expect
      .poll(() =>
        schedule.locator('label:has(input[name="importEveryMinutes"]) [role="alert"]').textContent(),
      )
      .toBe('Enter whole minutes, like 15.');
    await minutes.fill('2');
    await hours.fill('48');
    await schedule.getByRole('button', { name: 'Set how often' }).click();
    await expect
      .poll(() =>
        schedule.locator('label:has(input[name="importEveryMinutes"]) [role="alert"]').textContent(),
      )
      .toBe('At least every 5 minutes: MLS servers limit how often they are asked.');
    // What was typed stays, and nothing was saved.
    expect(await minutes.inputValue()).toBe('2');
    expect((await app.invoke('listings-overview', {})).settings.importEveryMinutes).toBe(15);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await app.shot(page, 'listings-schedule-refused');

    await minutes.fill('30');
    await schedule.getByRole('button', { name: 'Set how often' }).click();
    await expect.poll(() => schedule.getByRole('status').last().textContent()).toContain('Saved.');
    const saved = await app.invoke('listings-overview', {});
    expect(saved.settings.importEveryMinutes).toBe(30);
    expect(saved.alerts.alertEveryHours).toBe(48);
    await expect
      .poll(async () => (await app.invoke('listings-overview', {})).nextImportAt)
      .toBe((saved.state.lastRun?.finishedAt ?? 0) + 30 * 60_000);
    expect(await schedule.locator('[role="alert"]').count()).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await app.shot(page, 'listings-schedule');

    // The alert playbook a team picks: paused until turned on, its trigger in words.
    await page.goto(page.url().replace(/#.*$/, '#/sequences'));
    const playbook = page.getByRole('button', { name: /New homes and price cuts/ });
    await playbook.click();
    const builder = page.getByRole('form', { name: 'Sequence builder' });
    expect(await builder.getByLabel('Trigger').inputValue()).toBe('property_alert');
    expect(await builder.textContent()).toContain('at most one alert per lead');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await app.shot(page, 'listings-alert-playbook');
    await page.close();
  });
});
