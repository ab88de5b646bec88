// Secrets (provider keys and passwords) live outside RxDB and never replicate: Electron's
// safeStorage on the desktop; the environment or a 0600 file in headless mode. Core reads
// them only through this port, and never writes a secret into a document, a log or an error.
export const secretNames = [
  'twilio.accountSid',
  'twilio.authToken',
  'smtp.password',
  'imap.password',
  'ai.apiKey',
  'followUpBoss.apiKey',
  'sync.token',
] as const;
export type SecretName = (typeof secretNames)[number];

export interface SecretStore {
  get(name: SecretName): Promise<string | undefined>;
  set(name: SecretName, value: string): Promise<void>;
  delete(name: SecretName): Promise<void>;
  /** Which secrets are set (never their values), for the settings screen. */
  names(): Promise<SecretName[]>;
}
