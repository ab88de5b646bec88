// The Follow Up Boss keys (API key, system key) bound to the API origin they were saved under
// (provider-origin.ts): Follow Up Boss's own, or the one `--fub-api` names.
import type { SecretStore } from '../core/ports/secret-store';
import { bindProviderKeys, providerOrigin, type BoundProvider } from './provider-origin';

const followUpBoss: BoundProvider = {
  name: 'Follow Up Boss',
  flag: '--fub-api',
  file: 'fub-api-origin',
  defaultOrigin: 'https://api.followupboss.com',
  example: 'https://fub.example.com/v1',
  secrets: ['followUpBoss.apiKey', 'followUpBoss.systemKey'],
  section: 'fub',
};

export const fubOrigin = (flag: string | undefined): string => providerOrigin(followUpBoss, flag);

export const bindFubKeys = (
  dataDir: string,
  secrets: SecretStore,
  origin: string,
): Promise<string | undefined> => bindProviderKeys(followUpBoss, dataDir, secrets, origin);
