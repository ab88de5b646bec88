// The desktop's sync client against the real sync server (in-process, SQLite), each desktop a
// whole core on its own data folder: joining a team from solo, edits reaching the other
// desktop, token rotation, erasure on the replica, a deactivated agent, offline and back.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PorchlightError } from '../../src-shared/ipc/errors';
import { createTeamWithAdmin, inviteAgent } from '../../src-sync/accounts/team';
import type { SyncApp } from '../../src-sync/app';
import type { SyncDeps } from '../../src-sync/context';
import type { ServerStorage } from '../../src-sync/storage/server-storage';
import { sqliteStorage, tempDir, TestClock, testApp } from '../sync/harness';
import { leadDoc } from '../sync/documents';
import { openDesktop, syncOf, SERVER_URL, TestNetwork, waitForStore, type Desktop } from './desktops';

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
  const actor = {
    id: admin.id,
    teamId: admin.teamId,
    email: admin.email,
    name: admin.name,
    role: admin.role,
  };
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
    const { lead } = await a.invoke('leads-create', {
      lead: { firstName: 'Rosa', lastName: 'Diaz', email: 'rosa@example.com' },
    });
    await a.invoke('messages-log-outbound', {
      leadId: lead.id,
      channel: 'note',
      body: 'Wants a 3-bed near the lake',
    });

    const first = await signInAdmin(a, team.adminCode);
    const history = await a.core.ctx.db.messages.find({ selector: { leadId: lead.id } }).exec();
    expect(history.length).toBeGreaterThan(0);
    expect(history.every((m) => m.teamId === team.teamId)).toBe(true);
    expect(first.joined.moved).toMatchObject({ leads: 1, messages: history.length });
    expect(first.status.agent).toMatchObject({ email: team.adminEmail, teamId: team.teamId });
    await syncOf(a).awaitInSync();

    await a.invoke('sync-sign-out', {});
    const again = await signInAdmin(a);
    expect(again.joined.moved).toEqual({});
    await syncOf(a).awaitInSync();

    const onServer = await storage.changesSince(team.teamId, 'leads', 0, 100, null);
    expect(onServer.filter((doc) => doc.id === lead.id)).toHaveLength(1);
    expect((await a.invoke('sync-status', {})).pendingPushes).toBe(0);
  });
});

/** Sam, a teammate on another desktop, as the server sees him: pushes over HTTP. */
async function teammate(): Promise<{
  id: string;
  push(doc: Record<string, unknown>, assumed?: Record<string, unknown>): Promise<void>;
}> {
  const code = await invite('sam@example.com');
  const redeemed = await server.app.request('/auth/redeem', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'sam@example.com', code, password: PASSWORD }),
  });
  const session = (await redeemed.json()) as { accessToken: string; agent: { id: string } };
  return {
    id: session.agent.id,
    push: async (doc, assumed) => {
      const response = await server.app.request('/sync/leads/push', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${session.accessToken}` },
        body: JSON.stringify({
          rows: [
            { newDocumentState: doc, ...(assumed === undefined ? {} : { assumedMasterState: assumed }) },
          ],
        }),
      });
      const body = (await response.json()) as { refused: unknown[] };
      expect(body.refused).toEqual([]);
    },
  };
}

async function serverLead(id: string): Promise<Record<string, unknown> | undefined> {
  const docs = await storage.readDocuments(team.teamId, 'leads', [id]);
  return docs.get(id)?.doc;
}

describe('replication with the team', () => {
  it('brings a teammate’s lead in live, sends this desktop’s edit, and catches up after a week offline', async () => {
    const a = await desktop();
    await signInAdmin(a, team.adminCode);
    const sam = await teammate();
    const omar = leadDoc(team.teamId, sam.id, 'lead-omar', { firstName: 'Omar', updatedAt: a.clock.now() });
    await sam.push(omar);
    const onA = await waitForStore(
      a,
      async () => (await a.invoke('leads-get', { id: 'lead-omar' })) ?? undefined,
    );
    expect(onA.firstName).toBe('Omar');

    await a.invoke('leads-update', { id: 'lead-omar', patch: { stage: 'contacted' } });
    await syncOf(a).awaitInSync();
    expect(await serverLead('lead-omar')).toMatchObject({ stage: 'contacted', firstName: 'Omar' });

    // A week offline: this desktop's edit waits (counted as pending) while Sam edits another field.
    network.down = true;
    await a.invoke('leads-update', { id: 'lead-omar', patch: { lastName: 'Haddad' } });
    const offline = await waitForStore(a, async () => {
      const status = await a.invoke('sync-status', {});
      return status.state === 'offline' && status.pendingPushes > 0 ? status : undefined;
    });
    expect(offline.offlineSince).toBe(a.clock.now());
    expect(offline.lastError).toMatch(/out of reach/);
    const master = await serverLead('lead-omar');
    if (master === undefined) throw new Error('the server has no lead-omar');
    await sam.push(
      { ...master, _deleted: false, tags: ['pre-approved'], updatedAt: a.clock.now() + 1000 },
      { ...master, _deleted: false },
    );
    await a.clock.advance(7 * 24 * 3600 * 1000);

    network.down = false;
    syncOf(a).reSync();
    const merged = await waitForStore(a, async () => {
      const current = await a.invoke('leads-get', { id: 'lead-omar' });
      return current?.tags.includes('pre-approved') === true ? current : undefined;
    });
    await syncOf(a).awaitInSync();
    // SY-M3: each side changed its own field; both stand, here and on the server.
    expect(merged).toMatchObject({ lastName: 'Haddad', stage: 'contacted' });
    expect(await serverLead('lead-omar')).toMatchObject({ lastName: 'Haddad', tags: ['pre-approved'] });
    expect(await a.invoke('sync-status', {})).toMatchObject({
      state: 'connected',
      offlineSince: null,
      pendingPushes: 0,
    });
  });

  it('announces the changes waiting as they are made and as they go (SY-C5)', async () => {
    const a = await desktop();
    await signInAdmin(a, team.adminCode);
    await syncOf(a).awaitInSync();
    const announced: number[] = [];
    a.core.ctx.events.on('sync-changed', (status) => announced.push(status.pendingPushes));
    const announcedAtLeast = (count: number) =>
      waitForStore(a, () => Promise.resolve(announced.some((n) => n >= count) ? true : undefined));

    network.down = true;
    await a.invoke('leads-create', { lead: { firstName: 'Ines' } });
    await a.invoke('leads-create', { lead: { firstName: 'Tomas' } });
    await announcedAtLeast(2);

    network.down = false;
    syncOf(a).reSync();
    await syncOf(a).awaitInSync();
    await waitForStore(a, () => Promise.resolve(announced.at(-1) === 0 ? true : undefined));
    expect((await a.invoke('sync-status', {})).pendingPushes).toBe(0);
  });

  it('tells the screens of a lead that arrived by replication, as of one written here', async () => {
    const a = await desktop();
    await signInAdmin(a, team.adminCode);
    await syncOf(a).awaitInSync();
    const sam = await teammate();
    const heard = new Promise<string[]>((resolve) => {
      const off = a.core.ctx.events.on('leads-changed', ({ ids }) => {
        if (!ids.includes('lead-nadia')) return;
        off();
        resolve(ids);
      });
    });
    await sam.push(
      leadDoc(team.teamId, sam.id, 'lead-nadia', { firstName: 'Nadia', updatedAt: a.clock.now() }),
    );
    expect(await heard).toContain('lead-nadia');
    expect((await a.invoke('leads-get', { id: 'lead-nadia' }))?.firstName).toBe('Nadia');
  });

  it('refreshes the access token when it runs out, rotating the refresh token in the secret store', async () => {
    const a = await desktop();
    await signInAdmin(a, team.adminCode);
    await syncOf(a).awaitInSync();
    const firstRefresh = await a.secrets.get('sync.token');
    await a.clock.advance(11 * 60 * 1000);
    const { lead } = await a.invoke('leads-create', { lead: { firstName: 'Ines' } });
    await syncOf(a).awaitInSync();
    expect(await serverLead(lead.id)).toMatchObject({ firstName: 'Ines' });
    const secondRefresh = await a.secrets.get('sync.token');
    expect(secondRefresh).toBeDefined();
    expect(secondRefresh).not.toBe(firstRefresh);
    // The token never lands in the store.
    const stored = JSON.stringify(await a.core.ctx.db.settings.find().exec());
    expect(stored).not.toContain(String(secondRefresh));
  });

  it('stops syncing a deactivated agent and says why', async () => {
    const a = await desktop();
    const code = await invite('lena@example.com');
    await a.invoke('sync-sign-in', {
      serverUrl: SERVER_URL,
      email: 'lena@example.com',
      password: PASSWORD,
      code,
    });
    await syncOf(a).awaitInSync();
    const lena = await storage.findAccountByEmail('lena@example.com');
    if (lena === null) throw new Error('Lena has no account');
    await storage.updateAccount(lena.id, { active: false });
    await a.invoke('leads-create', { lead: { firstName: 'Lena’s lead' } });
    const refused = await waitForStore(a, async () => {
      const status = await a.invoke('sync-status', {});
      return status.state === 'refused' ? status : undefined;
    });
    expect(refused.lastError).toMatch(/deactivated/);
  });

  it('says what was wrong when the password or the server address is not right', async () => {
    const a = await desktop();
    const wrongCode = await failureOf(
      a.invoke('sync-sign-in', {
        serverUrl: SERVER_URL,
        email: team.adminEmail,
        password: 'not the one',
        code: 'WRONG-CODE',
      }),
    );
    expect(wrongCode.fieldErrors?.code).toMatch(/sign-in code is not valid/);
    network.down = true;
    const unreachable = await failureOf(
      a.invoke('sync-sign-in', { serverUrl: SERVER_URL, email: team.adminEmail, password: PASSWORD }),
    );
    expect(unreachable.fieldErrors?.serverUrl).toMatch(/No sync server answered/);
    await expect(
      a.invoke('sync-sign-in', { serverUrl: 'sync.example', email: 'jane', password: '' }),
    ).rejects.toMatchObject({
      code: 'invalid_args',
    });
    expect(await a.invoke('sync-status', {})).toMatchObject({ state: 'signed-out', agent: null });
  });
});

async function failureOf(call: Promise<unknown>): Promise<PorchlightError> {
  try {
    await call;
  } catch (error) {
    if (error instanceof PorchlightError) return error;
    throw error;
  }
  throw new Error('the call succeeded');
}

describe('forget a person', () => {
  it('leaves nothing of the person in this desktop’s SQLite files, history included', async () => {
    const a = await desktop();
    await signInAdmin(a, team.adminCode);
    const { lead } = await a.invoke('leads-create', {
      lead: {
        firstName: 'Zebulon',
        lastName: 'Quackenbush',
        email: 'zebulon.q@example.com',
        phone: '+12025550143',
      },
    });
    await a.invoke('messages-log-outbound', {
      leadId: lead.id,
      channel: 'note',
      body: 'Xylophone collector, call after six',
    });
    await syncOf(a).awaitInSync();

    const login = await server.app.request('/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: team.adminEmail, password: PASSWORD }),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const erased = await server.app.request('/admin/erase', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
      body: JSON.stringify({ leadId: lead.id }),
    });
    expect(erased.status).toBe(200);

    await waitForStore(a, async () =>
      (await a.invoke('leads-get', { id: lead.id })) === null ? true : undefined,
    );
    await syncOf(a).awaitInSync();
    expect(await a.core.ctx.db.messages.find({ selector: { leadId: lead.id } }).exec()).toEqual([]);
    const bytes = readdirSync(a.dataDir)
      .filter((name) => name.startsWith('porchlight.sqlite'))
      .map((name) => readFileSync(join(a.dataDir, name)).toString('latin1'))
      .join('');
    for (const trace of ['Zebulon', 'Quackenbush', 'zebulon.q@example.com', '2025550143', 'Xylophone'])
      expect(bytes, trace).not.toContain(trace);
  });
});
