// The desktop's sync client against the real sync server (in-process, SQLite), each desktop a
// whole core on its own data folder: joining a team from solo, edits reaching the other
// desktop, token rotation, erasure on the replica, a deactivated agent, offline and back.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTeamWithAdmin, inviteAgent } from '../../src-sync/accounts/team';
import type { SyncApp } from '../../src-sync/app';
import type { SyncDeps } from '../../src-sync/context';
import type { ServerStorage } from '../../src-sync/storage/server-storage';
import { sqliteStorage, tempDir, TestClock, testApp } from '../sync/harness';
import { openDesktop, SERVER_URL, TestNetwork, waitForStore, type Desktop } from './desktops';

const PASSWORD = 'correct horse battery';

let serverDir: ReturnType<typeof tempDir>;
let storage: ServerStorage;
let server: SyncApp & { deps: SyncDeps };
let network: TestNetwork;
let team: { teamId: string; adminEmail: string; adminCode: string };
const desktops: Desktop[] = [];

beforeEach(async () => {
  serverDir = tempDir();
  storage = await sqliteStorage(serverDir.path);
  server = testApp(storage, new TestClock());
  network = new TestNetwork(server.app);
  const created = await createTeamWithAdmin(storage, server.deps.clock, {
    teamName: 'Lakeside Realty',
    adminEmail: 'jane@example.com',
  });
  team = { teamId: created.teamId, adminEmail: 'jane@example.com', adminCode: created.code };
});

afterEach(async () => {
  for (const desktop of desktops.splice(0)) await desktop.close();
  await storage.close();
  serverDir.remove();
});

async function desktop(): Promise<Desktop> {
  const opened = await openDesktop(network);
  desktops.push(opened);
  return opened;
}

async function invite(email: string): Promise<string> {
  const admin = await storage.findAccountByEmail(team.adminEmail);
  if (admin === null) throw new Error('the team has no admin');
  const actor = { id: admin.id, teamId: admin.teamId, email: admin.email, name: admin.name, role: admin.role };
  const invited = await inviteAgent(storage, server.deps.clock, actor, {
    email,
    name: email.split('@')[0] ?? 'Agent',
    role: 'agent',
  });
  return invited.code;
}

function signInAdmin(d: Desktop, code?: string) {
  return d.invoke('sync-sign-in', {
    serverUrl: SERVER_URL,
    email: team.adminEmail,
    password: PASSWORD,
    ...(code === undefined ? {} : { code }),
  });
}

describe('joining a team from a solo workspace', () => {
  it('moves the solo leads and their history into the team once, even when signing in twice', async () => {
    const a = await desktop();
    const { lead } = await a.invoke('leads-create', { lead: { firstName: 'Rosa', lastName: 'Diaz', email: 'rosa@example.com' } });
    await a.invoke('messages-log-outbound', { leadId: lead.id, channel: 'note', body: 'Wants a 3-bed near the lake' });

    const first = await signInAdmin(a, team.adminCode);
    const history = await a.core.ctx.db.messages.find({ selector: { leadId: lead.id } }).exec();
    expect(history.length).toBeGreaterThan(0);
    expect(history.every((m) => m.teamId === team.teamId)).toBe(true);
    expect(first.joined.moved).toMatchObject({ leads: 1, messages: history.length });
    expect(first.status.agent).toMatchObject({ email: team.adminEmail, teamId: team.teamId });
    await a.core.ctx.sync!.awaitInSync();

    await a.invoke('sync-sign-out', {});
    const again = await signInAdmin(a);
    expect(again.joined.moved).toEqual({});
    await a.core.ctx.sync!.awaitInSync();

    const onServer = await storage.changesSince(team.teamId, 'leads', 0, 100, null);
    expect(onServer.filter((doc) => doc.id === lead.id)).toHaveLength(1);
    expect((await a.invoke('sync-status', {})).pendingPushes).toBe(0);
  });
});
