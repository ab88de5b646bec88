import { afterEach, describe, expect, it } from 'vitest';
import { PorchlightError } from '../../../src-shared/ipc/errors';
import type { EngineTestCore } from '../testing/engine-harness';
import { createEngineTestCore } from '../testing/engine-harness';

let core: EngineTestCore | undefined;
afterEach(async () => {
  await core?.close();
  core = undefined;
});

describe('templates', () => {
  it('TH1: refuses unknown placeholders on save, naming them', async () => {
    core = await createEngineTestCore();
    await expect(
      core.invoke('templates-create', { template: { name: 'x', channel: 'sms', body: 'Hi {{firstname}}' } }),
    ).rejects.toThrow(PorchlightError);
  });

  it('TH2: the preview counts segments, warns over 3 and shows the refusal a send would meet', async () => {
    core = await createEngineTestCore();
    const long = await core.invoke('templates-preview', {
      channel: 'sms',
      body: `Hi {{first_name}} ${'x'.repeat(470)}`,
    });
    expect(long.segments).toMatchObject({ encoding: 'GSM-7', segments: 4 });
    expect(long.warnings[0]).toMatch(/4 SMS segments/);
    const broken = await core.invoke('templates-preview', {
      channel: 'sms',
      body: 'About {{property_address}}',
    });
    expect(broken.error?.code).toBe('missing_value');
    const email = await core.invoke('templates-preview', {
      channel: 'email',
      body: 'Hello {{first_name}}',
      subject: 'Hi',
    });
    expect(email.text).toMatch(/Unsubscribe: https:\/\/sync\.example\.com\/u\/preview$/);
  });

  it('TH3: a template used by a sequence cannot be deleted', async () => {
    core = await createEngineTestCore();
    await expect(core.invoke('templates-delete', { id: 'tpl-buyer-welcome-sms' })).rejects.toThrow(
      /New buyer lead/,
    );
  });

  it('TH4: a send whose template would break is refused, failed with a task, never sent', async () => {
    core = await createEngineTestCore();
    await core.invoke('templates-update', {
      id: 'tpl-buyer-welcome-email',
      patch: { body: 'About {{property_address}}' },
    });
    const { lead } = await core.invoke('leads-create', {
      lead: {
        firstName: 'Bo',
        email: 'bo@example.com',
        timeZone: 'America/New_York',
        intent: 'buy',
        source: 'website',
      },
    });
    await core.engine.idle();
    await core.runFor(60_000);
    expect(core.channels.mailer.sent).toHaveLength(0);
    const [welcome] = (await core.invoke('messages-for-lead', { leadId: lead.id })).filter(
      (m) => m.stepIndex === 0,
    );
    expect(welcome).toMatchObject({ status: 'failed', error: { code: 'template_missing_value' } });
    const tasks = await core.invoke('tasks-for-lead', { leadId: lead.id });
    expect(tasks.some((t) => t.kind === 'review')).toBe(true);
  });

  it('TH5: says which sequences use a template, and an email preview shows the footer as sent', async () => {
    core = await createEngineTestCore();
    const uses = await core.invoke('templates-usage', { id: 'tpl-buyer-welcome-sms' });
    expect(uses.find((u) => u.sequenceId === 'builtin-new-buyer')).toMatchObject({
      status: 'active',
      steps: [2],
      onlyPastVersions: false,
    });
    expect(await core.invoke('templates-usage', { id: 'no-such-template' })).toEqual([]);
    const email = await core.invoke('templates-preview', { channel: 'email', body: 'Hello {{first_name}}' });
    expect(email.subject).toBe('A note from Dana Reyes');
    expect(email.text).toBe(
      'Hello Alex\n\n--\nPorchlight Realty\n100 Congress Ave, Austin, TX 78701\nUnsubscribe: https://sync.example.com/u/preview',
    );
  });

  it("TH6: an email template's HTML part is sent with escaped values and the footer; a broken one is refused beside it", async () => {
    core = await createEngineTestCore();
    const refused = await core
      .invoke('templates-update', {
        id: 'tpl-buyer-welcome-email',
        patch: { html: '<p>Hi {{firstname}}</p>' },
      })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(PorchlightError);
    expect((refused as PorchlightError).fieldErrors?.html).toMatch(/Unknown placeholder \{\{firstname\}\}/);

    const saved = await core.invoke('templates-update', {
      id: 'tpl-buyer-welcome-email',
      patch: { html: '<html><body><h1>Welcome</h1><p>Hi {{first_name}}</p></body></html>' },
    });
    expect(saved.html).toContain('<h1>Welcome</h1>');
    const preview = await core.invoke('templates-preview', {
      channel: 'email',
      body: 'Hi {{first_name}}',
      html: saved.html,
    });
    expect(preview.html).toContain('<p>Hi Alex</p>');
    expect(preview.html).toMatch(
      /100 Congress Ave, Austin, TX 78701<br>\nUnsubscribe: <a href="https:\/\/sync\.example\.com\/u\/preview">.*<\/p>\n<\/body><\/html>$/,
    );

    const { lead } = await core.invoke('leads-create', {
      lead: { firstName: 'Bo & <Co>', email: 'bo@example.com', timeZone: 'America/New_York', intent: 'buy' },
    });
    await core.engine.idle();
    await core.runFor(60_000);
    const sent = core.channels.mailer.sent.find((m) => m.leadId === lead.id);
    expect(sent?.html).toContain('<p>Hi Bo &amp; &lt;Co&gt;</p>');
    expect(sent?.html).toContain('Porchlight Realty<br>');
    expect(sent?.body).toContain('Bo & <Co>');

    // Emptied, the HTML part is gone: the mailer makes one from the text again.
    const cleared = await core.invoke('templates-update', {
      id: 'tpl-buyer-welcome-email',
      patch: { html: '' },
    });
    expect(cleared.html).toBeUndefined();
  });
});
