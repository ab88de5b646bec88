// Test helpers for the sync server: an app over a storage, teams with signed-in agents, and a
// fetch that reaches the app in-process (app.request) or over a real port.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import type { SessionResponse, SyncCollectionSpec } from '../../src-shared/sync';
import { createTeamWithAdmin, inviteAgent } from '../../src-sync/accounts/team';
import { createSyncApp, type SyncApp } from '../../src-sync/app';
import type { Clock, Logger, SyncDeps } from '../../src-sync/context';
import type { ServerStorage } from '../../src-sync/storage/server-storage';
import { SqliteServerStorage } from '../../src-sync/storage/sqlite-storage';
import type { FetchLike } from '../../src-shared/sync';

export const silentLogger: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
export const TOKEN_KEY = 'test-token-key-of-at-least-32-characters!';

/** RxDB's test-utils human documents, replicated as a team-scope collection. */
export const humanCollection: SyncCollectionSpec = {
  name: 'human',
  primaryKey: 'passportId',
  schema: z.looseObject({ passportId: z.string().min(1).max(100) }),
  scope: 'team',
  writers: 'member',
  merge: 'master-wins',
  teamFields: false,
};

export class TestClock implements Clock {
  constructor(public ms = Date.UTC(2026, 0, 5, 15)) {}
  now(): number {
    return this.ms;
  }
  advance(ms: number): void {
    this.ms += ms;
  }
}

export function tempDir(prefix = 'porchlight-sync-'): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

export async function sqliteStorage(dir: string): Promise<ServerStorage> {
  const storage = new SqliteServerStorage(join(dir, 'sync.sqlite'));
  await storage.migrate();
  return storage;
}

export function testApp(
  storage: ServerStorage,
  clock: Clock = new TestClock(),
  extra: Partial<SyncDeps> = {},
): SyncApp & { deps: SyncDeps } {
  const deps: SyncDeps = { storage, clock, logger: silentLogger, tokenKey: TOKEN_KEY, ...extra };
  return { ...createSyncApp(deps), deps };
}

/** A fetch that reaches the app in-process. */
export function inProcessFetch(app: SyncApp['app']): FetchLike {
  return async (url, init) => app.request(url, init);
}

async function redeem(app: SyncApp['app'], email: string, code: string): Promise<SessionResponse> {
  const response = await app.request('/auth/redeem', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, code, password: 'correct horse battery' }),
  });
  if (response.status !== 200) throw new Error(`redeem failed: ${response.status} ${await response.text()}`);
  return (await response.json()) as SessionResponse;
}

export interface TeamSessions {
  teamId: string;
  admin: SessionResponse;
  agent(email: string, role?: 'agent' | 'admin'): Promise<SessionResponse>;
}

export async function createTeam(
  test: SyncApp & { deps: SyncDeps },
  teamName = 'Lakeside Realty',
  adminEmail?: string,
): Promise<TeamSessions> {
  const email = adminEmail ?? `admin-${Math.random().toString(36).slice(2, 8)}@example.com`;
  const created = await createTeamWithAdmin(test.deps.storage, test.deps.clock, {
    teamName,
    adminEmail: email,
  });
  const admin = await redeem(test.app, email, created.code);
  return {
    teamId: created.teamId,
    admin,
    agent: async (agentEmail, role = 'agent') => {
      const invited = await inviteAgent(test.deps.storage, test.deps.clock, admin.agent, {
        email: agentEmail,
        name: agentEmail.split('@')[0] ?? 'Agent',
        role,
      });
      return redeem(test.app, agentEmail, invited.code);
    },
  };
}

export function bearer(session: SessionResponse, extra: Record<string, string> = {}): Record<string, string> {
  return { authorization: `Bearer ${session.accessToken}`, ...extra };
}

export function jsonInit(session: SessionResponse, method: string, body: unknown): RequestInit {
  return {
    method,
    headers: bearer(session, { 'content-type': 'application/json' }),
    body: JSON.stringify(body),
  };
}
