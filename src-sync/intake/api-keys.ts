// Lead-intake API keys, one or more per team, made and revoked by an admin. A key is shown
// once: `plk_<base64url(team id)>_<32 random bytes>`; the server keeps only its SHA-256 digest
// (the key is random, so a slow hash adds nothing), as the id of a server-private record.
// The team part only says where to look; the digest is what must match.
import { randomBytes } from 'node:crypto';
import { digest } from '../accounts/tokens';
import type { ServerStorage } from '../storage/server-storage';
import { listPrivate, readPrivate, writePrivate } from '../team/private-docs';

export interface ApiKeyInfo {
  id: string;
  name: string;
  createdAt: number;
  revokedAt: number | null;
}

const PREFIX = 'plk_';

export async function createApiKey(
  storage: ServerStorage,
  teamId: string,
  name: string,
  now: number,
): Promise<ApiKeyInfo & { key: string }> {
  const key = `${PREFIX}${Buffer.from(teamId).toString('base64url')}_${randomBytes(32).toString('base64url')}`;
  const hash = digest(key);
  const info: ApiKeyInfo = { id: hash.slice(0, 12), name, createdAt: now, revokedAt: null };
  await writePrivate(storage, teamId, 'server.api_keys', hash, { ...info });
  return { ...info, key };
}

export async function listApiKeys(storage: ServerStorage, teamId: string): Promise<ApiKeyInfo[]> {
  const docs = await listPrivate(storage, teamId, 'server.api_keys');
  return docs.map((doc) => ({
    id: String(doc.id).slice(0, 12),
    name: String(doc.name),
    createdAt: Number(doc.createdAt),
    revokedAt: typeof doc.revokedAt === 'number' ? doc.revokedAt : null,
  }));
}

/** Revokes the key with this id; false when the team has none such. */
export async function revokeApiKey(
  storage: ServerStorage,
  teamId: string,
  id: string,
  now: number,
): Promise<boolean> {
  const docs = await listPrivate(storage, teamId, 'server.api_keys');
  const doc = docs.find((d) => String(d.id).startsWith(id) && id.length === 12);
  if (doc === undefined) return false;
  const { id: hash, _deleted: _ignored, ...fields } = doc;
  await writePrivate(storage, teamId, 'server.api_keys', String(hash), { ...fields, revokedAt: now });
  return true;
}

/** The team a presented key belongs to, when it is one of that team's live keys. */
export async function teamOfApiKey(storage: ServerStorage, key: string): Promise<string | null> {
  const match = /^plk_([A-Za-z0-9_-]{1,120})_([A-Za-z0-9_-]{43})$/.exec(key);
  if (match?.[1] === undefined) return null;
  const teamId = Buffer.from(match[1], 'base64url').toString('utf8');
  if (teamId.length === 0 || teamId.length > 64 || (await storage.findTeam(teamId)) === null) return null;
  const doc = await readPrivate(storage, teamId, 'server.api_keys', digest(key));
  return doc === null || typeof doc.revokedAt === 'number' ? null : teamId;
}
