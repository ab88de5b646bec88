// A team's provider secrets the server needs to check webhooks: the Twilio auth token and the
// Follow Up Boss system key. An admin sets them (PUT /admin/secrets/:name); they are stored
// AES-256-GCM encrypted under the server's secrets key (team/keys.ts), never logged, never
// returned, and never replicated. A missing secret means its webhooks refuse every request.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { ServerStorage } from '../storage/server-storage';
import { secretsKey } from './keys';
import { deletePrivate, listPrivate, readPrivate, writePrivate } from './private-docs';

export const TEAM_SECRET_NAMES = ['twilio-auth-token', 'fub-system-key'] as const;
export type TeamSecretName = (typeof TEAM_SECRET_NAMES)[number];

export interface TeamSecrets {
  get(teamId: string, name: TeamSecretName): Promise<string | null>;
  set(teamId: string, name: TeamSecretName, value: string, now: number): Promise<void>;
  delete(teamId: string, name: TeamSecretName): Promise<void>;
  names(teamId: string): Promise<{ name: string; setAt: number }[]>;
}

export function teamSecrets(storage: ServerStorage, tokenKey: string): TeamSecrets {
  const key = secretsKey(tokenKey);
  return {
    async get(teamId, name) {
      const doc = await readPrivate(storage, teamId, 'server.secrets', name);
      if (doc === null || typeof doc.sealed !== 'string') return null;
      const [iv, tag, data] = doc.sealed.split('.').map((part) => Buffer.from(part, 'base64url'));
      if (iv === undefined || tag === undefined || data === undefined) return null;
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, iv);
        decipher.setAAD(Buffer.from(`${teamId}\u001f${name}`));
        decipher.setAuthTag(tag);
        return Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8');
      } catch {
        // Sealed under another SYNC_TOKEN_KEY: as if never set, until an admin sets it again.
        return null;
      }
    },
    async set(teamId, name, value, now) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(`${teamId}\u001f${name}`));
      const data = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
      const sealed = [iv, cipher.getAuthTag(), data].map((part) => part.toString('base64url')).join('.');
      await writePrivate(storage, teamId, 'server.secrets', name, { sealed, setAt: now });
    },
    delete: (teamId, name) => deletePrivate(storage, teamId, 'server.secrets', name),
    async names(teamId) {
      const docs = await listPrivate(storage, teamId, 'server.secrets');
      return docs.map((doc) => ({ name: String(doc.id), setAt: Number(doc.setAt) }));
    },
  };
}
