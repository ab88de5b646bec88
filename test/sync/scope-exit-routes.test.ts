// SY-S6 over the routes (in-process): a lead reassigned away from an agent reaches that agent's
// pull once more as a tombstone that tells nothing of its new state, an edit they made to it
// offline comes back refused with the tombstone as its conflict, and everyone who still sees
// the lead keeps it whole. The storage rules beneath are SS15..SS18 (both backends).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PullResponse, PushResponse, SessionResponse } from '../../src-shared/sync';
import { isScopeExitTombstone } from '../../src-shared/sync';
import type { ServerStorage } from '../../src-sync/storage/server-storage';
import { leadDoc } from './documents';
import { bearer, createTeam, jsonInit, sqliteStorage, tempDir, testApp, type TeamSessions } from './harness';

let dir: ReturnType<typeof tempDir>;
let storage: ServerStorage;
let test: ReturnType<typeof testApp>;
let team: TeamSessions;

beforeEach(async () => {
  dir = tempDir();
  storage = await sqliteStorage(dir.path);
  test = testApp(storage);
  team = await createTeam(test);
});
afterEach(async () => {
  await storage.close();
  dir.remove();
});

async function push(session: SessionResponse, rows: unknown[]): Promise<PushResponse> {
  const response = await test.app.request('/sync/leads/push', jsonInit(session, 'POST', { rows }));
  expect(response.status).toBe(200);
  return (await response.json()) as PushResponse;
}
async function pull(session: SessionResponse, seq = 0): Promise<PullResponse> {
  const response = await test.app.request(`/sync/leads/pull?seq=${seq}`, { headers: bearer(session) });
  expect(response.status).toBe(200);
  return (await response.json()) as PullResponse;
}

describe('SY-S6 moving out of scope', () => {
  it('the former owner pulls a tombstone; the new owner and the admin keep the lead whole', async () => {
    const ann = await team.agent('ann@example.com');
    const bob = await team.agent('bob@example.com');
    const lead = leadDoc(team.teamId, ann.agent.id, 'lead-rosa', { firstName: 'Rosa', updatedAt: 2000 });
    await push(team.admin, [{ newDocumentState: lead }]);
    const seen = await pull(ann);
    expect(seen.documents.map((doc) => doc.firstName)).toEqual(['Rosa']);

    const moved = { ...lead, ownerId: bob.agent.id, notes: 'Call after six', updatedAt: 3000 };
    await push(team.admin, [{ assumedMasterState: lead, newDocumentState: moved }]);

    const after = await pull(ann, seen.checkpoint.seq);
    expect(after.documents).toHaveLength(1);
    const [tombstone] = after.documents;
    expect(tombstone).toMatchObject({ id: 'lead-rosa', _deleted: true, teamId: team.teamId });
    expect(isScopeExitTombstone('leads', tombstone ?? { _deleted: false })).toBe(true);
    // Nothing of the lead's new state reaches Ann: no name, no notes.
    expect(JSON.stringify(tombstone)).not.toMatch(/Rosa|Call after six|maria/);
    expect((await pull(ann, after.checkpoint.seq)).documents).toEqual([]);

    expect((await pull(bob)).documents).toEqual([expect.objectContaining({ notes: 'Call after six' })]);
    expect((await pull(team.admin)).documents).toEqual([
      expect.objectContaining({ firstName: 'Rosa', _deleted: false }),
    ]);
  });

  it('an offline edit by the former owner is refused, with the tombstone as its conflict; a stranger learns nothing', async () => {
    const ann = await team.agent('ann@example.com');
    const bob = await team.agent('bob@example.com');
    const cleo = await team.agent('cleo@example.com');
    const lead = leadDoc(team.teamId, ann.agent.id, 'lead-omar', { updatedAt: 2000 });
    await push(team.admin, [{ newDocumentState: lead }]);
    await push(team.admin, [
      { assumedMasterState: lead, newDocumentState: { ...lead, ownerId: bob.agent.id, updatedAt: 3000 } },
    ]);

    const edit = { ...lead, stage: 'contacted', updatedAt: 4000 };
    const answer = await push(ann, [{ assumedMasterState: lead, newDocumentState: edit }]);
    expect(answer.refused.map((r) => [r.id, r.code])).toEqual([['lead-omar', 'out_of_scope']]);
    expect(answer.refused[0]?.message).toMatch(/reassigned to a teammate/);
    expect(answer.conflicts).toHaveLength(1);
    expect(isScopeExitTombstone('leads', answer.conflicts[0] ?? { _deleted: false })).toBe(true);
    expect(
      (await storage.readDocuments(team.teamId, 'leads', ['lead-omar'])).get('lead-omar')?.doc,
    ).toMatchObject({ stage: 'new', ownerId: bob.agent.id, _deleted: false });

    const stranger = await push(cleo, [{ newDocumentState: { ...lead, ownerId: cleo.agent.id } }]);
    expect(stranger.conflicts).toEqual([]);
    expect(stranger.refused[0]?.message).not.toMatch(/reassigned/);
  });
});
