// Team routing across real processes: the sync server from its command line, two agents'
// headless desktops (Ann and Bob), and the admin working through the server's HTTP API.
//   1. First to claim: a lead posted to the intake endpoint waits in the team pool, offered to
//      both; both take it at once from their desktops; one owns it, the other is told.
//   2. Nobody takes the next one: after the escalation minute it goes to an agent, whose
//      desktop gets it with the note and a to-do.
//   3. Round robin with Bob paused from his own desktop: Ann gets every new lead.
//   4. Leads made on a desktop (decision 0901): Ann's new lead for the North side, handed to
//      the team, reaches Bob's desktop by the rule; the one she kept stays hers.
//   5. Ann imports a CSV file for the team, first to claim: every lead is offered, and each
//      agent's desktop gets one to-do for the import, not one per lead.
//   6. The server is down while Ann types a lead in (her desktop is offline); once it is back
//      and her desktop syncs, the lead is routed to Bob.
//   7. Ann undoes an import she handed to the team: the leads the rules gave Bob leave his
//      desktop too (to the bin, with a note), and his to-do about them goes.
//   8. A Follow Up Boss person Ann's desktop brought in goes to Bob; changed again in Follow Up
//      Boss, Ann's next import leaves it to him instead of making it again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HandlerArgs, HandlerName, HandlerResult } from '../../src-shared/ipc/contract';
import type { RoutingRulesInput } from '../../src-shared/routing';
import type { SessionResponse } from '../../src-shared/sync';
import { startFakeFollowUpBoss, type FakeFollowUpBoss } from '../crm/fake-follow-up-boss';
import { fubCsv } from '../support/import-fixtures';
import { importOverHttp } from '../support/import-over-http';
import { startHeadless, type HeadlessProcess } from '../support/headless-process';
import { httpInvoker } from '../support/invoke-http';
import { freePort } from '../support/postgres';
import { initTeam, startSyncServerProcess, type SyncServerProcess } from '../support/sync-server-process';
import { tempDir } from '../sync/harness';

type Invoke = <K extends HandlerName>(name: K, args: HandlerArgs<K>) => Promise<HandlerResult<K>>;
interface Desktop {
  dir: ReturnType<typeof tempDir>;
  process: HeadlessProcess;
  invoke: Invoke;
  agentId: string;
}

const WAIT = { timeout: 60_000, interval: 250 };
const PASSWORD = 'correct horse battery';
const serverDir = tempDir('porchlight-routing-server-');
let server: SyncServerProcess;
let serverPort: number;
let jane: SessionResponse;
let apiKey: string;
let ann: Desktop;
let bob: Desktop;
let fub: FakeFollowUpBoss;

async function api<T>(
  path: string,
  init: { method?: string; token?: string; body?: unknown } = {},
): Promise<T> {
  const response = await fetch(`${server.url}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      'content-type': 'application/json',
      ...(init.token === undefined ? {} : { authorization: `Bearer ${init.token}` }),
    },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

async function desktopFor(email: string, name: string, extra: string[] = []): Promise<Desktop> {
  const invite = await api<{ code: string }>('/admin/agents', {
    method: 'POST',
    token: jane.accessToken,
    body: { email, name },
  });
  const dir = tempDir('porchlight-routing-shell-');
  const process = await startHeadless(['--data', dir.path, '--port', '0', '--no-demo', ...extra]);
  const invoke = httpInvoker(process.url);
  const { status } = await invoke('sync-sign-in', {
    serverUrl: server.url,
    email,
    code: invite.code,
    password: PASSWORD,
  });
  const agents = await api<{ agents: { id: string; email: string }[] }>('/admin/agents', {
    token: jane.accessToken,
  });
  const agentId = agents.agents.find((a) => a.email === email)?.id ?? '';
  expect(status.agent?.email).toBe(email);
  return { dir, process, invoke, agentId };
}

const setRules = (rules: RoutingRulesInput) =>
  api('/admin/routing', { method: 'PUT', token: jane.accessToken, body: rules });
const postLead = (lead: Record<string, unknown>) =>
  api<{ id: string; ownerId: string }>('/api/leads', { method: 'POST', token: apiKey, body: lead });
const ownerOn = async (desktop: Desktop, leadId: string) =>
  (await desktop.invoke('leads-get', { id: leadId }))?.ownerId;
const notesOn = async (desktop: Desktop, leadId: string) =>
  (await desktop.invoke('messages-for-lead', { leadId }))
    .filter((m) => m.channel === 'note')
    .map((m) => m.body);

const startServer = () =>
  startSyncServerProcess(serverDir.path, serverPort, { SYNC_PUBLIC_URL: `http://127.0.0.1:${serverPort}` });
const openTasksOf = async (desktop: Desktop) => {
  const today = await desktop.invoke('tasks-today', {});
  return [...today.overdue, ...today.dueToday].filter((t) => t.status === 'open');
};

beforeAll(async () => {
  const code = await initTeam(serverDir.path, 'Lakeside Realty', 'jane@example.com');
  serverPort = await freePort();
  server = await startServer();
  jane = await api<SessionResponse>('/auth/redeem', {
    method: 'POST',
    body: { email: 'jane@example.com', code, password: PASSWORD },
  });
  apiKey = (
    await api<{ key: string }>('/admin/api-keys', {
      method: 'POST',
      token: jane.accessToken,
      body: { name: 'Website' },
    })
  ).key;
  fub = await startFakeFollowUpBoss();
  [ann, bob] = await Promise.all([
    desktopFor('ann@example.com', 'Ann Agent', ['--fub-api', fub.baseUrl]),
    desktopFor('bob@example.com', 'Bob Agent'),
  ]);
}, 180_000);

afterAll(async () => {
  await Promise.all([ann, bob].map((desktop) => desktop?.process.stop()));
  await server?.stop();
  await fub?.close();
  for (const desktop of [ann, bob]) desktop?.dir.remove();
  serverDir.remove();
});

describe('team routing between two agents’ desktops and the server', () => {
  it(
    'offers a lead to both; taken at once from both desktops, it has one owner',
    { timeout: 120_000 },
    async () => {
      await setRules({ mode: 'first_to_claim' });
      const lead = await postLead({ firstName: 'Dana', lastName: 'Reyes', email: 'dana@example.com' });
      expect(lead.ownerId).toBe('team-pool');
      for (const desktop of [ann, bob])
        await expect.poll(() => ownerOn(desktop, lead.id), WAIT).toBe('team-pool');
      const takes = await Promise.allSettled(
        [ann, bob].map((d) => d.invoke('team-lead-take', { leadId: lead.id })),
      );
      const won = takes.filter((t) => t.status === 'fulfilled');
      const lost = takes.filter((t): t is PromiseRejectedResult => t.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect(String(lost[0]?.reason)).toContain('Another agent took this lead first');
      const winner = takes[0]?.status === 'fulfilled' ? ann : bob;
      await expect.poll(() => ownerOn(winner, lead.id), WAIT).toBe(winner.agentId);
      await expect
        .poll(async () => (await notesOn(winner, lead.id)).some((n) => n.startsWith('Taken by')), WAIT)
        .toBe(true);
    },
  );

  it(
    'escalates a lead nobody takes to an agent, whose desktop gets it with a to-do',
    { timeout: 150_000 },
    async () => {
      await setRules({ mode: 'first_to_claim', escalation: { afterMinutes: 1, to: 'next_agent' } });
      const lead = await postLead({ firstName: 'Eli', lastName: 'Stone', email: 'eli@example.com' });
      const escalated = async () => {
        for (const desktop of [ann, bob])
          if ((await ownerOn(desktop, lead.id)) === desktop.agentId) return desktop;
        return undefined;
      };
      await expect.poll(escalated, { timeout: 120_000, interval: 1000 }).toBeDefined();
      const holder = (await escalated()) as Desktop;
      const notes = await notesOn(holder, lead.id);
      expect(notes.some((n) => /^Escalated to .+: nobody took it within 1 minute\.$/.test(n))).toBe(true);
      const tasks = await holder.invoke('tasks-for-lead', { leadId: lead.id });
      expect(tasks.some((t) => t.status === 'open' && t.title.startsWith('Escalated to you'))).toBe(true);
    },
  );

  it('an agent who pauses from their desktop gets no new leads', { timeout: 60_000 }, async () => {
    await setRules({ mode: 'round_robin' });
    const view = await bob.invoke('team-receiving-set', { paused: true });
    expect(view.agents.find((a) => a.id === bob.agentId)?.paused).toBe(true);
    const owners = [];
    for (let i = 0; i < 3; i += 1)
      owners.push((await postLead({ firstName: `Pat${i}`, email: `pat${i}@example.com` })).ownerId);
    expect(owners).toEqual([ann.agentId, ann.agentId, ann.agentId]);
    await bob.invoke('team-receiving-set', { paused: false });
  });

  it(
    'a lead Ann types in goes to the team’s rules once it syncs; the one she kept stays hers',
    { timeout: 90_000 },
    async () => {
      await setRules({
        rules: [{ id: 'north', name: 'North side', zips: ['60614'], agentIds: [bob.agentId] }],
      });
      const handed = await ann.invoke('leads-create', {
        lead: { firstName: 'Nora', lastName: 'Hale', email: 'nora@example.com', address: { zip: '60614' } },
        owner: 'team',
      });
      const kept = await ann.invoke('leads-create', {
        lead: { firstName: 'Kim', lastName: 'Lee', email: 'kim@example.com', address: { zip: '60614' } },
        owner: 'mine',
      });
      expect(handed.lead.ownerId).toBe('team-pool');
      await expect.poll(() => ownerOn(bob, handed.lead.id), WAIT).toBe(bob.agentId);
      // The note replicates on its own, just after the lead.
      await expect
        .poll(() => notesOn(bob, handed.lead.id), WAIT)
        .toContain('Routed to Bob Agent by the rule “North side” (round robin).');
      expect(await ownerOn(ann, kept.lead.id)).toBe(ann.agentId);
      expect(await ownerOn(bob, kept.lead.id)).toBeUndefined();
    },
  );

  it(
    'a CSV import for the team is offered lead by lead, with one to-do per agent',
    { timeout: 120_000 },
    async () => {
      await setRules({ mode: 'first_to_claim' });
      const rows = 30;
      const id = await importOverHttp(ann.invoke, fubCsv(rows), {
        fileName: 'open-house.csv',
        duplicates: 'create',
        owner: 'team',
        wait: WAIT,
      });
      const imported = (await ann.invoke('imports-get', { id }))?.counts.imported ?? 0;
      expect(imported).toBeGreaterThan(rows / 2);
      const importTodos = async (desktop: Desktop) =>
        (await openTasksOf(desktop)).filter((t) => t.title.startsWith('From an import:'));
      for (const desktop of [ann, bob]) {
        await expect.poll(async () => (await importTodos(desktop)).length, WAIT).toBe(1);
        const [todo] = await importTodos(desktop);
        expect(todo?.title).toMatch(/^From an import: \d+ leads? offered to you to take$/);
      }
      // Its count grows as the rest of the import arrives, until it names every lead.
      const offered = async () => Number(/(\d+) lead/.exec((await importTodos(bob))[0]?.title ?? '')?.[1]);
      await expect.poll(offered, WAIT).toBe(imported);
      expect(await importTodos(bob)).toHaveLength(1);
    },
  );

  it(
    'a lead typed in while the server is out of reach is routed when it syncs',
    { timeout: 150_000 },
    async () => {
      await setRules({ mode: 'round_robin', pausedAgentIds: [ann.agentId] });
      await server.stop();
      await expect.poll(async () => (await ann.invoke('sync-status', {})).state, WAIT).toBe('offline');
      const made = await ann.invoke('leads-create', {
        lead: { firstName: 'Omar', lastName: 'Diaz', email: 'omar.diaz@example.com' },
        owner: 'team',
      });
      expect(await ownerOn(ann, made.lead.id)).toBe('team-pool');
      server = await startServer();
      await expect
        .poll(() => ownerOn(bob, made.lead.id), { timeout: 120_000, interval: 500 })
        .toBe(bob.agentId);
      await expect
        .poll(() => notesOn(bob, made.lead.id), WAIT)
        .toContain('Routed to Bob Agent by the team (round robin).');
    },
  );

  it(
    'Ann undoes an import she handed to the team: the leads routed to Bob leave his desktop too',
    { timeout: 150_000 },
    async () => {
      await setRules({ mode: 'round_robin', pausedAgentIds: [ann.agentId] });
      const id = await importOverHttp(ann.invoke, fubCsv(6), {
        fileName: 'undo-me.csv',
        duplicates: 'create',
        owner: 'team',
        wait: WAIT,
      });
      const ids = Array.from({ length: 6 }, (_, i) => `${id}-r${i + 2}`);
      // Every lead goes to Bob (Ann is paused) and leaves Ann's desktop.
      const onBob = async () =>
        (await Promise.all(ids.map((leadId) => ownerOn(bob, leadId)))).filter((o) => o === bob.agentId)
          .length;
      await expect.poll(onBob, WAIT).toBe(6);
      const onAnn = async () =>
        (await Promise.all(ids.map((leadId) => ownerOn(ann, leadId)))).filter((o) => o !== undefined).length;
      await expect.poll(onAnn, WAIT).toBe(0);
      const importTodo = async () =>
        (await openTasksOf(bob)).filter((t) => t.title === 'From an import: 6 leads routed to you').length;
      await expect.poll(importTodo, WAIT).toBe(1);

      const undone = await ann.invoke('imports-undo', { id });
      expect(undone.removed).toBe(6);
      expect(undone.batch.state).toBe('undone');
      const binnedOnBob = async () =>
        (await Promise.all(ids.map((leadId) => bob.invoke('leads-get', { id: leadId })))).filter(
          (lead) => lead !== null && lead.deletedAt > 0,
        ).length;
      await expect.poll(binnedOnBob, WAIT).toBe(6);
      await expect
        .poll(() => notesOn(bob, ids[0] ?? ''), WAIT)
        .toContain('Moved to the bin: Ann Agent undid the import this lead came from.');
      await expect.poll(importTodo, WAIT).toBe(0);
    },
  );

  it(
    'a Follow Up Boss person routed to Bob and changed again is left to him, not made again',
    { timeout: 150_000 },
    async () => {
      await setRules({ mode: 'round_robin', pausedAgentIds: [ann.agentId] });
      fub.put({
        id: 501,
        firstName: 'Petra',
        lastName: 'Quinn',
        stage: 'Lead',
        source: 'Zillow',
        emails: [{ value: 'petra.quinn@example.com', isPrimary: true }],
        phones: [{ value: '(612) 555-0501', isPrimary: true }],
      });
      await ann.invoke('fub-connect', { apiKey: fub.apiKey, writeBack: false });
      // Connecting starts an import at once; the person becomes a lead in the team pool.
      await ann.invoke('fub-sync-now', {});
      await expect.poll(() => ownerOn(bob, 'fub-501'), WAIT).toBe(bob.agentId);
      await expect.poll(() => ownerOn(ann, 'fub-501'), WAIT).toBeUndefined();

      fub.put({
        id: 501,
        firstName: 'Petra',
        lastName: 'Quinn',
        stage: 'Prospect',
        source: 'Zillow',
        emails: [{ value: 'petra.quinn@example.com', isPrimary: true }],
        phones: [{ value: '(612) 555-0501', isPrimary: true }],
      });
      const again = await ann.invoke('fub-sync-now', {});
      expect(again.lastPoll).toMatchObject({ read: 1, created: 0, teammates: 1 });
      expect(await ownerOn(ann, 'fub-501')).toBeUndefined();
      // Nothing was pushed that the server had to refuse.
      const status = await ann.invoke('sync-status', {});
      expect(status.lastError).toBeNull();
      expect(await ownerOn(bob, 'fub-501')).toBe(bob.agentId);
    },
  );
});
