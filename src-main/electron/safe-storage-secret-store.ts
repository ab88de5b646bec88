// Desktop secrets: Electron's safeStorage (Keychain on macOS, DPAPI on Windows, libsecret or
// kwallet on Linux) encrypts one JSON object into `secrets.enc` in userData, replaced whole
// with mode 0600. Refuses to store anything when the OS offers no encryption (Linux with
// only the 'basic_text' backend) rather than keep keys in the clear. Values never appear in
// errors; decryption failures (a profile copied from another machine) say what to do.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { safeStorage } from 'electron';
import { z } from 'zod';
import { fileError, isMissing, writeFileAtomic } from '../adapters/secrets/atomic-file';
import { SecretStoreError } from '../adapters/secrets/errors';
import type { SecretName, SecretStore } from '../core/ports/secret-store';
import { secretNames } from '../core/ports/secret-store';
import { settingsPlace } from '../../src-shared/settings-sections';

export const ENCRYPTED_SECRETS_FILE = 'secrets.enc';

const contentSchema = z.object({ version: z.literal(1), secrets: z.record(z.string(), z.string()) });

export class SafeStorageSecretStore implements SecretStore {
  readonly path: string;
  private writing: Promise<unknown> = Promise.resolve();

  constructor(userDataDir: string) {
    this.path = join(userDataDir, ENCRYPTED_SECRETS_FILE);
  }

  async get(name: SecretName): Promise<string | undefined> {
    return (await this.read())[name];
  }

  set(name: SecretName, value: string): Promise<void> {
    return this.update((secrets) => ({ ...secrets, [name]: value }));
  }

  delete(name: SecretName): Promise<void> {
    return this.update((secrets) => {
      const { [name]: _removed, ...rest } = secrets;
      return rest;
    });
  }

  async names(): Promise<SecretName[]> {
    const stored = await this.read();
    return secretNames.filter((name) => stored[name] !== undefined);
  }

  private update(change: (secrets: Record<string, string>) => Record<string, string>): Promise<void> {
    const next = this.writing.then(async () => {
      requireEncryption();
      const plain = JSON.stringify({ version: 1, secrets: change(await this.read()) });
      await writeFileAtomic(this.path, safeStorage.encryptString(plain), 0o600);
    });
    this.writing = next.catch(() => undefined);
    return next;
  }

  private async read(): Promise<Partial<Record<SecretName, string>>> {
    let encrypted: Buffer;
    try {
      encrypted = await readFile(this.path);
    } catch (error) {
      if (isMissing(error)) return {};
      throw fileError('read', this.path, error);
    }
    requireEncryption();
    let parsed: z.infer<typeof contentSchema> | undefined;
    try {
      parsed = contentSchema.safeParse(JSON.parse(safeStorage.decryptString(encrypted))).data;
    } catch {
      // The error text could quote decrypted content: it is not passed on.
      parsed = undefined;
    }
    if (parsed === undefined) {
      throw new SecretStoreError(
        'corrupt_file',
        `${this.path} cannot be decrypted on this computer (was it copied from another one?); delete it and enter the keys again in ${settingsPlace('email')}, ${settingsPlace('texts')} and ${settingsPlace('ai')}.`,
      );
    }
    const known = new Set<string>(secretNames);
    return Object.fromEntries(Object.entries(parsed.secrets).filter(([name]) => known.has(name)));
  }
}

function requireEncryption(): void {
  if (!safeStorage.isEncryptionAvailable()) {
    throw new SecretStoreError(
      'encryption_unavailable',
      'This desktop offers no encrypted storage for keys (on Linux, install and unlock a keyring such as GNOME Keyring or KWallet); keys were not saved.',
    );
  }
}
