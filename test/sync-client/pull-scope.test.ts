// What a pull may change on this desktop (Ann's whole core on SQLite, against the real server
// in-process). SY-S6: a lead the admin reassigns from Ann to Bob leaves Ann's desktop, live or
// after a time offline, without deleting it for anyone else; an edit Ann made offline is
// refused with the reason and not kept as a lead nobody will see. SY-C4: a device-only setting
// the server holds (an older server took it) never lands here.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Lead } from '../../src-shared/domain';
import type { PushResponse, SessionResponse } from '../../src-shared/sync';
import type { ServerStorage } from '../../src-sync/storage/server-storage';
import { leadDoc } from '../sync/documents';
import { createTeam, jsonInit, sqliteStorage, tempDir, testApp, type TeamSessions } from '../sync/harness';
import { openDesktop, SERVER_URL, syncOf, TestNetwork, waitForStore, type Desktop } from './desktops';

let serverDir: ReturnType<typeof tempDir>;
let storage: ServerStorage;
let server: ReturnType<typeof testApp>;
let network: TestNetwork;
let team: TeamSessions;
let ann: SessionResponse;
let bob: SessionResponse;
let desktop: Desktop;

beforeEach(async () => {
  serverDir = tempDir();
  storage = await sqliteStorage(serverDir.path);
  server = testApp(storage);
  network = new TestNetwork(server.app);
  team = await createTeam(server);
  ann = await team.agent('ann@example.com');
  bob = await team.agent('bob@example.com');
  desktop = await openDesktop(network);
  await desktop.invoke('sync-sign-in', {
    serverUrl: SERVER_URL,
    email: 'ann@example.com',
    password: 'correct horse battery',
  });
});

afterEach(async () => {
  await desktop.close();
  await storage.close();
  serverDir.remove();
});

async function adminPush(rows: unknown[]): Promise<void> {
  const response = await server.app.request('/sync/leads/push', jsonInit(team.admin, 'POST', { rows }));
  const body = (await response.json()) as PushResponse;
  expect(body.refused).toEqual([]);
}

async function serverLead(id: string): Promise<Record<string, unknown> | undefined> {
  return (await storage.readDocuments(team.teamId, 'leads', [id])).get(id)?.doc;
}

/** Ann's lead, on the server and arrived on her desktop. */
async function annsLead(id: string): Promise<Lead & { _deleted: boolean }> {
  const lead = leadDoc(team.teamId, ann.agent.id, id, { firstName: 'Rosa', updatedAt: desktop.clock.now() });
  await adminPush([{ newDocumentState: lead }]);
  await waitForStore(desktop, async () => (await desktop.invoke('leads-get', { id })) ?? undefined);
  return lead;
}

const reassignToBob = (lead: Lead & { _deleted: boolean }) =>
  adminPush([
    {
      assumedMasterState: lead,
      newDocumentState: { ...lead, ownerId: bob.agent.id, updatedAt: lead.updatedAt + 1000 },
    },
  ]);

const goneFromDesktop = (id: string) =>
  waitForStore(desktop, async () =>
    (await desktop.invoke('leads-get', { id })) === null ? true : undefined,
  );

describe('SY-S6 a lead reassigned away from this desktop’s agent', () => {
  it('leaves this desktop at once, and stays whole on the server for Bob', async () => {
    const lead = await annsLead('lead-rosa');
    await reassignToBob(lead);
    await goneFromDesktop('lead-rosa');
    await syncOf(desktop).awaitInSync();
    // The removal was this replica's alone: nothing of it went back to the server.
    expect(await serverLead('lead-rosa')).toMatchObject({
      ownerId: bob.agent.id,
      firstName: 'Rosa',
      _deleted: false,
    });
    // Nothing waits to go either (the count settles once the push side has seen the write).
    await waitForStore(desktop, async () =>
      (await desktop.invoke('sync-status', {})).pendingPushes === 0 ? true : undefined,
    );

    // Given back to Ann, it comes back whole.
    const master = await serverLead('lead-rosa');
    await adminPush([
      { assumedMasterState: master, newDocumentState: { ...master, ownerId: ann.agent.id, updatedAt: 9e12 } },
    ]);
    const back = await waitForStore(
      desktop,
      async () => (await desktop.invoke('leads-get', { id: 'lead-rosa' })) ?? undefined,
    );
    expect(back.firstName).toBe('Rosa');
  });

  it('an edit made offline meanwhile is refused with the reason, and the lead leaves', async () => {
    const lead = await annsLead('lead-omar');
    await syncOf(desktop).awaitInSync();
    network.down = true;
    await desktop.invoke('leads-update', { id: 'lead-omar', patch: { stage: 'contacted' } });
    await reassignToBob(lead);

    network.down = false;
    syncOf(desktop).reSync();
    await goneFromDesktop('lead-omar');
    const status = await waitForStore(desktop, async () => {
      const current = await desktop.invoke('sync-status', {});
      return current.refused.length > 0 ? current : undefined;
    });
    expect(status.refused[0]?.id).toBe('lead-omar');
    expect(status.refused[0]?.message).toMatch(/reassigned/);
    expect(await serverLead('lead-omar')).toMatchObject({ ownerId: bob.agent.id, stage: 'new' });
  });
});

describe('SY-C4 settings from the server', () => {
  it('takes the team’s settings and drops device-only ones, on the first pull and live', async () => {
    const setting = (id: string, value: unknown) => ({
      id,
      teamId: team.teamId,
      ownerId: team.admin.agent.id,
      updatedAt: desktop.clock.now(),
      value,
      _deleted: false,
    });
    // Written past the push checks, as an older server would have kept them.
    const write = (docs: ReturnType<typeof setting>[]) =>
      storage.writeDocuments(
        team.teamId,
        'settings',
        docs.map((d) => d.id),
        () => ({ writes: docs.map((d) => ({ id: d.id, ownerId: d.ownerId, doc: d })), result: undefined }),
      );
    await write([
      setting('ai', { endpoint: 'https://elsewhere.example/v1', marker: 'from-the-server' }),
      setting('team.office-hours', { opens: '08:00' }),
    ]);
    syncOf(desktop).reSync();
    const arrived = await waitForStore(
      desktop,
      async () => (await desktop.core.ctx.db.settings.findOne('team.office-hours').exec()) ?? undefined,
    );
    expect(arrived.value).toEqual({ opens: '08:00' });
    await write([setting('sync', { serverUrl: 'https://elsewhere.example', marker: 'from-the-server' })]);
    await write([setting('team.quiet', { from: '21:00' })]);
    await waitForStore(
      desktop,
      async () => (await desktop.core.ctx.db.settings.findOne('team.quiet').exec()) ?? undefined,
    );
    await syncOf(desktop).awaitInSync();
    const here = JSON.stringify(await desktop.core.ctx.db.settings.find().exec());
    expect(here).not.toContain('from-the-server');
    expect((await desktop.invoke('sync-status', {})).serverUrl).toBe(SERVER_URL);
  });
});
