// Look-ups by an indexed field (0463) answer exactly what reading every document did, on both
// backends, and SQLite reads them through the index instead of the whole collection.
import Database from 'better-sqlite3';
import pg from 'pg';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { WireDocument } from '../../src-shared/sync';
import { postgresStorage, serverBackends, stopSharedPostgres } from '../../test/sync/backends';
import { postgresAvailable } from '../../test/support/postgres';
import { tempDir } from '../../test/sync/harness';
import { SQLITE_FILE } from './open';
import { SqliteServerStorage } from './sqlite-storage';
import type { ServerStorage } from './server-storage';

const doc = (id: string, fields: Record<string, unknown>, deleted = false): WireDocument => ({
  id,
  teamId: 't1',
  ownerId: 'a1',
  ...fields,
  _deleted: deleted,
});

async function put(storage: ServerStorage, teamId: string, collection: string, docs: WireDocument[]) {
  await storage.writeDocuments(
    teamId,
    collection,
    docs.map((d) => String(d.id)),
    () => ({ writes: docs.map((d) => ({ id: String(d.id), ownerId: 'a1', doc: d })), result: undefined }),
  );
}

const ids = async (storage: ServerStorage, collection: string, field: string, value: string, team = 't1') =>
  (await storage.findByField(team, collection, field, value)).map((row) => row.id).sort();

afterAll(() => stopSharedPostgres());

for (const backend of serverBackends()) {
  describe.runIf(backend.available)(`indexed look-ups (${backend.name})`, () => {
    it('find the documents whose field equals the value now, as reading them all did', async () => {
      const { storage, dispose } = await backend.create();
      try {
        await storage.createTeam({ id: 't1', name: 'One', createdAt: 1 });
        await storage.createTeam({ id: 't2', name: 'Two', createdAt: 1 });
        await put(storage, 't1', 'leads', [
          doc('l1', { email: 'ann@example.com', phone: '+15125550100' }),
          doc('l2', { email: 'ANN@example.com' }),
          doc('l3', { email: 'ann@example.com' }, true),
          doc('l4', { phone: 15125550100 }),
          doc('l5', { email: 'zoë \u0000 "quoted"@example.com' }),
        ]);
        await put(storage, 't2', 'leads', [doc('x1', { email: 'ann@example.com' })]);
        await put(storage, 't1', 'messages', [
          doc('m1', { leadId: 'l1', providerId: 'SM1', note: 'ann@example.com' }),
        ]);
        // Deleted documents are found too (callers decide), other teams and collections never.
        expect(await ids(storage, 'leads', 'email', 'ann@example.com')).toEqual(['l1', 'l3']);
        expect(await ids(storage, 'leads', 'phone', '+15125550100')).toEqual(['l1']);
        expect(await ids(storage, 'leads', 'email', 'zoë \u0000 "quoted"@example.com')).toEqual(['l5']);
        expect(await ids(storage, 'leads', 'email', 'ann@example.com', 't2')).toEqual(['x1']);
        expect(await ids(storage, 'messages', 'providerId', 'SM1')).toEqual(['m1']);
        expect(await ids(storage, 'messages', 'note', 'ann@example.com')).toEqual(['m1']);
        // A later write that changes or drops the field moves the document out of the answer.
        await put(storage, 't1', 'leads', [doc('l1', { email: 'ann@new.example.com' })]);
        expect(await ids(storage, 'leads', 'email', 'ann@example.com')).toEqual(['l3']);
        expect(await ids(storage, 'leads', 'phone', '+15125550100')).toEqual([]);
        await storage.deleteDocuments('t1', 'leads', ['l3']);
        expect(await ids(storage, 'leads', 'email', 'ann@example.com')).toEqual([]);
      } finally {
        await dispose();
      }
    });
  });
}

describe('indexed look-ups on SQLite', () => {
  it('read through the partial index of the field, not the whole collection', async () => {
    const dir = tempDir();
    const storage = new SqliteServerStorage(join(dir.path, SQLITE_FILE));
    await storage.migrate();
    const db = new Database(join(dir.path, SQLITE_FILE), { readonly: true });
    try {
      const plan = (sql: string) =>
        (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[])
          .map((r) => r.detail)
          .join('; ');
      expect(
        plan(
          "SELECT * FROM documents WHERE team_id = 't1' AND collection = 'leads' AND json_extract(data, '$.email') = 'a'",
        ),
      ).toMatch(/USING (COVERING )?INDEX documents_leads_email/);
      expect(
        plan(
          "SELECT * FROM documents WHERE team_id = 't1' AND collection = 'suppressions' AND json_extract(data, '$.address') = 'a'",
        ),
      ).toMatch(/USING (COVERING )?INDEX documents_suppressions_address/);
    } finally {
      db.close();
      await storage.close();
      dir.remove();
    }
  });
});

describe.runIf(postgresAvailable())('indexed look-ups on PostgreSQL', () => {
  it('fill the index once from the documents a database held before it existed', async () => {
    const { storage, url } = await postgresStorage();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await storage.createTeam({ id: 't1', name: 'One', createdAt: 1 });
      await put(storage, 't1', 'leads', [doc('l1', { email: 'ann@example.com' })]);
      await put(storage, 't1', 'messages', [doc('m1', { leadId: 'l1' }), doc('m2', { leadId: 'l1' })]);
      // As a database from before the index: the table is gone; the next start makes and fills it.
      await client.query('DROP TABLE document_fields, document_fields_filled');
      await storage.migrate();
      expect(await ids(storage, 'leads', 'email', 'ann@example.com')).toEqual(['l1']);
      expect(await ids(storage, 'messages', 'leadId', 'l1')).toEqual(['m1', 'm2']);
      const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM document_fields');
      expect(rows[0]?.n).toBe(3);
      // A second start leaves it as it is.
      await storage.migrate();
      expect(
        (await client.query<{ n: number }>('SELECT count(*)::int AS n FROM document_fields')).rows[0]?.n,
      ).toBe(3);
      // A field a newer version indexes (a task's lead) is filled at the next start.
      await put(storage, 't1', 'tasks', [doc('k1', { leadId: 'l1' })]);
      await client.query("DELETE FROM document_fields WHERE collection = 'tasks'");
      await client.query("DELETE FROM document_fields_filled WHERE collection = 'tasks'");
      expect(await ids(storage, 'tasks', 'leadId', 'l1')).toEqual([]);
      await storage.migrate();
      expect(await ids(storage, 'tasks', 'leadId', 'l1')).toEqual(['k1']);
    } finally {
      await client.end();
      await storage.close();
    }
  });
});
