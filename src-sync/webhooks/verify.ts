// What every webhook route checks before it reads a body: which team it is for (`?team=`),
// that the server knows its public URL, and the raw body within its limit. A request that fails
// any check is answered 403 (or 413) and nothing of it is stored; a missing or unknown team is
// refused like a bad signature, so the answer never tells which teams exist.
import type { Context } from 'hono';
import type { SyncDeps } from '../context';
import { SyncError } from '../middleware/errors';

export interface WebhookRequest {
  teamId: string;
  /** The URL the sender called, rebuilt from the configured public URL, never from Host. */
  publicUrl: string;
  raw: string;
}

export async function webhookRequest(
  deps: SyncDeps,
  c: Context,
  path: string,
  signedWith: string,
): Promise<WebhookRequest> {
  const teamId = c.req.query('team') ?? '';
  if (deps.publicUrl === undefined)
    throw new SyncError(
      403,
      'no_public_url',
      'This sync server has no public URL set (--public-url or SYNC_PUBLIC_URL); webhooks are refused until it has.',
    );
  const team = teamId === '' ? null : await deps.storage.findTeam(teamId);
  if (team === null) throw forged(signedWith);
  const search = new URL(c.req.url).search;
  return {
    teamId,
    publicUrl: `${deps.publicUrl.replace(/\/+$/, '')}${path}${search}`,
    raw: await c.req.text(),
  };
}

export function forged(signedWith: string): SyncError {
  return new SyncError(
    403,
    'bad_signature',
    `The ${signedWith} does not match this request, or this team has not set the key to check it with.`,
  );
}
