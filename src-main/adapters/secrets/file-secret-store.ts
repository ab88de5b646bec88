// Headless secrets: environment variables (PORCHLIGHT_TWILIO_AUTH_TOKEN, ...) override a JSON
// file `secrets.json` in the data folder. Guarantees:
//  - the file is only ever replaced whole (atomic-file.ts: a 0600 temp file, fsync, rename),
//    so a crash leaves the old or the new secrets, never half of them;
//  - a file readable by group or others is refused (like ssh refuses a private key), with the
//    chmod to run; Windows has no such mode bits, so the check is skipped there;
//  - values never appear in an error message (JSON.parse's own message quotes the text, so it
//    is never passed on).
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { SecretName, SecretStore } from '../../core/ports/secret-store';
import { secretNames } from '../../core/ports/secret-store';
import { fileError, isMissing, writeFileAtomic } from './atomic-file';
import { envNameOf } from './env-names';
import { SecretStoreError } from './errors';

export const SECRETS_FILE = 'secrets.json';

const fileSchema = z.object({
  version: z.literal(1),
  secrets: z.record(z.string(), z.string()),
});

type Env = Readonly<Record<string, string | undefined>>;

export class FileSecretStore implements SecretStore {
  readonly path: string;
  private writing: Promise<unknown> = Promise.resolve();

  constructor(
    dataDir: string,
    private readonly env: Env = process.env,
    private readonly platform: NodeJS.Platform = process.platform,
  ) {
    this.path = join(dataDir, SECRETS_FILE);
  }

  async get(name: SecretName): Promise<string | undefined> {
    const fromEnv = this.fromEnv(name);
    if (fromEnv !== undefined) return fromEnv;
    return (await this.readFile())[name];
  }

  async set(name: SecretName, value: string): Promise<void> {
    this.refuseIfFromEnv(name);
    await this.update((secrets) => ({ ...secrets, [name]: value }));
  }

  /** A secret the environment sets cannot be removed here (it would stay in force). */
  async delete(name: SecretName): Promise<void> {
    this.refuseIfFromEnv(name);
    await this.update((secrets) => {
      const { [name]: _removed, ...rest } = secrets;
      return rest;
    });
  }

  async names(): Promise<SecretName[]> {
    const stored = await this.readFile();
    return secretNames.filter((name) => this.fromEnv(name) !== undefined || stored[name] !== undefined);
  }

  private refuseIfFromEnv(name: SecretName): void {
    if (this.fromEnv(name) === undefined) return;
    throw new SecretStoreError(
      'set_by_environment',
      `${name} is set by the environment variable ${envNameOf(name)}, which overrides ${this.path}; change it there.`,
    );
  }

  private fromEnv(name: SecretName): string | undefined {
    const value = this.env[envNameOf(name)];
    return value === undefined || value === '' ? undefined : value;
  }

  private update(change: (secrets: Record<string, string>) => Record<string, string>): Promise<void> {
    // Writes run one after another, each reading what the previous one wrote.
    const next = this.writing.then(async () => this.writeFile(change(await this.readFile())));
    this.writing = next.catch(() => undefined);
    return next;
  }

  private async readFile(): Promise<Partial<Record<SecretName, string>>> {
    let mode: number;
    try {
      mode = (await stat(this.path)).mode;
    } catch (error) {
      if (isMissing(error)) return {};
      throw fileError('read', this.path, error);
    }
    if (this.platform !== 'win32' && (mode & 0o077) !== 0) {
      throw new SecretStoreError(
        'insecure_permissions',
        `${this.path} can be read by other users (mode ${(mode & 0o777).toString(8)}); ` +
          `run "chmod 600 ${this.path}" and start again.`,
      );
    }
    let parsed: z.ZodSafeParseResult<z.infer<typeof fileSchema>>;
    try {
      parsed = fileSchema.safeParse(JSON.parse(await readFile(this.path, 'utf8')));
    } catch (error) {
      if (error instanceof SyntaxError) throw corrupt(this.path);
      throw fileError('read', this.path, error);
    }
    if (!parsed.success) throw corrupt(this.path);
    const known = new Set<string>(secretNames);
    return Object.fromEntries(Object.entries(parsed.data.secrets).filter(([name]) => known.has(name)));
  }

  private writeFile(secrets: Record<string, string>): Promise<void> {
    return writeFileAtomic(this.path, `${JSON.stringify({ version: 1, secrets }, null, 2)}\n`, 0o600);
  }
}

function corrupt(path: string): SecretStoreError {
  return new SecretStoreError(
    'corrupt_file',
    `${path} is not a Porchlight secrets file ({"version": 1, "secrets": {...}}); fix or delete it and set the secrets again.`,
  );
}
