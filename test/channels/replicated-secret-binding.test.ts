// A secret stays bound to its host when the settings move by another road than this computer's
// settings screen: a settings document written straight into the store, as replication from a
// team server writes what it pulls (core/secrets/destination-watch.ts). The real openai adapter
// against two local OpenAI-compatible servers; the mail passwords against their server names.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOpenAiAdapter } from '../../src-main/adapters/openai';
import { AI_SETTINGS_ID, aiSettingsSource } from '../../src-main/core/ai/settings';
import { EMAIL_SETTINGS_ID } from '../../src-main/core/email/settings';
import { movedByChange, watchSecretDestinations } from '../../src-main/core/secrets/destination-watch';
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
let stopWatch: () => void;

beforeEach(async () => {
  secrets = new MemorySecretStore();
  const clock = new FakeClock();
  core = await createTestCore({
    clock,
    secrets,
    ai: (db) => createOpenAiAdapter({ settings: aiSettingsSource(db), secrets, clock }),
  });
  stopWatch = watchSecretDestinations(core.ctx);
  [saved, other] = await Promise.all([startFakeOpenAiServer(), startFakeOpenAiServer()]);
});

afterEach(async () => {
  stopWatch();
  await Promise.all([saved.close(), other.close()]);
  await core.close();
});

/** Writes a settings document as replication does: straight into the store, no handler. */
async function arrives(id: string, value: unknown): Promise<void> {
  await core.ctx.db.settings.upsert({
    id,
    teamId: 'team-test',
    ownerId: 'someone-else',
    updatedAt: core.clock.now(),
    value,
  });
}

describe('settings that arrive by replication', () => {
  it('an AI endpoint moved to another host forgets the key; the test call does not carry it there', async () => {
    await core.invoke('ai-settings-update', { patch: { provider: 'compatible', baseURL: saved.baseURL } });
    await core.invoke('channels-secrets-set', { name: 'ai.apiKey', value: KEY });
    expect((await core.invoke('ai-test', {})).ok).toBe(true);

    const current = (await core.ctx.db.settings.findOne(AI_SETTINGS_ID).exec())?.toJSON().value as Record<
      string,
      unknown
    >;
    await arrives(AI_SETTINGS_ID, { ...current, baseURL: other.baseURL });
    await expect.poll(() => secrets.get('ai.apiKey')).toBeUndefined();
    expect((await core.invoke('ai-test', {})).ok).toBe(false);
    expect(other.requests).toHaveLength(0);
    expect(other.lastAuthorization()).toBeNull();
  });

  it('a change that keeps the host keeps the key', async () => {
    await core.invoke('ai-settings-update', { patch: { provider: 'compatible', baseURL: saved.baseURL } });
    await core.invoke('channels-secrets-set', { name: 'ai.apiKey', value: KEY });
    const current = (await core.ctx.db.settings.findOne(AI_SETTINGS_ID).exec())?.toJSON().value as Record<
      string,
      unknown
    >;
    await arrives(AI_SETTINGS_ID, { ...current, model: 'another-model' });
    expect((await core.invoke('ai-test', {})).ok).toBe(true);
    expect(await secrets.get('ai.apiKey')).toBe(KEY);
  });

  it('a mail server moved, or TLS dropped, forgets that password only', async () => {
    await core.invoke('email-settings-set', {
      smtp: { host: 'smtp.example.com', port: 587, security: 'starttls', user: 'dana' },
      imap: { host: 'imap.example.com', user: 'dana' },
    });
    await secrets.set('smtp.password', 'smtp-secret');
    await secrets.set('imap.password', 'imap-secret');
    const current = (await core.ctx.db.settings.findOne(EMAIL_SETTINGS_ID).exec())?.toJSON().value as {
      smtp: Record<string, unknown>;
    };
    await arrives(EMAIL_SETTINGS_ID, { ...current, smtp: { ...current.smtp, security: 'none' } });
    await expect.poll(() => secrets.get('smtp.password')).toBeUndefined();
    expect(await secrets.get('imap.password')).toBe('imap-secret');
  });

  it('a settings document removed falls back to the default host, which is a move too', () => {
    const moved = movedByChange(
      AI_SETTINGS_ID,
      { provider: 'compatible', baseURL: 'https://ai.example.com/v1' },
      undefined,
    );
    expect(moved).toEqual([
      { name: 'ai.apiKey', before: 'https://ai.example.com', after: 'https://api.openai.com' },
    ]);
    expect(movedByChange('engine', {}, {})).toEqual([]);
  });
});
