// Replication routes in-process (app.request): scope, per-document refusals, conflict rules.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PullResponse, PushResponse, SessionResponse } from '../../src-shared/sync';
import { TEAM_POOL_OWNER_ID } from '../../src-shared/sync';
import type { ServerStorage } from '../../src-sync/storage/server-storage';
import { leadDoc, messageDoc, suppressionDoc } from './documents';
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

async function push(session: SessionResponse, collection: string, rows: unknown[]): Promise<PushResponse> {
  const response = await test.app.request(`/sync/${collection}/push`, jsonInit(session, 'POST', { rows }));
  expect(response.status).toBe(200);
  return (await response.json()) as PushResponse;
}
async function pull(session: SessionResponse, collection: string, seq = 0): Promise<PullResponse> {
  const response = await test.app.request(`/sync/${collection}/pull?seq=${seq}`, {
    headers: bearer(session),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as PullResponse;
}
const ids = (body: PullResponse): unknown[] => body.documents.map((doc) => doc.id).sort();

describe('scope', () => {
  it('SY-S1 SY-S2 an agent sees their own and the pool’s leads; an admin sees all', async () => {
    const ann = await team.agent('ann@example.com');
    const bob = await team.agent('bob@example.com');
    await push(team.admin, 'leads', [
      { newDocumentState: leadDoc(team.teamId, ann.agent.id, 'lead-ann') },
      { newDocumentState: leadDoc(team.teamId, bob.agent.id, 'lead-bob') },
      { newDocumentState: leadDoc(team.teamId, TEAM_POOL_OWNER_ID, 'lead-pool') },
    ]);
    expect(ids(await pull(ann, 'leads'))).toEqual(['lead-ann', 'lead-pool']);
    expect(ids(await pull(bob, 'leads'))).toEqual(['lead-bob', 'lead-pool']);
    expect(ids(await pull(team.admin, 'leads'))).toEqual(['lead-ann', 'lead-bob', 'lead-pool']);
  });

  it('SY-S1 a write to another agent’s lead is refused per document, the rest stored', async () => {
    const ann = await team.agent('ann@example.com');
    const bob = await team.agent('bob@example.com');
    await push(bob, 'leads', [{ newDocumentState: leadDoc(team.teamId, bob.agent.id, 'lead-bob') }]);
    const answer = await push(ann, 'leads', [
      { newDocumentState: leadDoc(team.teamId, ann.agent.id, 'lead-bob', { firstName: 'Taken' }) },
      { newDocumentState: leadDoc(team.teamId, ann.agent.id, 'lead-ann') },
    ]);
    expect(answer.refused).toEqual([expect.objectContaining({ id: 'lead-bob', code: 'out_of_scope' })]);
    expect(answer.conflicts).toEqual([]);
    expect(ids(await pull(ann, 'leads'))).toEqual(['lead-ann']);
    expect((await pull(bob, 'leads')).documents[0]?.firstName).toBe('Maria');
  });

  it('a token of another team sees nothing of this team and cannot write into it', async () => {
    await push(team.admin, 'leads', [
      { newDocumentState: leadDoc(team.teamId, TEAM_POOL_OWNER_ID, 'lead-1') },
    ]);
    const other = await createTeam(test, 'Hilltop Homes');
    expect((await pull(other.admin, 'leads')).documents).toEqual([]);
    const answer = await push(other.admin, 'leads', [
      { newDocumentState: leadDoc(team.teamId, TEAM_POOL_OWNER_ID, 'lead-1', { firstName: 'X' }) },
    ]);
    expect(answer.refused).toEqual([expect.objectContaining({ code: 'wrong_team' })]);
    expect((await pull(team.admin, 'leads')).documents[0]?.firstName).toBe('Maria');
  });

  it('a deactivated agent is refused at once, with the access token they still hold', async () => {
    const ann = await team.agent('ann@example.com');
    const off = await test.app.request(
      `/admin/agents/${ann.agent.id}`,
      jsonInit(team.admin, 'PATCH', { active: false }),
    );
    expect(off.status).toBe(200);
    const response = await test.app.request('/sync/leads/pull', { headers: bearer(ann) });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ code: 'deactivated' });
    const refresh = await test.app.request('/auth/refresh', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken: ann.refreshToken }),
    });
    expect(refresh.status).toBeGreaterThanOrEqual(401);
  });

  it('SY-S5 device-only settings and admin-only collections are refused with the reason', async () => {
    const ann = await team.agent('ann@example.com');
    const base = { teamId: team.teamId, ownerId: ann.agent.id, updatedAt: 1, _deleted: false };
    const device = await push(team.admin, 'settings', [
      { newDocumentState: { ...base, id: 'channels.twilio', value: { from: '+1' } } },
    ]);
    expect(device.refused).toEqual([expect.objectContaining({ code: 'device_only' })]);
    const agentWrite = await push(ann, 'settings', [
      { newDocumentState: { ...base, id: 'engine', value: {} } },
    ]);
    expect(agentWrite.refused).toEqual([expect.objectContaining({ code: 'admin_only' })]);
    const adminWrite = await push(team.admin, 'settings', [
      { newDocumentState: { ...base, id: 'engine', value: {} } },
    ]);
    expect(adminWrite.refused).toEqual([]);
  });

  it('SY-P4 an invalid document is refused by field; the valid ones in the same push are stored', async () => {
    const answer = await push(team.admin, 'leads', [
      { newDocumentState: { ...leadDoc(team.teamId, TEAM_POOL_OWNER_ID, 'lead-bad'), score: 'high' } },
      { newDocumentState: leadDoc(team.teamId, TEAM_POOL_OWNER_ID, 'lead-good') },
    ]);
    expect(answer.refused).toEqual([expect.objectContaining({ id: 'lead-bad', code: 'invalid_document' })]);
    expect(answer.refused[0]?.message).toContain('score');
    expect(ids(await pull(team.admin, 'leads'))).toEqual(['lead-good']);
  });
});

describe('conflict rules', () => {
  it('SY-M1 a delivered message never returns to sent, even from a push without a conflict', async () => {
    const lead = leadDoc(team.teamId, TEAM_POOL_OWNER_ID, 'lead-1');
    const sent = messageDoc(lead, 'msg-1');
    await push(team.admin, 'messages', [{ newDocumentState: sent }]);
    const delivered = {
      ...sent,
      status: 'delivered',
      updatedAt: 2000,
      statusHistory: [...sent.statusHistory, { status: 'delivered', at: 2000 }],
    };
    await push(team.admin, 'messages', [{ assumedMasterState: sent, newDocumentState: delivered }]);
    const stale = await push(team.admin, 'messages', [
      { assumedMasterState: sent, newDocumentState: { ...sent, updatedAt: 3000 } },
    ]);
    expect(stale.conflicts[0]?.status).toBe('delivered');
    const back = await push(team.admin, 'messages', [
      { assumedMasterState: delivered, newDocumentState: { ...delivered, status: 'sent' } },
    ]);
    expect(back.conflicts[0]?.status).toBe('delivered');
    expect((await pull(team.admin, 'messages')).documents[0]?.status).toBe('delivered');
  });

  it('SY-M3 lead fields changed on two replicas merge field by field', async () => {
    const base = leadDoc(team.teamId, TEAM_POOL_OWNER_ID, 'lead-1');
    await push(team.admin, 'leads', [{ newDocumentState: base }]);
    await push(team.admin, 'leads', [
      { assumedMasterState: base, newDocumentState: { ...base, stage: 'qualified', updatedAt: 2000 } },
    ]);
    const answer = await push(team.admin, 'leads', [
      { assumedMasterState: base, newDocumentState: { ...base, notes: 'Wants a yard', updatedAt: 1500 } },
    ]);
    expect(answer.conflicts[0]).toMatchObject({ stage: 'qualified', notes: 'Wants a yard', updatedAt: 2000 });
  });

  it('SY-M4 a deletion wins over an edit only when it is newer', async () => {
    const base = leadDoc(team.teamId, TEAM_POOL_OWNER_ID, 'lead-1');
    await push(team.admin, 'leads', [{ newDocumentState: base }]);
    await push(team.admin, 'leads', [
      { assumedMasterState: base, newDocumentState: { ...base, stage: 'qualified', updatedAt: 3000 } },
    ]);
    const olderDelete = await push(team.admin, 'leads', [
      { assumedMasterState: base, newDocumentState: { ...base, updatedAt: 2000, _deleted: true } },
    ]);
    expect(olderDelete.conflicts[0]).toMatchObject({ _deleted: false, stage: 'qualified' });
    const newerDelete = await push(team.admin, 'leads', [
      { assumedMasterState: base, newDocumentState: { ...base, updatedAt: 4000, _deleted: true } },
    ]);
    expect(newerDelete.conflicts[0]).toMatchObject({ _deleted: true });
    expect((await pull(team.admin, 'leads')).documents[0]?._deleted).toBe(true);
  });

  it('SY-M2 a member’s deletion of a suppression comes back as the live suppression', async () => {
    const ann = await team.agent('ann@example.com');
    const stop = suppressionDoc(team.teamId, ann.agent.id, '+13125550142');
    await push(ann, 'suppressions', [{ newDocumentState: stop }]);
    const answer = await push(ann, 'suppressions', [
      { assumedMasterState: stop, newDocumentState: { ...stop, updatedAt: 5000, _deleted: true } },
    ]);
    expect(answer.conflicts[0]).toMatchObject({ _deleted: false });
    expect((await pull(ann, 'suppressions')).documents[0]?._deleted).toBe(false);
  });
});
