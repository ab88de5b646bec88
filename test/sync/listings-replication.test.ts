// Listings are the team's (SY-S3): one agent's import reaches every member, a withdrawal
// replaces the home's state for all, and another team sees none of them.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeListing } from '../../src-shared/listings/test-fixtures';
import type { PullResponse, PushResponse, SessionResponse } from '../../src-shared/sync';
import type { ServerStorage } from '../../src-sync/storage/server-storage';
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
  const response = await test.app.request('/sync/listings/push', jsonInit(session, 'POST', { rows }));
  expect(response.status).toBe(200);
  return (await response.json()) as PushResponse;
}
async function pull(session: SessionResponse): Promise<PullResponse> {
  const response = await test.app.request('/sync/listings/pull?seq=0', { headers: bearer(session) });
  expect(response.status).toBe(200);
  return (await response.json()) as PullResponse;
}

describe('listings replicate to the whole team', () => {
  it('SY-S3 an agent’s imported home reaches every teammate, and its withdrawal too', async () => {
    const ann = await team.agent('ann@example.com');
    const bob = await team.agent('bob@example.com');
    const home = {
      ...makeListing({ ListingKey: 'MLS-1', teamId: team.teamId, ownerId: ann.agent.id }),
      _deleted: false,
    };
    expect((await push(ann, [{ newDocumentState: home }])).refused).toEqual([]);
    expect((await pull(bob)).documents).toEqual([
      expect.objectContaining({ ListingKey: 'MLS-1', StandardStatus: 'Active' }),
    ]);

    const withdrawn = { ...home, StandardStatus: 'Withdrawn', updatedAt: home.updatedAt + 1 };
    const answer = await push(bob, [{ assumedMasterState: home, newDocumentState: withdrawn }]);
    expect(answer.conflicts).toEqual([]);
    expect((await pull(team.admin)).documents).toEqual([
      expect.objectContaining({ StandardStatus: 'Withdrawn' }),
    ]);
  });

  it('refuses a listing that is not one (bad status) and shows none to another team', async () => {
    const ann = await team.agent('ann@example.com');
    const bad = {
      ...makeListing({ ListingKey: 'X', teamId: team.teamId, ownerId: ann.agent.id }),
      StandardStatus: 'Sold',
      _deleted: false,
    };
    const answer = await push(ann, [{ newDocumentState: bad }]);
    expect(answer.refused).toEqual([expect.objectContaining({ id: bad.id })]);
    await push(ann, [
      {
        newDocumentState: { ...makeListing({ teamId: team.teamId, ownerId: ann.agent.id }), _deleted: false },
      },
    ]);
    const other = await createTeam(test, 'Hilltop Homes');
    expect((await pull(other.admin)).documents).toEqual([]);
  });
});
