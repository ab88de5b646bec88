// Leads handed to the team by desktops (decision 0901), in-process (app.request) with the test
// clock, on SQLite and PostgreSQL: a lead a desktop put in the team pool is routed once it
// syncs, by the same rules as intake; a kept lead stays its maker's; a CSV import of many leads
// is routed lead by lead with one to-do per agent, and escalates with one to-do per agent; a
// lead made offline and pushed later is routed then; two passes at once route a lead once.
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Lead, Message, Task } from '../../src-shared/domain';
import type { RoutingRulesInput } from '../../src-shared/routing';
import type { SessionResponse } from '../../src-shared/sync';
import { serverBackends, stopSharedPostgres } from '../../test/sync/backends';
import { leadDoc } from '../../test/sync/documents';
import { jsonInit } from '../../test/sync/harness';
import { teamEngineFixture, type TeamEngineFixture } from '../../test/sync/team-engine-harness';
import { escalateDue } from './escalate';
import { routeHandedLeads } from './handed-leads';

afterAll(stopSharedPostgres);

describe.each(serverBackends())('leads handed to the team on $name', (backend) => {
  let f: TeamEngineFixture;
  let bob: SessionResponse;
  beforeEach(async () => {
    if (!backend.available) return;
    f = await teamEngineFixture(backend);
    bob = await f.team.agent(`bob-${Math.random().toString(36).slice(2, 8)}@example.com`);
  });
  afterEach(async () => {
    if (backend.available) await f.dispose();
  });

  const setRules = async (rules: RoutingRulesInput): Promise<void> => {
    const response = await f.test.app.request('/admin/routing', jsonInit(f.team.admin, 'PUT', rules));
    expect(response.status).toBe(200);
  };
  /** What Ann's desktop pushes when it syncs: new leads, in the pool unless she kept them. */
  const push = async (leads: Lead[], session: SessionResponse = f.ann): Promise<void> => {
    const response = await f.test.app.request(
      '/sync/leads/push',
      jsonInit(session, 'POST', { rows: leads.map((lead) => ({ newDocumentState: lead })) }),
    );
    expect(response.status).toBe(200);
    expect(((await response.json()) as { refused: unknown[] }).refused).toEqual([]);
  };
  const made = (id: string, patch: Partial<Lead> = {}, ownerId = 'team-pool'): Lead =>
    leadDoc(f.team.teamId, ownerId, id, { email: `${id}@example.com`, phone: undefined, ...patch });
  const route = () => routeHandedLeads(f.storage, f.team.teamId, f.clock.now());
  const owner = async (leadId: string): Promise<string | undefined> => {
    const row = (await f.storage.readDocuments(f.team.teamId, 'leads', [leadId])).get(leadId);
    return row === undefined ? undefined : String(row.doc.ownerId);
  };
  const notes = async (leadId: string): Promise<string[]> =>
    (await f.storage.findByField(f.team.teamId, 'messages', 'leadId', leadId))
      .map((row) => row.doc as unknown as Message)
      .filter((m) => m.channel === 'note')
      .sort((a, b) => a.createdAt - b.createdAt)
      .map((m) => m.body);
  const openTasks = async (agentId: string): Promise<Task[]> =>
    (await f.storage.changesSince(f.team.teamId, 'tasks', 0, 5000, [agentId]))
      .map((row) => row.doc as unknown as Task)
      .filter((t) => t.status === 'open');
  const ann = () => f.ann.agent.id;

  it.skipIf(!backend.available)(
    'a desktop’s new lead in the pool is routed by the rules once it syncs; a kept one stays',
    async () => {
      await setRules({
        rules: [{ id: 'north', name: 'North side', zips: ['60614'], agentIds: [bob.agent.id] }],
      });
      await push([
        made('lead-form', { address: { zip: '60614', country: 'US' }, source: 'manual' }),
        made('lead-kept', { address: { zip: '60614', country: 'US' }, source: 'manual' }, ann()),
      ]);
      expect(await route()).toBe(1);
      expect(await owner('lead-form')).toBe(bob.agent.id);
      expect(await notes('lead-form')).toEqual([
        `Routed to ${bob.agent.name} by the rule “North side” (round robin).`,
      ]);
      expect(await owner('lead-kept')).toBe(ann());
      expect(await notes('lead-kept')).toEqual([]);
      // Routed once: another pass, or an edit of the routed lead, changes nothing.
      expect(await route()).toBe(0);
      expect(await owner('lead-form')).toBe(bob.agent.id);
    },
  );

  it.skipIf(!backend.available)('two passes at once route a lead once', async () => {
    await setRules({ mode: 'round_robin' });
    await push([made('lead-race')]);
    const counts = await Promise.all([route(), route(), route()]);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(1);
    expect((await notes('lead-race')).filter((n) => n.startsWith('Routed to'))).toHaveLength(1);
  });

  it.skipIf(!backend.available)(
    'a CSV import of 40 leads, first to claim: every lead offered, one to-do per agent, not 40',
    async () => {
      await setRules({ mode: 'first_to_claim', escalation: { afterMinutes: 30, to: 'next_agent' } });
      const batch = Array.from({ length: 40 }, (_, i) =>
        made(`lead-csv-${i}`, { importId: 'import-1', source: 'import' }),
      );
      // The desktop pushes the import in two pieces, routed in two passes: still one to-do each.
      await push(batch.slice(0, 25));
      expect(await route()).toBe(25);
      await push(batch.slice(25));
      expect(await route()).toBe(15);
      for (const agentId of [ann(), bob.agent.id]) {
        const tasks = await openTasks(agentId);
        expect(tasks.map((t) => t.title)).toEqual(['From an import: 40 leads offered to you to take']);
        expect(tasks[0]?.leadId).toBeUndefined();
      }
      expect(await owner('lead-csv-7')).toBe('team-pool');
      expect((await notes('lead-csv-7'))[0]).toMatch(
        /^Offered by the team to .+: the first to take it owns it\.$/,
      );
      // Bob takes one; after 30 minutes the other 39 escalate with one to-do for whoever gets them.
      const take = await f.test.app.request('/team/leads/lead-csv-7/take', jsonInit(bob, 'POST', {}));
      expect(take.status).toBe(200);
      f.clock.advance(30 * 60_000);
      expect(await escalateDue(f.storage, f.clock.now())).toBe(39);
      const escalated = [...(await openTasks(ann())), ...(await openTasks(bob.agent.id))].filter((t) =>
        t.title.startsWith('Escalated to you'),
      );
      expect(escalated).toHaveLength(1);
      expect(escalated[0]?.title).toBe('Escalated to you: 39 imported leads are waiting for an answer');
    },
  );

  it.skipIf(!backend.available)(
    'a CSV import by round robin: the leads are shared out, one to-do per agent',
    async () => {
      await setRules({ mode: 'round_robin' });
      await push(
        Array.from({ length: 10 }, (_, i) =>
          made(`lead-rr-${i}`, { importId: 'import-2', source: 'import' }),
        ),
      );
      expect(await route()).toBe(10);
      const owners = await Promise.all(Array.from({ length: 10 }, (_, i) => owner(`lead-rr-${i}`)));
      const annCount = owners.filter((o) => o === ann()).length;
      expect(annCount + owners.filter((o) => o === bob.agent.id).length).toBe(10);
      expect(annCount).toBe(5);
      expect((await openTasks(ann())).map((t) => t.title)).toEqual(['From an import: 5 leads routed to you']);
    },
  );

  it.skipIf(!backend.available)(
    'a lead made on a desktop while offline is routed when it syncs, hours later',
    async () => {
      await setRules({ mode: 'first_to_claim', escalation: { afterMinutes: 10, to: 'next_agent' } });
      // Made at the open house at 10:00 with no network; the desktop is back online at 14:00.
      const madeAt = f.clock.now();
      f.clock.advance(4 * 60 * 60_000);
      expect(await route()).toBe(0);
      // Back online, the desktop renews its sign-in first, as it does after a long absence.
      const renewed = await f.test.app.request('/auth/refresh', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ refreshToken: f.ann.refreshToken }),
      });
      expect(renewed.status).toBe(200);
      const session = (await renewed.json()) as SessionResponse;
      await push([made('lead-offline', { createdAt: madeAt, updatedAt: madeAt })], session);
      expect(await route()).toBe(1);
      expect((await notes('lead-offline'))[0]).toMatch(/^Offered by the team/);
      // Its escalation counts from when the server routed it, not from when it was made.
      f.clock.advance(9 * 60_000);
      expect(await escalateDue(f.storage, f.clock.now())).toBe(0);
      f.clock.advance(60_000);
      expect(await escalateDue(f.storage, f.clock.now())).toBe(1);
      expect(await owner('lead-offline')).not.toBe('team-pool');
    },
  );

  it.skipIf(!backend.available)(
    'everyone paused: the leads wait in the pool, and are routed once an agent resumes',
    async () => {
      await setRules({
        mode: 'round_robin',
        pausedAgentIds: [ann(), bob.agent.id, f.team.admin.agent.id],
      });
      await push([
        made('lead-nobody'),
        ...Array.from({ length: 3 }, (_, i) =>
          made(`lead-wait-${i}`, { importId: 'import-3', source: 'import' }),
        ),
      ]);
      expect(await route()).toBe(4);
      expect(await owner('lead-nobody')).toBe('team-pool');
      const waitingNote =
        'Nobody could be given this lead (every agent is paused or inactive): it waits in the team pool.';
      expect(await notes('lead-nobody')).toEqual([waitingNote]);
      // Still nobody: another pass moves nothing and writes no second note.
      expect(await route()).toBe(0);
      expect(await notes('lead-nobody')).toEqual([waitingNote]);
      // Ann takes one herself meanwhile; Bob resumes from his desktop: the others go to him.
      const take = await f.test.app.request(
        '/team/leads/lead-wait-2/take',
        jsonInit(f.team.admin, 'POST', {}),
      );
      expect(take.status).toBe(404);
      await f.storage.writeDocuments(f.team.teamId, 'leads', ['lead-wait-2'], (current) => {
        const row = current.get('lead-wait-2');
        return {
          writes: [
            { id: 'lead-wait-2', ownerId: ann(), doc: { ...row?.doc, ownerId: ann(), _deleted: false } },
          ],
          result: undefined,
        };
      });
      f.clock.advance(60_000);
      const resumed = await f.test.app.request('/team/receiving', jsonInit(bob, 'PUT', { paused: false }));
      expect(resumed.status).toBe(200);
      expect(await route()).toBe(3);
      for (const id of ['lead-nobody', 'lead-wait-0', 'lead-wait-1'])
        expect(await owner(id)).toBe(bob.agent.id);
      expect(await owner('lead-wait-2')).toBe(ann());
      expect(await notes('lead-nobody')).toEqual([
        waitingNote,
        `Routed to ${bob.agent.name} by the team (round robin).`,
      ]);
      // The imported two are told once; the single lead as any routed lead (a note, no to-do).
      expect((await openTasks(bob.agent.id)).map((t) => t.title)).toEqual([
        'From an import: 2 leads routed to you',
      ]);
      // Routed once: three passes at once after that route nothing more.
      expect((await Promise.all([route(), route(), route()])).reduce((a, b) => a + b, 0)).toBe(0);
    },
  );

  it.skipIf(!backend.available)(
    'two passes at once route a waiting lead once when an agent resumes',
    async () => {
      await setRules({ mode: 'round_robin', pausedAgentIds: [ann(), bob.agent.id, f.team.admin.agent.id] });
      await push([made('lead-wait-race')]);
      expect(await route()).toBe(1);
      await setRules({ mode: 'round_robin', pausedAgentIds: [f.team.admin.agent.id] });
      const counts = await Promise.all([route(), route(), route()]);
      expect(counts.reduce((a, b) => a + b, 0)).toBe(1);
      expect((await notes('lead-wait-race')).filter((n) => n.startsWith('Routed to'))).toHaveLength(1);
    },
  );
});
