// Sign-in: email + password, a one-time code to set the password (first run, invite), rotating
// refresh tokens. A refresh token used twice means it was copied: its whole family is revoked.
import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import {
  loginRequestSchema,
  redeemRequestSchema,
  refreshRequestSchema,
  type SessionResponse,
} from '../../src-shared/sync';
import type { SyncDeps, SyncEnv } from '../context';
import type { AccountRecord } from '../storage/server-storage';
import { hashPassword, verifyPassword } from '../accounts/passwords';
import { toSessionAgent } from '../accounts/team';
import {
  ACCESS_TOKEN_SECONDS,
  digest,
  newRefreshToken,
  normaliseCode,
  REFRESH_TOKEN_MS,
  signAccessToken,
} from '../accounts/tokens';
import { requireAgent } from '../middleware/auth';
import { limitBody } from '../middleware/body-limit';
import { SyncError } from '../middleware/errors';
import { clientAddress, rateLimit } from '../middleware/rate-limit';
import { parseBody } from './parse';

const BAD_LOGIN = 'That email and password do not match an active account.';

export function authRoutes(deps: SyncDeps): Hono<SyncEnv> {
  const { storage, clock } = deps;
  const routes = new Hono<SyncEnv>();
  routes.use('*', limitBody(16 * 1024));

  async function session(account: AccountRecord, family: string): Promise<SessionResponse> {
    const now = clock.now();
    const refreshToken = newRefreshToken();
    await storage.saveRefreshToken({
      tokenHash: digest(refreshToken),
      accountId: account.id,
      family,
      expiresAt: now + REFRESH_TOKEN_MS,
      spentAt: null,
    });
    return {
      accessToken: await signAccessToken(deps.tokenKey, account.id, account.teamId, now),
      expiresIn: ACCESS_TOKEN_SECONDS,
      refreshToken,
      agent: toSessionAgent(account),
    };
  }

  // Sign-in attempts: 10 at once per address and email, then one every 30 s.
  const attempts = rateLimit({
    perMinute: 2,
    burst: 10,
    clock,
    message: 'Too many sign-in attempts.',
    key: async (c) => {
      const body = (await c.req.raw
        .clone()
        .json()
        .catch(() => ({}))) as { email?: unknown };
      return `${clientAddress(c)}|${typeof body.email === 'string' ? body.email.trim().toLowerCase() : ''}`;
    },
  });

  routes.post('/login', attempts, async (c) => {
    const input = await parseBody(c, loginRequestSchema);
    const account = await storage.findAccountByEmail(input.email);
    const matches = await verifyPassword(input.password, account?.passwordHash ?? null);
    if (account === null || !matches) throw new SyncError(401, 'bad_credentials', BAD_LOGIN);
    if (!account.active)
      throw new SyncError(403, 'deactivated', 'Your account was deactivated by your team’s admin.');
    await storage.appendAudit({
      teamId: account.teamId,
      at: clock.now(),
      actorId: account.id,
      action: 'auth.signed_in',
      target: null,
      detail: {},
    });
    return c.json(await session(account, randomUUID()));
  });

  routes.post('/redeem', attempts, async (c) => {
    const input = await parseBody(c, redeemRequestSchema);
    const accountId = await storage.takeSignInCode(digest(normaliseCode(input.code)), clock.now());
    const account = accountId === null ? null : await storage.findAccount(accountId);
    if (account === null || account.email !== input.email || !account.active) {
      throw new SyncError(
        401,
        'bad_code',
        'That sign-in code is not valid for this email (or was used already); ask your admin for a new one.',
      );
    }
    const passwordHash = await hashPassword(input.password);
    await storage.updateAccount(account.id, { passwordHash });
    await storage.appendAudit({
      teamId: account.teamId,
      at: clock.now(),
      actorId: account.id,
      action: 'auth.code_redeemed',
      target: null,
      detail: {},
    });
    return c.json(await session({ ...account, passwordHash }, randomUUID()));
  });

  routes.post('/refresh', attempts, async (c) => {
    const input = await parseBody(c, refreshRequestSchema);
    const now = clock.now();
    const token = await storage.spendRefreshToken(digest(input.refreshToken), now);
    if (token === null || token.expiresAt <= now)
      throw new SyncError(401, 'session_ended', 'Your session has ended; sign in again.');
    if (token.spentAt !== null) {
      await storage.revokeRefreshFamily(token.family, now);
      throw new SyncError(401, 'session_ended', 'Your session has ended; sign in again.');
    }
    const account = await storage.findAccount(token.accountId);
    if (account === null || !account.active)
      throw new SyncError(403, 'deactivated', 'Your account was deactivated by your team’s admin.');
    return c.json(await session(account, token.family));
  });

  routes.post('/logout', async (c) => {
    const input = await parseBody(c, refreshRequestSchema);
    const now = clock.now();
    const token = await storage.spendRefreshToken(digest(input.refreshToken), now);
    if (token !== null) await storage.revokeRefreshFamily(token.family, now);
    return c.json({ ok: true });
  });

  routes.get('/me', requireAgent(deps), (c) => c.json({ agent: c.var.agent }));
  return routes;
}
