// Undoing a desktop's import for the team, in-process with the test clock, on SQLite and
// PostgreSQL: the leads the rules gave to teammates go to the bin with a note, their offers and
// the import's to-dos are settled, only the agent who handed the import in (or an admin) may
// undo it, only leads the import made are touched, and a second undo changes nothing.
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

describe.each(serverBackends())('undoing an import handed to the team on $name', (backend) => {
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
  const importId = 'imp-9';
  /** Ann's desktop pushes rows 2..(n+1) of her import, in the pool. */
  const pushImport = async (count: number): Promise<string[]> => {
    const leads: Lead[] = Array.from({ length: count }, (_, i) =>
      leadDoc(f.team.teamId, 'team-pool', `${importId}-r${i + 2}`, {
        email: `row${i + 2}@example.com`,
        phone: undefined,
        importId,
        source: 'import',
      }),
    );
    const response = await f.test.app.request(
      '/sync/leads/push',
      jsonInit(f.ann, 'POST', { rows: leads.map((lead) => ({ newDocumentState: lead })) }),
    );
    expect(response.status).toBe(200);
    expect(await routeHandedLeads(f.storage, f.team.teamId, f.clock.now())).toBe(count);
    return leads.map((lead) => lead.id);
  };
  const undo = (session: SessionResponse, leadIds: string[]) =>
    f.test.app.request(`/team/imports/${importId}/undo`, jsonInit(session, 'POST', { leadIds }));
  const lead = async (id: string): Promise<Lead> =>
    (await f.storage.readDocuments(f.team.teamId, 'leads', [id])).get(id)?.doc as unknown as Lead;
  const notes = async (leadId: string): Promise<string[]> =>
    (await f.storage.findByField(f.team.teamId, 'messages', 'leadId', leadId))
      .map((row) => row.doc as unknown as Message)
      .filter((m) => m.channel === 'note')
      .map((m) => m.body);
  const tasksOf = async (agentId: string): Promise<Task[]> =>
    (await f.storage.changesSince(f.team.teamId, 'tasks', 0, 5000, [agentId])).map(
      (row) => row.doc as unknown as Task,
    );

  it.skipIf(!backend.available)(
    'round robin: the leads given to a teammate go to the bin, with a note and the to-do cancelled',
    async () => {
      await setRules({ mode: 'round_robin' });
      const ids = await pushImport(6);
      const bobs = [];
      for (const id of ids) if ((await lead(id)).ownerId === bob.agent.id) bobs.push(id);
      expect(bobs).toHaveLength(3);
      expect((await tasksOf(bob.agent.id)).map((t) => [t.title, t.status])).toEqual([
        ['From an import: 3 leads routed to you', 'open'],
      ]);
      // Bob did not hand this import in: he may not undo it.
      const refused = await undo(bob, bobs);
      expect(refused.status).toBe(404);
      expect(((await refused.json()) as { code: string }).code).toBe('not_your_import');
      expect((await lead(bobs[0] ?? '')).deletedAt).toBe(0);
      // Ann names Bob's three and a lead the import did not make: only the three go.
      const answer = await undo(f.ann, [...bobs, 'lead-someone-else']);
      expect(answer.status).toBe(200);
      expect(await answer.json()).toEqual({ removed: 3 });
      for (const id of bobs) {
        const binned = await lead(id);
        expect(binned.deletedAt).toBe(f.clock.now());
        expect(binned.ownerId).toBe(bob.agent.id);
        expect(await notes(id)).toContain(
          `Moved to the bin: ${f.ann.agent.name} undid the import this lead came from.`,
        );
      }
      expect((await tasksOf(bob.agent.id)).map((t) => t.status)).toEqual(['cancelled']);
      // A second undo changes nothing.
      expect(await (await undo(f.ann, bobs)).json()).toEqual({ removed: 0 });
    },
  );

  it.skipIf(!backend.available)(
    'first to claim: the offers are withdrawn and nothing escalates; an admin may undo too',
    async () => {
      await setRules({ mode: 'first_to_claim', escalation: { afterMinutes: 10, to: 'next_agent' } });
      const ids = await pushImport(4);
      const answer = await undo(f.team.admin, ids);
      expect(await answer.json()).toEqual({ removed: 4 });
      const take = await f.test.app.request(`/team/leads/${ids[0] ?? ''}/take`, jsonInit(bob, 'POST', {}));
      expect(take.status).toBe(404);
      for (const agentId of [f.ann.agent.id, bob.agent.id])
        expect((await tasksOf(agentId)).filter((t) => t.status === 'open')).toEqual([]);
      f.clock.advance(11 * 60_000);
      expect(await escalateDue(f.storage, f.clock.now())).toBe(0);
    },
  );

  it.skipIf(!backend.available)('a request naming too many leads is refused, nothing binned', async () => {
    await setRules({ mode: 'round_robin' });
    const ids = await pushImport(2);
    const answer = await undo(
      f.ann,
      Array.from({ length: 1001 }, (_, i) => `${importId}-r${i + 2}`),
    );
    expect(answer.status).toBe(400);
    expect((await lead(ids[0] ?? '')).deletedAt).toBe(0);
  });
});
