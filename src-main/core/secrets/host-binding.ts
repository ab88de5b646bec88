// A secret goes only to the host it was saved for. A provider key or a password is bound to
// where it is sent: the AI key to the base URL's origin (scheme, host, port), a mail password
// to its server's host and whether the connection is encrypted. When a settings change moves
// that destination, the secret is forgotten and the settings screen asks for it again, so a
// caller who can edit settings cannot point a saved key at a host of its choosing and press
// "test". Sending a secret in clear text is allowed only to this machine (loopback).
import type { AiSettings } from '../../../src-shared/ai';
import type { MailSecurity } from '../../../src-shared/ipc/email';
import type { SecretName, SecretStore } from '../ports/secret-store';

/** Where OpenAI's SDK sends the key when no base URL is set. */
export const OPENAI_DEFAULT_ORIGIN = 'https://api.openai.com';

export function isLoopbackHost(host: string): boolean {
  const bare = host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, '');
  return bare === 'localhost' || bare === '::1' || /^127(\.\d{1,3}){3}$/.test(bare);
}

/** The destination the AI key is bound to, e.g. `https://api.openai.com`. */
export function aiKeyDestination(settings: Pick<AiSettings, 'baseURL'>): string {
  return settings.baseURL === undefined ? OPENAI_DEFAULT_ORIGIN : new URL(settings.baseURL).origin;
}

export interface MailServer {
  host: string;
  security: MailSecurity;
}

/** The destination a mail password is bound to, e.g. `tls://smtp.example.com`. */
export function mailPasswordDestination(server: MailServer): string {
  return `${server.security === 'none' ? 'plain' : 'tls'}://${server.host.trim().toLowerCase()}`;
}

/** Why these AI settings may not carry a key, or undefined when they may. */
export function plainAiRefusal(settings: Pick<AiSettings, 'baseURL'>): string | undefined {
  if (settings.baseURL === undefined) return undefined;
  const url = new URL(settings.baseURL);
  if (url.protocol === 'https:' || isLoopbackHost(url.hostname)) return undefined;
  return `http:// sends the key unencrypted, so it is allowed only to this computer (localhost, 127.0.0.1); use https://${url.host}${url.pathname === '/' ? '' : url.pathname}.`;
}

/** Why this mail server may not be reached without encryption, or undefined when it may. */
export function plainMailRefusal(server: MailServer): string | undefined {
  if (server.security !== 'none' || server.host === '' || isLoopbackHost(server.host)) return undefined;
  return `Unencrypted connections send the password in clear text, so they are allowed only to a server on this computer; choose TLS or STARTTLS for ${server.host}.`;
}

export interface BoundSecretChange {
  name: SecretName;
  before: string;
  after: string;
}

/**
 * Forgets each secret whose destination moved; returns the names forgotten (only those that
 * were set), so the caller can say which ones to enter again.
 */
export async function forgetMovedSecrets(
  secrets: SecretStore | undefined,
  changes: readonly BoundSecretChange[],
): Promise<SecretName[]> {
  if (secrets === undefined) return [];
  const moved = changes.filter((change) => change.before !== change.after).map((change) => change.name);
  if (moved.length === 0) return [];
  const set = new Set(await secrets.names());
  const forgotten = moved.filter((name) => set.has(name));
  for (const name of forgotten) await secrets.delete(name);
  return forgotten;
}
