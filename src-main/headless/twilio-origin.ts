// Twilio's keys are bound to the API origin they were saved under. Settings never name that
// origin; only the headless shell's `--twilio-api` flag does (a Twilio-compatible server, or the
// local fake in tests). The origin of each run is kept in the data folder; a run that sends to
// another origin than the last forgets the saved Account SID and auth token first and says so,
// so they are entered again for the new host. Clear text (http:) only to this computer.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { settingsPlace } from '../../src-shared/settings-sections';
import type { SecretStore } from '../core/ports/secret-store';
import { forgetMovedSecrets, isLoopbackHost } from '../core/secrets/host-binding';

export const TWILIO_ORIGIN_FILE = 'twilio-api-origin';
export const TWILIO_DEFAULT_ORIGIN = 'https://api.twilio.com';

/** The origin the Twilio keys go to this run; throws with what to do for a refused flag. */
export function twilioOrigin(flag: string | undefined): string {
  if (flag === undefined || flag === '') return TWILIO_DEFAULT_ORIGIN;
  let url: URL;
  try {
    url = new URL(flag);
  } catch {
    throw new Error(`--twilio-api "${flag}" is not an address such as https://twilio.example.com.`);
  }
  if (url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname)))
    return url.origin;
  throw new Error(
    `--twilio-api ${flag}: http:// sends the Twilio keys unencrypted, so it is allowed only to this computer (localhost, 127.0.0.1); use https://${url.host}.`,
  );
}

function readRecorded(dataDir: string): string | undefined {
  try {
    const origin = readFileSync(join(dataDir, TWILIO_ORIGIN_FILE), 'utf8').trim();
    return origin === '' ? undefined : origin;
  } catch {
    return undefined;
  }
}

/** Forgets the Twilio keys saved for another origin; returns what to tell the operator, if anything. */
export async function bindTwilioKeys(
  dataDir: string,
  secrets: SecretStore,
  origin: string,
): Promise<string | undefined> {
  const recorded = readRecorded(dataDir);
  let forgotten: string[] = [];
  if (recorded !== undefined && recorded !== origin) {
    for (const name of ['twilio.accountSid', 'twilio.authToken'] as const) {
      // Keys set by the environment are the operator's own choice for this run: they stay.
      const gone = await forgetMovedSecrets(secrets, [{ name, before: recorded, after: origin }]).catch(
        () => [],
      );
      forgotten = [...forgotten, ...gone];
    }
  }
  writeFileSync(join(dataDir, TWILIO_ORIGIN_FILE), `${origin}\n`, { mode: 0o600 });
  if (forgotten.length === 0) return undefined;
  return `The Twilio keys were saved for ${recorded}; this run sends to ${origin}, so they were forgotten. Enter them again in ${settingsPlace('texts')}.`;
}
