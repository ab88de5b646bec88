import { chmodSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileSecretStore, SECRETS_FILE } from './file-secret-store';
import { SecretStoreError } from './errors';
import { envNameOf } from './env-names';

const TOKEN = 'tok-3f9a1c77e0b24d51';

describe('FileSecretStore', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'porchlight-secrets-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('names the environment variable for each secret', () => {
    expect(envNameOf('twilio.authToken')).toBe('PORCHLIGHT_TWILIO_AUTH_TOKEN');
    expect(envNameOf('twilio.accountSid')).toBe('PORCHLIGHT_TWILIO_ACCOUNT_SID');
    expect(envNameOf('followUpBoss.apiKey')).toBe('PORCHLIGHT_FOLLOW_UP_BOSS_API_KEY');
  });

  it('keeps secrets in a 0600 file and reads them back after a restart', async () => {
    await new FileSecretStore(dir, {}).set('twilio.authToken', TOKEN);
    const again = new FileSecretStore(dir, {});
    expect(await again.get('twilio.authToken')).toBe(TOKEN);
    expect(await again.names()).toEqual(['twilio.authToken']);
    if (process.platform !== 'win32') expect(statSync(join(dir, SECRETS_FILE)).mode & 0o777).toBe(0o600);
  });

  it('replaces the file whole and leaves no temporary files behind', async () => {
    const store = new FileSecretStore(dir, {});
    await Promise.all([
      store.set('twilio.accountSid', 'AC123'),
      store.set('twilio.authToken', TOKEN),
      store.set('ai.apiKey', 'sk-1'),
    ]);
    await store.delete('ai.apiKey');
    expect(readdirSync(dir)).toEqual([SECRETS_FILE]);
    const file = JSON.parse(await readFile(join(dir, SECRETS_FILE), 'utf8')) as unknown;
    expect(file).toEqual({
      version: 1,
      secrets: { 'twilio.accountSid': 'AC123', 'twilio.authToken': TOKEN },
    });
  });

  it('lets the environment override the file, and refuses to set what the environment sets', async () => {
    await new FileSecretStore(dir, {}).set('twilio.authToken', 'from-file');
    const store = new FileSecretStore(dir, { PORCHLIGHT_TWILIO_AUTH_TOKEN: TOKEN });
    expect(await store.get('twilio.authToken')).toBe(TOKEN);
    const error = await store.set('twilio.authToken', 'other').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SecretStoreError);
    expect((error as SecretStoreError).reason).toBe('set_by_environment');
    expect((error as SecretStoreError).message).toContain('PORCHLIGHT_TWILIO_AUTH_TOKEN');
    expect((error as SecretStoreError).message).not.toContain(TOKEN);
    // Removing it here would leave it in force: refused the same way.
    const removal = await store.delete('twilio.authToken').catch((e: unknown) => e);
    expect((removal as SecretStoreError).reason).toBe('set_by_environment');
    expect(await store.get('twilio.authToken')).toBe(TOKEN);
    expect(await new FileSecretStore(dir, { PORCHLIGHT_SYNC_TOKEN: 'x' }).names()).toEqual([
      'twilio.authToken',
      'sync.token',
    ]);
  });

  it.skipIf(process.platform === 'win32')('refuses a file that group or others can read', async () => {
    await new FileSecretStore(dir, {}).set('twilio.authToken', TOKEN);
    chmodSync(join(dir, SECRETS_FILE), 0o644);
    const error = await new FileSecretStore(dir, {}).get('twilio.authToken').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SecretStoreError);
    expect((error as SecretStoreError).reason).toBe('insecure_permissions');
    expect((error as SecretStoreError).message).toContain('chmod 600');
    // It crosses the contract with its own code, not as an internal error.
    expect((error as SecretStoreError).toPayload().code).toBe('insecure_secrets');
    expect((error as SecretStoreError).message).not.toContain(TOKEN);
  });

  it('never quotes the file in the error when it is not valid', async () => {
    const path = join(dir, SECRETS_FILE);
    writeFileSync(path, `{"version": 1, "secrets": {"twilio.authToken": "${TOKEN}"`, { mode: 0o600 });
    const broken = await new FileSecretStore(dir, {}).get('twilio.authToken').catch((e: unknown) => e);
    expect((broken as SecretStoreError).reason).toBe('corrupt_file');
    expect((broken as SecretStoreError).message).not.toContain(TOKEN);
    writeFileSync(path, JSON.stringify({ version: 2, secrets: { 'twilio.authToken': TOKEN } }), {
      mode: 0o600,
    });
    const wrong = await new FileSecretStore(dir, {}).get('twilio.authToken').catch((e: unknown) => e);
    expect((wrong as SecretStoreError).reason).toBe('corrupt_file');
    expect(String(wrong)).not.toContain(TOKEN);
  });

  it('reports nothing set when there is no file', async () => {
    const store = new FileSecretStore(dir, {});
    expect(await store.get('smtp.password')).toBeUndefined();
    expect(await store.names()).toEqual([]);
    await store.delete('smtp.password');
  });
});
