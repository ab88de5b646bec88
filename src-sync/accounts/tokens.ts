// Access tokens are short-lived JWTs (hono/jwt, HS256) naming the agent and team; every request
// still reads the account, so a deactivated agent or a changed role takes effect at once.
// Refresh tokens and one-time sign-in codes are random, shown once, and stored only as
// SHA-256 digests (they carry 256 and 100+ bits of randomness, so a slow hash adds nothing).
import { createHash, randomBytes } from 'node:crypto';
import { sign, verify } from 'hono/jwt';
import { z } from 'zod';

export const ACCESS_TOKEN_SECONDS = 10 * 60;
export const REFRESH_TOKEN_MS = 30 * 24 * 60 * 60 * 1000;
export const SIGN_IN_CODE_MS = 7 * 24 * 60 * 60 * 1000;

const claimsSchema = z.object({ sub: z.string(), team: z.string(), exp: z.number() });
export type AccessClaims = z.infer<typeof claimsSchema>;

export function digest(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url');
}

export function newRefreshToken(): string {
  return `rt_${randomBytes(32).toString('base64url')}`;
}

/** A sign-in code a person can type: 5 groups of 5 from an alphabet without look-alikes. */
export function newSignInCode(): string {
  const alphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(25);
  const chars = [...bytes].map((byte) => alphabet[byte % alphabet.length] ?? 'A');
  return [0, 5, 10, 15, 20].map((start) => chars.slice(start, start + 5).join('')).join('-');
}

/** Codes are compared without dashes, spaces or case, as a person may type them. */
export function normaliseCode(code: string): string {
  return code.replace(/[\s-]/g, '').toUpperCase();
}

export async function signAccessToken(
  key: string,
  accountId: string,
  teamId: string,
  nowMs: number,
): Promise<string> {
  return sign(
    { sub: accountId, team: teamId, exp: Math.floor(nowMs / 1000) + ACCESS_TOKEN_SECONDS },
    key,
    'HS256',
  );
}

/** The claims of a valid, unexpired token (by the server's clock, not the wall's); null otherwise. */
export async function readAccessToken(
  key: string,
  token: string,
  nowMs: number,
): Promise<AccessClaims | null> {
  try {
    const claims = claimsSchema.safeParse(await verify(token, key, { alg: 'HS256', exp: false }));
    if (!claims.success || claims.data.exp * 1000 <= nowMs) return null;
    return claims.data;
  } catch {
    return null;
  }
}
