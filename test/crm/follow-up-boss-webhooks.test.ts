// Follow Up Boss webhooks end to end: the sync server as its own process (its command line, a
// public URL, the team's system key), the local Follow Up Boss (fake-follow-up-boss.ts) posting
// signed events to it, and a desktop core (SQLite, the real HTTP adapters, a test clock) signed
// in as the team's admin that reads the events, fetches what they name from Follow Up Boss,
// and keeps how far it read. A webhook delivered twice, a person both the poll and an event
// bring in, a person deleted between the webhook and the fetch, a merge, and the activities.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lead, Message } from '../../src-shared/domain';
import type { SessionResponse } from '../../src-shared/sync';
import { createFubHttpApi } from '../../src-main/adapters/follow-up-boss/http-api';
import { createHttpSyncTransport } from '../../src-main/adapters/sync/http-transport';
import { bootCore, type RunningCore } from '../../src-main/core/boot';
import type { FollowUpBoss } from '../../src-main/core/follow-up-boss/service';
import { readFubState } from '../../src-main/core/follow-up-boss/state';
import { FakeClock } from '../../src-main/core/testing/fake-clock';
import { MemorySecretStore } from '../../src-main/core/testing/memory-secret-store';
import { freePort } from '../support/postgres';
import { initTeam, startSyncServerProcess, type SyncServerProcess } from '../support/sync-server-process';
import { tempDir } from '../sync/harness';
import { startFakeFollowUpBoss, type FakeFollowUpBoss } from './fake-follow-up-boss';

const PASSWORD = 'correct horse battery';
const SYSTEM_KEY = 'fub-system-key-of-lakeside';
const serverDir = tempDir('porchlight-fub-webhooks-server-');
const desktopDir = tempDir('porchlight-fub-webhooks-desktop-');
let server: SyncServerProcess;
let fub: FakeFollowUpBoss;
let core: RunningCore;
let clock: FakeClock;
let service: FollowUpBoss;
let hookUrl: string;

async function api<T>(path: string, init: { method?: string; token?: string; body?: unknown } = {}) {
  const response = await fetch(`${server.url}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      'content-type': 'application/json',
      ...(init.token === undefined ? {} : { authorization: `Bearer ${init.token}` }),
    },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (response.status === 204 ? undefined : await response.json()) as T;
}

function person(id: number, extra: Record<string, unknown> = {}) {
  return fub.put({
    id,
    firstName: `First${id}`,
    lastName: `Last${id}`,
    stage: 'Lead',
    source: 'Zillow',
    emails: [{ value: `person${id}@example.com`, isPrimary: true }],
    phones: [{ value: `(612) 555-${String(2000 + id).slice(-4)}`, isPrimary: true }],
    ...extra,
  });
}

async function lead(id: string): Promise<Lead | undefined> {
  return (await core.ctx.db.leads.findOne(id).exec())?.toMutableJSON();
}

async function timeline(leadId: string): Promise<Message[]> {
  const docs = await core.ctx.db.messages.find({ selector: { leadId }, sort: [{ createdAt: 'asc' }] }).exec();
  return docs.map((d) => d.toMutableJSON());
}

const personFetches = (id: number): number =>
  fub.requests.filter((r) => r.method === 'GET' && r.path === `/v1/people/${id}`).length;

async function send(event: string, ids: number[]) {
  const sent = await fub.webhook(hookUrl, SYSTEM_KEY, event, ids);
  expect(sent.status).toBe(200);
  return sent;
}

async function readEvents(): Promise<void> {
  await service.run('events');
}

beforeAll(async () => {
  const code = await initTeam(serverDir.path, 'Lakeside Realty', 'jane@example.com');
  const port = await freePort();
  server = await startSyncServerProcess(serverDir.path, port, {
    SYNC_PUBLIC_URL: `http://127.0.0.1:${port}`,
  });
  fub = await startFakeFollowUpBoss();
  clock = new FakeClock('2026-11-02T15:00:00Z');
  core = await bootCore({
    dataDir: desktopDir.path,
    shell: 'headless',
    clock,
    demo: false,
    secrets: new MemorySecretStore(),
    syncTransport: createHttpSyncTransport({ reconnectDelayMs: 50 }),
    syncRetryMs: 50,
    followUpBoss: createFubHttpApi({ baseUrl: fub.baseUrl }),
  });
  const invoke = core.app.invoke.bind(core.app);
  await invoke('sync-sign-in', {
    serverUrl: server.url,
    email: 'jane@example.com',
    code,
    password: PASSWORD,
  });
  const session = await api<SessionResponse>('/auth/login', {
    method: 'POST',
    body: { email: 'jane@example.com', password: PASSWORD },
  });
  await api('/admin/secrets/fub-system-key', {
    method: 'PUT',
    token: session.accessToken,
    body: { value: SYSTEM_KEY },
  });
  const addresses = await api<{ followUpBoss: string }>('/admin/webhooks', { token: session.accessToken });
  hookUrl = addresses.followUpBoss;
  if (core.ctx.followUpBoss === undefined) throw new Error('no Follow Up Boss service');
  service = core.ctx.followUpBoss;
  person(1);
  await invoke('fub-connect', { apiKey: fub.apiKey, systemKey: 'porchlight-system-key', writeBack: true });
  await invoke('fub-sync-now', {});
}, 60_000);

afterAll(async () => {
  await core?.close();
  await server?.stop();
  await fub?.close();
  serverDir.remove();
  desktopDir.remove();
});

describe('Follow Up Boss webhooks through the team server', () => {
  it('registers the webhooks with Follow Up Boss for the team server’s address, once', async () => {
    expect(fub.webhooks.map((w) => [w.event, w.url])).toEqual(
      [
        'peopleCreated',
        'peopleUpdated',
        'peopleDeleted',
        'peopleStageUpdated',
        'peopleTagsCreated',
        'notesCreated',
        'textMessagesCreated',
        'emailsCreated',
        'callsCreated',
      ].map((event) => [event, hookUrl]),
    );
    await service.syncNow();
    expect(fub.webhooks).toHaveLength(9);
  });

  it('a person created in Follow Up Boss arrives from its webhook, before the next poll', async () => {
    expect((await service.status()).webhooks.state).toBe('reading');
    // The run connecting scheduled has run.
    await clock.advance(0);
    await service.idle();
    person(2, { background: 'Wants a yard' });
    const listsBefore = fub.requests.filter((r) => r.path === '/v1/people').length;
    await send('peopleCreated', [2]);
    // The reading every half minute between full runs picks it up.
    await clock.advance(30_000);
    await expect.poll(() => lead('fub-2'), { timeout: 20_000 }).toMatchObject({ fubId: '2' });
    await service.idle();
    expect((await lead('fub-2'))?.notes).toContain('Wants a yard');
    expect(fub.requests.filter((r) => r.path === '/v1/people').length).toBe(listsBefore);
    expect(personFetches(2)).toBe(1);
    expect((await service.status()).webhooks.lastRead).toMatchObject({ events: 1, people: 1, created: 1 });
  });

  it('a webhook delivered twice, and a person the poll already read, are each fetched once at most', async () => {
    person(3);
    const first = await send('peopleUpdated', [3]);
    expect((await fub.redeliver(hookUrl, first)).status).toBe(200);
    await send('peopleTagsCreated', [3]);
    await readEvents();
    expect(personFetches(3)).toBe(1);
    expect((await service.status()).webhooks.lastRead).toMatchObject({ events: 2, people: 1 });

    // Changed in Follow Up Boss and announced: the full run's poll reads it, the event adds nothing.
    person(3, { stage: 'Pending' });
    await send('peopleStageUpdated', [3]);
    await service.syncNow();
    expect(personFetches(3)).toBe(1);
    expect(await lead('fub-3')).toMatchObject({ stage: 'under_contract', fubStage: 'Pending' });

    // What was read stays read: the next reading fetches nothing.
    const before = fub.requests.length;
    await readEvents();
    expect(fub.requests.length).toBe(before);
    const { eventsCursor } = await readFubState(core.ctx.db);
    expect(eventsCursor?.seq).toBeGreaterThan(0);
  });

  it('a person deleted between the webhook and the fetch: the lead stays, unlinked, and says why', async () => {
    person(4);
    await service.syncNow();
    expect((await lead('fub-4'))?.fubId).toBe('4');
    person(4, { tags: ['moved'] });
    await send('peopleUpdated', [4]);
    fub.remove(4);
    await readEvents();
    const kept = await lead('fub-4');
    expect(kept).toMatchObject({ firstName: 'First4', deletedAt: 0 });
    expect(kept?.fubId).toBeUndefined();
    expect((await timeline('fub-4')).map((m) => m.body)).toContain(
      'Follow Up Boss no longer has person 4 (deleted or merged); this lead is kept here and no longer linked to it.',
    );
    expect((await service.status()).webhooks.lastRead).toMatchObject({ gone: 1, unlinked: 1 });
  });

  it('two people merged in Follow Up Boss stay one lead, linked to the person that remains', async () => {
    person(5);
    await service.syncNow();
    // Follow Up Boss merges person 5 into a new person 50 with the same email.
    fub.remove(5);
    person(50, { firstName: 'Merged', emails: [{ value: 'person5@example.com', isPrimary: true }] });
    await send('peopleDeleted', [5]);
    await send('peopleCreated', [50]);
    await readEvents();
    expect(await lead('fub-5')).toMatchObject({ fubId: '50', firstName: 'First5', deletedAt: 0 });
    expect(await lead('fub-50')).toBeUndefined();
  });

  it('texts, calls and notes made in Follow Up Boss reach the timeline once; a reply counts as one', async () => {
    const texts = fub.activities.get('textMessages');
    const calls = fub.activities.get('calls');
    const notes = fub.activities.get('notes');
    texts?.set(71, {
      id: 71,
      personId: 1,
      isIncoming: true,
      message: 'Yes, Saturday works',
      created: '2026-11-02T14:00:00Z',
    });
    calls?.set(72, {
      id: 72,
      personId: 1,
      isIncoming: false,
      duration: 240,
      note: 'Talked budget',
      created: '2026-11-02T14:10:00Z',
    });
    notes?.set(73, { id: 73, personId: 1, body: 'Prefers texts', created: '2026-11-02T14:20:00Z' });
    // A note Porchlight wrote there itself (write-back) is not brought back.
    notes?.set(74, {
      id: 74,
      personId: 1,
      body: 'Text sent. (porchlight:message:m-1)',
      created: '2026-11-02T14:30:00Z',
    });
    const sent = await send('textMessagesCreated', [71]);
    await send('callsCreated', [72]);
    await send('notesCreated', [73, 74]);
    await fub.redeliver(hookUrl, sent);
    await send('textMessagesCreated', [71]);
    await readEvents();
    const touches = (await timeline('fub-1')).filter((m) => m.id.startsWith('fub-'));
    expect(touches.map((m) => [m.direction, m.channel, m.status, m.body])).toEqual([
      ['inbound', 'sms', 'received', 'Yes, Saturday works'],
      ['outbound', 'call', 'logged', 'Call in Follow Up Boss (4 min): Talked budget'],
      ['outbound', 'note', 'logged', 'Note in Follow Up Boss: Prefers texts'],
    ]);
    expect((await lead('fub-1'))?.lastInboundAt).toBe(Date.parse('2026-11-02T14:00:00Z'));
    expect((await service.status()).webhooks.lastRead).toMatchObject({ activities: 3 });
    // Nothing of this is written back to Follow Up Boss.
    await service.syncNow();
    expect(fub.notes).toHaveLength(0);
  });
});
