// Settings → Profile in Chromium against the headless shell: a bad phone and email are refused
// beside their fields with nothing saved; a good profile is saved, the signature emails will end
// with is shown, and the built-in welcome text's preview speaks in the agent's name.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousA11yViolations } from '../support/axe';
import { startAppSession, type AppSession } from '../support/app-session';

let app: AppSession;
beforeAll(async () => {
  app = await startAppSession({ args: ['--no-demo'] });
});
afterAll(() => app.close());

describe('Settings → Profile in Chromium against the headless shell', () => {
  it('refuses a bad phone and email beside their fields, then saves and shows the signature', async () => {
    const page = await app.open('/leads');
    await page.getByRole('link', { name: 'Settings', exact: true }).click();
    await page.getByRole('main').getByRole('link', { name: 'Profile' }).click();
    const profile = page.getByRole('region', { name: 'Profile' });
    const field = (name: string) => profile.locator(`input[name="${name}"]`);
    await expect.poll(() => profile.getByTestId('profile-missing').textContent()).toContain('First name');

    await field('firstName').fill('Dana');
    await field('lastName').fill('Reyes');
    await field('phone').fill('555-12');
    await field('email').fill('dana@');
    await profile.getByRole('button', { name: 'Save profile' }).click();
    // Each refusal sits inside its own field's label, beside the input.
    const errorOf = (name: string) => profile.locator(`label:has(input[name="${name}"]) [role="alert"]`);
    await expect
      .poll(() => errorOf('phone').textContent())
      .toContain('phone "555-12" is not a valid US number');
    await expect.poll(() => errorOf('email').textContent()).toContain('"dana@" is not a valid email address');
    expect(await profile.getByRole('status').textContent()).toContain('The profile was not saved');
    // Nothing was lost: what was typed is still there to correct.
    expect(await field('firstName').inputValue()).toBe('Dana');
    expect((await app.invoke('profile-get', {})).profile.firstName).toBe('');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await app.shot(page, 'profile-refused');

    await field('phone').fill('(512) 555-0100');
    await field('email').fill('dana@example.com');
    await field('brokerage').fill('Porchlight Realty');
    await field('licence').fill('TX 0123456');
    await field('officeAddress').fill('100 Congress Ave, Austin, TX 78701');
    await profile.getByRole('button', { name: 'Save profile' }).click();
    await expect
      .poll(() => profile.getByRole('status').textContent())
      .toContain('Messages now go out in your name');
    expect(await profile.getByTestId('profile-signature').textContent()).toBe(
      'Dana Reyes\nPorchlight Realty · Licence TX 0123456\n(512) 555-0100\ndana@example.com',
    );
    expect(await profile.getByRole('alert').count()).toBe(0);
    // Saved as E.164, shown as a lead reads it.
    expect(await field('phone').inputValue()).toBe('(512) 555-0100');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await app.shot(page, 'profile-saved');

    const preview = await app.invoke('templates-preview', {
      channel: 'sms',
      body: "Hi {{first_name|there}}, it's {{agent.first_name}} with {{brokerage}}.",
    });
    expect(preview.text).toBe("Hi Alex, it's Dana with Porchlight Realty.");
    await page.close();
  });
});
