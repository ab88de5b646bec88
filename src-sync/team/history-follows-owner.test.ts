// A lead's history follows its owner (history-follows-owner.ts), in-process on SQLite and
// PostgreSQL: an admin reassigns Ann's lead to Bob; its message, task and enrollment move to
// Bob (his replica pulls them), Ann's replica is told they left her scope, and a second pass
// moves nothing.
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Lead } from '../../src-shared/domain';
import type { PullResponse, SessionResponse } from '../../src-shared/sync';
import { serverBackends, stopSharedPostgres } from '../../test/sync/backends';
import { leadDoc, messageDoc } from '../../test/sync/documents';
import { bearer, jsonInit } from '../../test/sync/harness';
import { teamEngineFixture, type TeamEngineFixture } from '../../test/sync/team-engine-harness';
import { followLeadOwners } from './history-follows-owner';

afterAll(stopSharedPostgres);

describe.each(serverBackends())('a lead’s history follows its owner on $name', (backend) => {
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

  const push = async (session: SessionResponse, collection: string, docs: unknown[]): Promise<void> => {
    const response = await f.test.app.request(
      `/sync/${collection}/push`,
      jsonInit(session, 'POST', { rows: docs.map((doc) => ({ newDocumentState: doc })) }),
    );
    expect(response.status).toBe(200);
    expect(((await response.json()) as { refused: unknown[] }).refused).toEqual([]);
  };
  const pull = async (session: SessionResponse, collection: string): Promise<PullResponse['documents']> => {
    const response = await f.test.app.request(`/sync/${collection}/pull?seq=0&limit=500`, {
      headers: bearer(session),
    });
    return ((await response.json()) as PullResponse).documents;
  };
  const ownerOf = async (collection: string, id: string): Promise<unknown> =>
    (await f.storage.readDocuments(f.team.teamId, collection, [id])).get(id)?.doc.ownerId;

  it.skipIf(!backend.available)(
    'HF1: reassigned by the admin, the lead’s message, task and enrollment move to the new owner',
    async () => {
      const ann = f.ann.agent.id;
      const lead: Lead = leadDoc(f.team.teamId, ann, 'lead-hf1', { email: 'maria@example.com' });
      const base = { teamId: f.team.teamId, ownerId: ann, updatedAt: 1000, leadId: lead.id, demo: false };
      await push(f.ann, 'leads', [lead]);
      await push(f.ann, 'messages', [messageDoc(lead, 'msg-hf1')]);
      await push(f.ann, 'tasks', [
        {
          ...base,
          id: 'task-hf1',
          kind: 'call',
          title: 'Call Maria',
          dueAt: 5000,
          status: 'open',
          _deleted: false,
        },
      ]);
      await push(f.ann, 'enrollments', [
        {
          ...base,
          id: 'enr-hf1',
          sequenceId: 'builtin-new-buyer',
          sequenceVersion: 1,
          status: 'active',
          nextStepIndex: 1,
          startedAt: 1000,
          anchorAt: 1000,
          cycle: 0,
          _deleted: false,
        },
      ]);
      expect(await followLeadOwners(f.storage, f.team.teamId, f.clock.now())).toBe(0);

      await push(f.team.admin, 'leads', [{ ...lead, ownerId: bob.agent.id, updatedAt: 2000 }]);
      expect(await followLeadOwners(f.storage, f.team.teamId, f.clock.now())).toBe(3);
      expect(await ownerOf('messages', 'msg-hf1')).toBe(bob.agent.id);
      expect(await ownerOf('tasks', 'task-hf1')).toBe(bob.agent.id);
      expect(await ownerOf('enrollments', 'enr-hf1')).toBe(bob.agent.id);
      // Bob's replica pulls the history; Ann's is told it left her (a tombstone in its place).
      expect((await pull(bob, 'messages')).map((d) => [d.id, d.ownerId])).toEqual([
        ['msg-hf1', bob.agent.id],
      ]);
      expect((await pull(f.ann, 'tasks')).map((d) => [d.id, d._deleted])).toEqual([['task-hf1', true]]);
      expect(await followLeadOwners(f.storage, f.team.teamId, f.clock.now())).toBe(0);
    },
  );
});
