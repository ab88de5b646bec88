// A provider's keys are bound to the API origin they were saved under. Settings never name that
// origin; only a headless flag does (`--twilio-api`, `--fub-api`: a compatible server, or a local
// fake in tests). The origin of each run is kept in the data folder; a run that sends to another
// origin than the last forgets the provider's saved keys first and says so, so they are entered
// again for the new host. Clear text (http:) only to this computer.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SettingsSectionId } from '../../src-shared/settings-sections';
import { settingsPlace } from '../../src-shared/settings-sections';
import type { SecretName, SecretStore } from '../core/ports/secret-store';
import { forgetMovedSecrets, isLoopbackHost } from '../core/secrets/host-binding';

export interface BoundProvider {
  /** "Twilio": in "the Twilio keys". */
  name: string;
  flag: string;
  /** Where this data folder records the origin of the last run. */
  file: string;
  defaultOrigin: string;
  example: string;
  secrets: readonly SecretName[];
  section: SettingsSectionId;
}

/** The origin the provider's keys go to this run; throws with what to do for a refused flag. */
export function providerOrigin(provider: BoundProvider, flag: string | undefined): string {
  if (flag === undefined || flag === '') return provider.defaultOrigin;
  let url: URL;
  try {
    url = new URL(flag);
  } catch {
    throw new Error(`${provider.flag} "${flag}" is not an address such as ${provider.example}.`);
  }
  if (url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname)))
    return url.origin;
  throw new Error(
    `${provider.flag} ${flag}: http:// sends the ${provider.name} keys unencrypted, so it is allowed only to this computer (localhost, 127.0.0.1); use https://${url.host}.`,
  );
}

function readRecorded(dataDir: string, file: string): string | undefined {
  try {
    const origin = readFileSync(join(dataDir, file), 'utf8').trim();
    return origin === '' ? undefined : origin;
  } catch {
    return undefined;
  }
}

/** Forgets the keys saved for another origin; returns what to tell the operator, if anything. */
export async function bindProviderKeys(
  provider: BoundProvider,
  dataDir: string,
  secrets: SecretStore,
  origin: string,
): Promise<string | undefined> {
  const recorded = readRecorded(dataDir, provider.file);
  let forgotten: string[] = [];
  if (recorded !== undefined && recorded !== origin) {
    for (const name of provider.secrets) {
      // Keys set by the environment are the operator's own choice for this run: they stay.
      const gone = await forgetMovedSecrets(secrets, [{ name, before: recorded, after: origin }]).catch(
        () => [],
      );
      forgotten = [...forgotten, ...gone];
    }
  }
  writeFileSync(join(dataDir, provider.file), `${origin}\n`, { mode: 0o600 });
  if (forgotten.length === 0) return undefined;
  return `The ${provider.name} keys were saved for ${recorded}; this run sends to ${origin}, so they were forgotten. Enter them again in ${settingsPlace(provider.section)}.`;
}
