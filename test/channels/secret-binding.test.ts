// A secret goes only to the host it was saved for (core/secrets/host-binding.ts), through the
// real handlers: the real openai adapter against two local OpenAI-compatible servers, the one
// the key was saved for and the one a caller points the settings at afterwards.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOpenAiAdapter } from '../../src-main/adapters/openai';
import { aiSettingsSource } from '../../src-main/core/ai/settings';
import { FakeClock } from '../../src-main/core/testing/fake-clock';
import { MemorySecretStore } from '../../src-main/core/testing/memory-secret-store';
import type { TestCore } from '../../src-main/core/testing/test-core';
import { createTestCore } from '../../src-main/core/testing/test-core';
import type { FakeOpenAiServer } from './fake-openai-server';
import { startFakeOpenAiServer } from './fake-openai-server';

const KEY = 'sk-saved-for-the-first-host-0123456789';
let core: TestCore;
let secrets: MemorySecretStore;
let saved: FakeOpenAiServer;
let other: FakeOpenAiServer;

beforeEach(async () => {
  secrets = new MemorySecretStore();
  const clock = new FakeClock();
  core = await createTestCore({
    clock,
    secrets,
    ai: (db) => createOpenAiAdapter({ settings: aiSettingsSource(db), secrets, clock }),
  });
  [saved, other] = await Promise.all([startFakeOpenAiServer(), startFakeOpenAiServer()]);
});

afterEach(async () => {
  await Promise.all([saved.close(), other.close()]);
  await core.close();
});

describe('the AI key is bound to the host it was saved for', () => {
  it('a test call after the base URL moves no longer carries the key to the new host', async () => {
    await core.invoke('ai-settings-update', { patch: { provider: 'compatible', baseURL: saved.baseURL } });
    await core.invoke('channels-secrets-set', { name: 'ai.apiKey', value: KEY });
    expect((await core.invoke('ai-test', {})).ok).toBe(true);
    expect(saved.lastAuthorization()).toBe(`Bearer ${KEY}`);

    // Same machine, another port: another origin, so the key is forgotten and asked for again.
    await core.invoke('ai-settings-update', { patch: { baseURL: other.baseURL } });
    expect((await core.invoke('channels-secrets-names', {})).names).not.toContain('ai.apiKey');
    const test = await core.invoke('ai-test', {});
    expect(test.ok).toBe(false);
    expect(other.requests).toHaveLength(0);
    expect(other.lastAuthorization()).toBeNull();
    expect((await core.invoke('ai-status', {})).configured).toBe(false);
  });

  it('keeps the key when what changes is not where it goes', async () => {
    await core.invoke('ai-settings-update', { patch: { provider: 'compatible', baseURL: saved.baseURL } });
    await core.invoke('channels-secrets-set', { name: 'ai.apiKey', value: KEY });
    await core.invoke('ai-settings-update', { patch: { model: 'llama', baseURL: `${saved.baseURL}/` } });
    expect(await secrets.get('ai.apiKey')).toBe(KEY);
  });

  it('refuses a plain http:// endpoint off this computer, beside the field, and keeps the key', async () => {
    await core.invoke('channels-secrets-set', { name: 'ai.apiKey', value: KEY });
    await expect(
      core.invoke('ai-settings-update', {
        patch: { provider: 'compatible', baseURL: 'http://ai.example.com/v1' },
      }),
    ).rejects.toMatchObject({
      code: 'validation',
      fieldErrors: { baseURL: expect.stringContaining('https://ai.example.com/v1') as unknown },
    });
    expect((await core.invoke('ai-settings-get', {})).baseURL).toBeUndefined();
    expect(await secrets.get('ai.apiKey')).toBe(KEY);
  });
});

describe('mail passwords are bound to their server and to TLS', () => {
  const smtp = { host: 'smtp.example.com', port: 587, security: 'starttls', user: 'dana' } as const;

  it('changing the SMTP host forgets the SMTP password and says it is missing; IMAP keeps its own', async () => {
    await core.invoke('email-settings-set', { smtp, imap: { host: 'imap.example.com', user: 'dana' } });
    await secrets.set('smtp.password', 'smtp-secret');
    await secrets.set('imap.password', 'imap-secret');
    const view = await core.invoke('email-settings-set', { smtp: { host: 'mail.elsewhere.example' } });
    expect(await secrets.get('smtp.password')).toBeUndefined();
    expect(await secrets.get('imap.password')).toBe('imap-secret');
    expect(view.sendingMissing).toContain('the SMTP password');
  });

  it('refuses an unencrypted connection to another computer, and allows one to this computer', async () => {
    await core.invoke('email-settings-set', { smtp });
    await secrets.set('smtp.password', 'smtp-secret');
    await expect(core.invoke('email-settings-set', { smtp: { security: 'none' } })).rejects.toMatchObject({
      code: 'validation',
      fieldErrors: { 'smtp.security': expect.stringContaining('TLS or STARTTLS') as unknown },
    });
    expect(await secrets.get('smtp.password')).toBe('smtp-secret');
    expect((await core.invoke('email-settings-get', {})).settings.smtp.security).toBe('starttls');

    // A relay on this computer may be plain; the password saved for the remote host is gone.
    await core.invoke('email-settings-set', { smtp: { host: '127.0.0.1', port: 2525, security: 'none' } });
    expect(await secrets.get('smtp.password')).toBeUndefined();
  });

  it('dropping TLS on the same local host forgets the password too', async () => {
    await core.invoke('email-settings-set', { smtp: { ...smtp, host: 'localhost' } });
    await secrets.set('smtp.password', 'smtp-secret');
    await core.invoke('email-settings-set', { smtp: { security: 'none' } });
    expect(await secrets.get('smtp.password')).toBeUndefined();
  });
});
