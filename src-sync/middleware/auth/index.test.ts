import { Hono } from 'hono';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SyncEnv } from '../../context';
import { signAccessToken, ACCESS_TOKEN_SECONDS } from '../../accounts/tokens';
import { SqliteServerStorage } from '../../storage/sqlite-storage';
import { requireAdmin, requireAgent } from '.';

const KEY = 'a-test-key-of-at-least-thirty-two-chars';

describe('auth middleware', () => {
  let storage: SqliteServerStorage;
  const clock = { ms: 1_000_000, now: () => clock.ms };
  let app: Hono<SyncEnv>;
  beforeEach(async () => {
    storage = new SqliteServerStorage(':memory:');
    await storage.migrate();
    await storage.createTeam({ id: 't1', name: 'Lakeside', createdAt: 1 });
    await storage.createAccount({
      id: 'ann',
      teamId: 't1',
      email: 'ann@example.com',
      name: 'Ann',
      role: 'agent',
      active: true,
      passwordHash: null,
      createdAt: 1,
    });
    app = new Hono<SyncEnv>();
    app.use('*', requireAgent({ storage, clock, tokenKey: KEY }));
    app.get('/me', (c) => c.json(c.var.agent));
    app.get('/admin', requireAdmin, (c) => c.text('ok'));
  });
  afterEach(() => storage.close());

  const call = async (path: string, token?: string) =>
    app.request(path, { headers: token === undefined ? {} : { authorization: `Bearer ${token}` } });

  it('sets the signed-in agent from a valid token', async () => {
    const response = await call('/me', await signAccessToken(KEY, 'ann', 't1', clock.ms));
    expect(await response.json()).toMatchObject({ id: 'ann', teamId: 't1', role: 'agent' });
  });

  it('refuses no token, a forged one, an expired one, and a token naming another team', async () => {
    expect((await call('/me')).status).toBe(401);
    expect(
      (await call('/me', await signAccessToken('another-key-of-at-least-thirty-two', 'ann', 't1', clock.ms)))
        .status,
    ).toBe(401);
    const token = await signAccessToken(KEY, 'ann', 't1', clock.ms);
    clock.ms += (ACCESS_TOKEN_SECONDS + 1) * 1000;
    expect((await call('/me', token)).status).toBe(401);
    expect((await call('/me', await signAccessToken(KEY, 'ann', 't2', clock.ms))).status).toBe(401);
  });

  it('refuses a deactivated agent at once and keeps admin routes to admins', async () => {
    const token = await signAccessToken(KEY, 'ann', 't1', clock.ms);
    expect((await call('/admin', token)).status).toBe(403);
    await storage.updateAccount('ann', { active: false });
    const response = await call('/me', token);
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ code: 'deactivated' });
  });
});
