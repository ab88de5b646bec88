// Bearer access token -> the signed-in agent (c.var.agent). The account is read on every
// request, so deactivating an agent or changing a role takes effect at once, whatever tokens
// they still hold.
import type { MiddlewareHandler } from 'hono';
import type { ServerStorage } from '../../storage/server-storage';
import type { Clock, SyncEnv } from '../../context';
import { readAccessToken } from '../../accounts/tokens';
import { errorJson } from '../errors';

export function requireAgent(deps: {
  storage: ServerStorage;
  clock: Clock;
  tokenKey: string;
}): MiddlewareHandler<SyncEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const token = /^Bearer (\S+)$/i.exec(header)?.[1];
    if (token === undefined) return errorJson(c, 401, 'unauthenticated', 'Sign in to the team first.');
    const claims = await readAccessToken(deps.tokenKey, token, deps.clock.now());
    if (claims === null)
      return errorJson(c, 401, 'token_expired', 'Your session has expired; sign in again.');
    const account = await deps.storage.findAccount(claims.sub);
    if (account?.teamId !== claims.team)
      return errorJson(c, 401, 'unauthenticated', 'Sign in to the team first.');
    if (!account.active) {
      return errorJson(
        c,
        403,
        'deactivated',
        'Your account was deactivated by your team’s admin; ask them to turn it back on.',
      );
    }
    c.set('agent', {
      id: account.id,
      teamId: account.teamId,
      email: account.email,
      name: account.name,
      role: account.role,
    });
    await next();
  };
}

export const requireAdmin: MiddlewareHandler<SyncEnv> = async (c, next) => {
  if (c.var.agent.role !== 'admin') return errorJson(c, 403, 'admin_only', 'Only a team admin can do this.');
  await next();
};
