// Lead routing on the server, in-process (app.request) with the test clock, on SQLite and
// PostgreSQL: rules by area, price band and source with round robin inside a group; pausing;
// first to claim (two takes at once: one wins); escalation after N minutes to the next agent
// and then to the admin; every decision on the lead's timeline; only admins edit the rules.
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Lead, Message, Task } from '../../src-shared/domain';
import type { RoutingRulesInput } from '../../src-shared/routing';
import type { PullResponse, SessionResponse } from '../../src-shared/sync';
import { serverBackends, stopSharedPostgres } from '../../test/sync/backends';
import { bearer, jsonInit } from '../../test/sync/harness';
import { teamEngineFixture, type TeamEngineFixture } from '../../test/sync/team-engine-harness';
import { escalateDue } from './escalate';

afterAll(stopSharedPostgres);

describe.each(serverBackends())('lead routing on $name', (backend) => {
  let f: TeamEngineFixture;
  let key: string;
  let bob: SessionResponse;
  let cy: SessionResponse;
  beforeEach(async () => {
    if (!backend.available) return;
    f = await teamEngineFixture(backend);
    bob = await f.team.agent(`bob-${Math.random().toString(36).slice(2, 8)}@example.com`);
    cy = await f.team.agent(`cy-${Math.random().toString(36).slice(2, 8)}@example.com`);
    const made = await f.test.app.request('/admin/api-keys', jsonInit(f.team.admin, 'POST', { name: 'Web' }));
    key = ((await made.json()) as { key: string }).key;
  });
  afterEach(async () => {
    if (backend.available) await f.dispose();
  });

  const setRules = (rules: RoutingRulesInput, session = f.team.admin) =>
    f.test.app.request('/admin/routing', jsonInit(session, 'PUT', rules));
  const post = async (lead: Record<string, unknown>): Promise<{ id: string; ownerId: string }> => {
    const response = await f.test.app.request('/api/leads', {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify(lead),
    });
    expect(response.status).toBe(201);
    return (await response.json()) as { id: string; ownerId: string };
  };
  async function pull<T>(collection: string, session = f.team.admin): Promise<T[]> {
    const response = await f.test.app.request(`/sync/${collection}/pull?seq=0&limit=1000`, {
      headers: bearer(session),
    });
    return ((await response.json()) as PullResponse).documents as unknown as T[];
  }
  const notes = async (leadId: string): Promise<string[]> =>
    (await f.storage.findByField(f.team.teamId, 'messages', 'leadId', leadId))
      .map((row) => row.doc as unknown as Message)
      .filter((m) => m.channel === 'note')
      .sort((a, b) => a.createdAt - b.createdAt || a.body.localeCompare(b.body))
      .map((m) => m.body);
  // Read from storage: the test clock runs past the sessions' lifetime.
  const owner = async (leadId: string): Promise<string | undefined> => {
    const row = (await f.storage.readDocuments(f.team.teamId, 'leads', [leadId])).get(leadId);
    return row === undefined ? undefined : String(row.doc.ownerId);
  };
  const ann = () => f.ann.agent.id;

  it.skipIf(!backend.available)(
    'rules by area, price band and source; round robin inside a group',
    async () => {
      expect(
        (
          await setRules({
            rules: [
              { id: 'lux', name: 'Luxury', priceMin: 1_000_000, agentIds: [cy.agent.id] },
              {
                id: 'north',
                name: 'North side',
                zips: ['60614'],
                cities: [],
                agentIds: [ann(), bob.agent.id],
              },
              { id: 'zillow', name: 'Zillow', sources: ['zillow'], agentIds: [bob.agent.id] },
            ],
          })
        ).status,
      ).toBe(200);
      const lux = await post({
        firstName: 'A',
        email: 'a@example.com',
        priceMax: 1_500_000,
        address: { zip: '60614' },
      });
      const north1 = await post({ firstName: 'B', email: 'b@example.com', address: { zip: '60614' } });
      const north2 = await post({ firstName: 'C', email: 'c@example.com', address: { zip: '60614' } });
      const zillow = await post({ firstName: 'D', email: 'd@example.com', source: 'zillow' });
      expect(lux.ownerId).toBe(cy.agent.id);
      expect(new Set([north1.ownerId, north2.ownerId])).toEqual(new Set([ann(), bob.agent.id]));
      expect(zillow.ownerId).toBe(bob.agent.id);
      expect(await notes(lux.id)).toEqual([`Routed to ${cy.agent.name} by the rule “Luxury” (round robin).`]);
    },
  );

  it.skipIf(!backend.available)('a paused agent gets nothing until they resume', async () => {
    const paused = await f.test.app.request('/team/receiving', jsonInit(f.ann, 'PUT', { paused: true }));
    expect(((await paused.json()) as { agents: { id: string; paused: boolean }[] }).agents).toContainEqual(
      expect.objectContaining({ id: ann(), paused: true }),
    );
    const owners = [];
    for (let i = 0; i < 4; i += 1)
      owners.push((await post({ firstName: `P${i}`, email: `p${i}@example.com` })).ownerId);
    expect(owners).not.toContain(ann());
    await f.test.app.request('/team/receiving', jsonInit(f.ann, 'PUT', { paused: false }));
    const after = [];
    for (let i = 0; i < 3; i += 1)
      after.push((await post({ firstName: `Q${i}`, email: `q${i}@example.com` })).ownerId);
    expect(after).toContain(ann());
  });

  it.skipIf(!backend.available)(
    'first to claim: offered to the group, two takes at once, one owner',
    async () => {
      await setRules({ mode: 'first_to_claim' });
      const lead = await post({ firstName: 'Eve', email: 'eve@example.com' });
      expect(lead.ownerId).toBe('team-pool');
      const offers = (await pull<Task>('tasks')).filter((t) => t.leadId === lead.id);
      expect(offers.map((t) => t.ownerId).sort()).toEqual([ann(), bob.agent.id, cy.agent.id].sort());
      const takes = await Promise.all(
        [f.ann, bob].map(async (s) =>
          f.test.app.request(`/team/leads/${lead.id}/take`, jsonInit(s, 'POST', {})),
        ),
      );
      expect(takes.map((r) => r.status).sort()).toEqual([200, 409]);
      const winner = takes[0]?.status === 200 ? ann() : bob.agent.id;
      expect(await owner(lead.id)).toBe(winner);
      const offered = (await pull<Task>('tasks')).filter((t) => t.leadId === lead.id);
      expect(offered.filter((t) => t.status === 'open')).toEqual([]);
      expect(offered.filter((t) => t.status === 'done').map((t) => t.ownerId)).toEqual([winner]);
      expect((await notes(lead.id)).at(-1)).toMatch(/^Taken by .+ \(first to claim\)\.$/);
    },
  );

  it.skipIf(!backend.available)(
    'nobody takes it: after N minutes it goes to the first of the group, then on',
    async () => {
      await setRules({ mode: 'first_to_claim', escalation: { afterMinutes: 10, to: 'next_agent' } });
      const lead = await post({ firstName: 'Fay', email: 'fay@example.com' });
      f.clock.advance(9 * 60_000);
      expect(await escalateDue(f.storage, f.clock.now())).toBe(0);
      f.clock.advance(60_000);
      expect(await escalateDue(f.storage, f.clock.now())).toBe(1);
      const first = await owner(lead.id);
      expect(first).not.toBe('team-pool');
      // Its new agent does not answer either: it moves on to the next one, once.
      f.clock.advance(10 * 60_000);
      expect(await escalateDue(f.storage, f.clock.now())).toBe(1);
      const second = await owner(lead.id);
      expect(second).not.toBe(first);
      expect((await notes(lead.id)).filter((n) => n.startsWith('Escalated to'))).toHaveLength(2);
      expect(await escalateDue(f.storage, f.clock.now())).toBe(0);
    },
  );

  it.skipIf(!backend.available)('an answered lead does not escalate; escalation to the admin', async () => {
    await setRules({ escalation: { afterMinutes: 5, to: 'admin' } });
    const answered = await post({ firstName: 'Gil', email: 'gil@example.com', stage: 'new' });
    const silent = await post({ firstName: 'Hal', email: 'hal@example.com' });
    const leads = await pull<Lead>('leads');
    const gil = leads.find((l) => l.id === answered.id) as Lead;
    const session = [f.ann, bob, cy].find((s) => s.agent.id === gil.ownerId) ?? f.ann;
    await f.test.app.request(
      '/sync/leads/push',
      jsonInit(session, 'POST', {
        rows: [
          {
            assumedMasterState: gil,
            newDocumentState: { ...gil, stage: 'contacted', updatedAt: gil.updatedAt + 1 },
          },
        ],
      }),
    );
    f.clock.advance(5 * 60_000);
    expect(await escalateDue(f.storage, f.clock.now())).toBe(1);
    expect(await owner(answered.id)).toBe(gil.ownerId);
    expect(await owner(silent.id)).toBe(f.team.admin.agent.id);
  });

  it.skipIf(!backend.available)(
    'only an admin edits the rules; unknown agents and bad bands are refused',
    async () => {
      expect((await setRules({ mode: 'first_to_claim' }, f.ann)).status).toBe(403);
      const stranger = await setRules({ rules: [{ id: 'x', name: 'X', agentIds: ['agent-nobody'] }] });
      expect(stranger.status).toBe(400);
      expect(((await stranger.json()) as { message: string }).message).toContain('not an agent of your team');
      const band = await setRules({
        rules: [{ id: 'x', name: 'X', priceMin: 9, priceMax: 1, agentIds: [ann()] }],
      });
      expect(band.status).toBe(400);
      const view = await f.test.app.request('/team/routing', { headers: bearer(f.ann) });
      expect(((await view.json()) as { rules: { mode: string } }).rules.mode).toBe('round_robin');
    },
  );
});
