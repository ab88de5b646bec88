// Secrets (provider keys and passwords) live outside RxDB and never replicate: Electron's
// safeStorage on the desktop; the environment or a 0600 file in headless mode. Core reads
// them only through this port, and never writes a secret into a document, a log or an error.
import type { SecretName } from '../../../src-shared/ipc/channels';

export { secretNames, type SecretName } from '../../../src-shared/ipc/channels';

export interface SecretStore {
  get(name: SecretName): Promise<string | undefined>;
  set(name: SecretName, value: string): Promise<void>;
  delete(name: SecretName): Promise<void>;
  /** Which secrets are set (never their values), for the settings screen. */
  names(): Promise<SecretName[]>;
}
