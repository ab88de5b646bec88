// Forget a person (docs/sync.md SY-E1..E4): after an admin's erasure nothing of the person is
// left in the SQLite database file (WAL included) or in PostgreSQL's rows, only hashed
// suppressions; replicas get tombstones; a stale replica cannot bring the person back.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import type { EraseResponse, PullResponse, PushResponse, SessionResponse } from '../../src-shared/sync';
import { TEAM_POOL_OWNER_ID, isErasureTombstone } from '../../src-shared/sync';
import { hashedAddress } from '../../src-sync/replication/erase';
import { SqliteServerStorage } from '../../src-sync/storage/sqlite-storage';
import { postgresAvailable } from '../support/postgres';
import { postgresStorage, stopSharedPostgres } from './backends';
import { leadDoc, messageDoc, suppressionDoc } from './documents';
import { bearer, createTeam, jsonInit, tempDir, testApp } from './harness';
import type { ServerStorage } from '../../src-sync/storage/server-storage';

afterAll(() => stopSharedPostgres());

const PERSON = {
  firstName: 'Zephyrine',
  lastName: 'Quillfeather',
  email: 'zephyrine.q@example.com',
  phone: '+13125550177',
};
const BODY = 'Zephyrine, the Quillfeather listing on Birch Lane is yours to see Saturday';
const traces = [PERSON.firstName, PERSON.lastName, PERSON.email, PERSON.phone, 'Birch Lane', '3125550177'];

async function eraseScenario(storage: ServerStorage): Promise<{ leadId: string; pulledAfter: PullResponse }> {
  const test = testApp(storage);
  const team = await createTeam(test);
  const call = async <T>(session: SessionResponse, path: string, body: unknown): Promise<T> => {
    const response = await test.app.request(path, jsonInit(session, 'POST', body));
    expect(response.status).toBe(200);
    return (await response.json()) as T;
  };
  const lead = leadDoc(team.teamId, TEAM_POOL_OWNER_ID, 'lead-z', {
    ...PERSON,
    nameKey: 'zephyrine quillfeather',
    notes: 'Met at Birch Lane',
  });
  const message = messageDoc(lead, 'msg-z', { body: BODY });
  const reply = messageDoc(lead, 'msg-z2', {
    direction: 'inbound',
    status: 'received',
    body: 'Yes! Zephyrine here',
    from: PERSON.phone,
  });
  await call(team.admin, '/sync/leads/push', { rows: [{ newDocumentState: lead }] });
  await call(team.admin, '/sync/messages/push', {
    rows: [{ newDocumentState: message }, { newDocumentState: reply }],
  });
  const task = {
    id: 'task-z',
    teamId: team.teamId,
    ownerId: TEAM_POOL_OWNER_ID,
    updatedAt: 1,
    leadId: 'lead-z',
    kind: 'call',
    title: 'Call Zephyrine about Birch Lane',
    dueAt: 5,
    status: 'open',
    demo: false,
    _deleted: false,
  };
  await call(team.admin, '/sync/tasks/push', { rows: [{ newDocumentState: task }] });
  await call(team.admin, '/sync/suppressions/push', {
    rows: [{ newDocumentState: suppressionDoc(team.teamId, TEAM_POOL_OWNER_ID, PERSON.phone, 'lead-z') }],
  });

  const erased = await call<EraseResponse>(team.admin, '/admin/erase', { leadId: 'lead-z' });
  expect(erased.erased).toEqual({ leads: 1, messages: 2, tasks: 1, enrollments: 0 });

  // SY-E4: a replica that had not heard pushes its old copy: the tombstone comes back.
  const stale = await call<PushResponse>(team.admin, '/sync/leads/push', {
    rows: [
      {
        assumedMasterState: lead,
        newDocumentState: { ...lead, updatedAt: 9_999_999_999_999, notes: 'Zephyrine again' },
      },
    ],
  });
  expect(isErasureTombstone('leads', stale.conflicts[0] ?? {})).toBe(true);

  const pulled = await test.app.request('/sync/leads/pull', { headers: bearer(team.admin) });
  const suppressions = (await (
    await test.app.request('/sync/suppressions/pull', { headers: bearer(team.admin) })
  ).json()) as PullResponse;
  expect(suppressions.documents.map((d) => d.address).sort()).toEqual(
    [hashedAddress(PERSON.email), hashedAddress(PERSON.phone)].sort(),
  );
  const audit = (await (await test.app.request('/admin/audit', { headers: bearer(team.admin) })).json()) as {
    entries: { action: string }[];
  };
  expect(audit.entries[0]?.action).toBe('lead.erased');
  return { leadId: 'lead-z', pulledAfter: (await pulled.json()) as PullResponse };
}

describe('forget a person', () => {
  it('SY-E1 SY-E2 SQLite: nothing of the person is left in the database file, only hashed suppressions', async () => {
    const dir = tempDir();
    const storage = new SqliteServerStorage(join(dir.path, 'sync.sqlite'));
    await storage.migrate();
    const { pulledAfter } = await eraseScenario(storage);
    expect(pulledAfter.documents).toHaveLength(1);
    expect(isErasureTombstone('leads', pulledAfter.documents[0] ?? {})).toBe(true);
    const bytes = readdirSync(dir.path)
      .filter((name) => name.startsWith('sync.sqlite'))
      .map((name) => readFileSync(join(dir.path, name)).toString('latin1'))
      .join('');
    for (const trace of traces) expect(bytes.includes(trace), trace).toBe(false);
    await storage.close();
    dir.remove();
  });

  it.skipIf(!postgresAvailable())('SY-E1 SY-E2 PostgreSQL: no row holds anything of the person', async () => {
    const { storage, url } = await postgresStorage();
    await eraseScenario(storage);
    await storage.close();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const tables = ['documents', 'audit', 'accounts', 'refresh_tokens', 'sign_in_codes', 'teams'];
    // One client answers one query at a time.
    let dump = '';
    for (const table of tables) dump += JSON.stringify((await client.query(`SELECT * FROM ${table}`)).rows);
    await client.end();
    for (const trace of traces) expect(dump.includes(trace), trace).toBe(false);
  });
});
