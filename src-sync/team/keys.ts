// Keys the server derives from its access-token key (SYNC_TOKEN_KEY, the same on every
// instance), so nothing more has to be configured or kept in the database:
//   link key of a team   = HMAC-SHA256(tokenKey, "links" 0x1f teamId)      signs email links
//   secrets key          = HMAC-SHA256(tokenKey, "team-secrets")           AES-256-GCM at rest
// Rotating SYNC_TOKEN_KEY signs everyone out, breaks the links in emails already sent, and
// makes the stored team secrets unreadable (an admin enters them again).
import { createHmac, timingSafeEqual } from 'node:crypto';
import { LINK_SIGNATURE_LENGTH, linkPayload, type LinkPurpose } from '../../src-shared/links';

export function teamLinkKey(tokenKey: string, teamId: string): Buffer {
  return createHmac('sha256', tokenKey).update(`links\u001f${teamId}`).digest();
}

export function secretsKey(tokenKey: string): Buffer {
  return createHmac('sha256', tokenKey).update('team-secrets').digest();
}

export function linkSignature(
  key: Buffer,
  purpose: LinkPurpose,
  teamId: string,
  messageId: string,
  url?: string,
): string {
  return createHmac('sha256', key)
    .update(linkPayload(purpose, teamId, messageId, url))
    .digest('base64url')
    .slice(0, LINK_SIGNATURE_LENGTH);
}

/** Compares two strings in time independent of where they differ. */
export function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
