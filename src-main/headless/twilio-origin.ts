// Twilio's keys (Account SID, auth token) bound to the API origin they were saved under
// (provider-origin.ts): Twilio's own, or the one `--twilio-api` names.
import type { SecretStore } from '../core/ports/secret-store';
import { bindProviderKeys, providerOrigin, type BoundProvider } from './provider-origin';

export const TWILIO_ORIGIN_FILE = 'twilio-api-origin';
export const TWILIO_DEFAULT_ORIGIN = 'https://api.twilio.com';

const twilio: BoundProvider = {
  name: 'Twilio',
  flag: '--twilio-api',
  file: TWILIO_ORIGIN_FILE,
  defaultOrigin: TWILIO_DEFAULT_ORIGIN,
  example: 'https://twilio.example.com',
  secrets: ['twilio.accountSid', 'twilio.authToken'],
  section: 'texts',
};

export const twilioOrigin = (flag: string | undefined): string => providerOrigin(twilio, flag);

export const bindTwilioKeys = (
  dataDir: string,
  secrets: SecretStore,
  origin: string,
): Promise<string | undefined> => bindProviderKeys(twilio, dataDir, secrets, origin);
