// The template editor: the preview and the segment counter follow the typing (a curly quote
// turns the text UCS-2 and is marked), a broken placeholder is refused beside the field on
// save, an email preview shows the footer as sent, and the sequences using it are listed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousA11yViolations } from '../support/axe';
import { startAppSession, type AppSession } from '../support/app-session';

let app: AppSession;
beforeAll(async () => {
  app = await startAppSession();
  // The agent's profile the built-ins read; the office address is left out for the email test.
  await app.invoke('profile-set', {
    firstName: 'Dana',
    lastName: 'Reyes',
    phone: '(512) 555-0100',
    email: 'dana@example.com',
    brokerage: 'Porchlight Realty',
  });
});
afterAll(() => app.close());

describe('templates in Chromium against the headless shell', () => {
  it('edits a text template: preview and counter change, a broken placeholder is refused', async () => {
    const page = await app.open('/templates');
    await page.getByRole('button', { name: /Buyer: welcome text/ }).click();
    const editor = page.getByRole('form', { name: 'Template editor' });
    const body = editor.getByRole('textbox', { name: 'Message' });
    const counter = editor.getByTestId('segment-counter');
    await expect.poll(() => counter.textContent()).toMatch(/1 segment · GSM-7/);
    expect(await editor.getByRole('listitem').filter({ hasText: 'New buyer' }).count()).toBeGreaterThan(0);

    await body.fill(`Hi {{first_name}}, “great” news about ${'homes '.repeat(12)}`);
    await expect.poll(() => counter.textContent()).toMatch(/2 segments · UCS-2.*“/);
    await expect.poll(() => editor.locator('.preview-text mark').count()).toBe(2);
    expect(await editor.getByTestId('preview-text').textContent()).toContain('Hi Alex');
    await app.shot(page, 'templates-ucs2');

    await body.fill('Hi {{firstname}}, this is {{agent_name}}');
    await editor.getByRole('button', { name: 'Save template' }).click();
    const refusal = editor.locator('#template-body-error');
    await expect.poll(() => refusal.textContent()).toContain('Unknown placeholder {{firstname}}');
    expect(await body.getAttribute('aria-invalid')).toBe('true');
    expect(await body.inputValue()).toBe('Hi {{firstname}}, this is {{agent_name}}');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await app.shot(page, 'templates-refused');

    await body.fill('Hi {{first_name}}, this is {{agent_name|your agent}}.');
    await editor.getByRole('button', { name: 'Save template' }).click();
    await expect.poll(() => editor.getByRole('status').textContent()).toContain('Saved');
    await page.close();
  });

  it('previews an email on a chosen lead with the footer exactly as sent', async () => {
    const page = await app.open('/templates');
    await page.getByRole('button', { name: /Buyer: welcome email/ }).click();
    const editor = page.getByRole('form', { name: 'Template editor' });
    const lead = (await app.invoke('leads-query', { limit: 1, sort: { field: 'name', direction: 'asc' } }))
      .rows[0];
    if (lead === undefined) throw new Error('the demo workspace has no leads');
    // Without the office address an email would be held: the preview says so and where to fill it.
    await expect
      .poll(async () => (await editor.getByRole('alert').allTextContents()).join(' '))
      .toContain('Settings → Profile');
    // The section it names is a link to it.
    expect(
      await editor
        .getByRole('alert')
        .getByRole('link', { name: 'Settings → Profile' })
        .first()
        .getAttribute('href'),
    ).toBe('#/settings/profile');
    await app.invoke('profile-set', { officeAddress: '100 Congress Ave, Austin, TX 78701' });
    await editor.getByLabel('Preview on: lead').selectOption(lead.id);
    const preview = editor.getByTestId('preview-text');
    await expect.poll(() => preview.textContent()).toContain(`Hi ${lead.firstName}`);
    expect(await preview.textContent()).toMatch(
      /\n\nDana Reyes\nPorchlight Realty\n\(512\) 555-0100\ndana@example\.com\n\n--\nPorchlight Realty\n100 Congress Ave, Austin, TX 78701\nTo stop these emails, reply with the word "unsubscribe"\.$/,
    );
    expect(await editor.locator('.preview-subject').textContent()).toContain('Your home search');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await app.shot(page, 'templates-email');

    // The HTML part: previewed as sent (escaped values, the footer before </body>), refused beside
    // its field when a placeholder is broken, and saved.
    const html = editor.getByRole('textbox', { name: /^HTML/ });
    await html.fill('<h1>Welcome home</h1><p>Hi {{first_name}}, {{agent_name}} here.</p>');
    const frame = page.frameLocator('[data-testid="preview-html"]');
    await expect.poll(() => frame.locator('h1').textContent()).toBe('Welcome home');
    expect(await frame.locator('body').textContent()).toContain(`Hi ${lead.firstName}, Dana Reyes here.`);
    expect(await frame.locator('body').textContent()).toContain('100 Congress Ave, Austin, TX 78701');
    expect(await frame.locator('body').textContent()).toContain('reply with the word "unsubscribe"');
    await app.shot(page, 'templates-email-html');
    await html.fill('<p>Hi {{first name}}</p>');
    await editor.getByRole('button', { name: 'Save template' }).click();
    await expect
      .poll(async () => (await editor.getByRole('alert').allTextContents()).join(' '))
      .toContain('malformed placeholder');
    expect(await html.getAttribute('aria-invalid')).toBe('true');
    expect(await html.inputValue()).toBe('<p>Hi {{first name}}</p>');
    await html.fill('<p>Hi {{first_name|there}}</p>');
    await editor.getByRole('button', { name: 'Save template' }).click();
    await expect.poll(() => editor.getByRole('status').textContent()).toContain('Saved');
    const saved = await app.invoke('templates-get', { id: 'tpl-buyer-welcome-email' });
    expect(saved?.html).toBe('<p>Hi {{first_name|there}}</p>');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.close();
  });
});
