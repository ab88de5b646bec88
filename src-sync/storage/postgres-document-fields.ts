// PostgreSQL's index of the look-up fields (0463): one row per (document, indexed field) in
// `document_fields`, replaced in the same transaction as the document, so findByField reads the
// matching documents through the primary key instead of searching every document's text.
// A side table rather than an expression index: the documents are JSON text that may hold
// \u0000, which PostgreSQL's JSON operators refuse to read. A value holding \u0000 (which a
// text column cannot keep) is left out, and looked up by searching the text as before.
import type pg from 'pg';
import { INDEXED_FIELDS, isIndexedField } from './indexed-fields';
import type { DocumentWrite } from './server-storage';

export const DOCUMENT_FIELDS_SCHEMA = `
CREATE TABLE IF NOT EXISTS document_fields (team_id text NOT NULL, collection text NOT NULL, field text NOT NULL,
  value text NOT NULL, id text NOT NULL, PRIMARY KEY (team_id, collection, field, value, id));
CREATE INDEX IF NOT EXISTS document_fields_document ON document_fields (team_id, collection, id);
CREATE TABLE IF NOT EXISTS document_fields_filled (collection text NOT NULL, field text NOT NULL,
  PRIMARY KEY (collection, field));
`;

/** Whether the look-up of `value` can use the table (text columns cannot hold \u0000). */
export const indexable = (collection: string, field: string, value: string): boolean =>
  isIndexedField(collection, field) && !value.includes('\u0000');

function fieldsOf(collection: string, doc: Record<string, unknown>): { field: string; value: string }[] {
  return (INDEXED_FIELDS[collection] ?? []).flatMap((field) => {
    const value = doc[field];
    return typeof value === 'string' && !value.includes('\u0000') ? [{ field, value }] : [];
  });
}

type Queryable = Pick<pg.PoolClient, 'query'>;

/** Replaces the index rows of the written documents (inside the write's transaction). */
export async function indexWrites(
  client: Queryable,
  teamId: string,
  collection: string,
  writes: readonly DocumentWrite[],
): Promise<void> {
  if (INDEXED_FIELDS[collection] === undefined || writes.length === 0) return;
  await forgetFields(client, teamId, collection, [...new Set(writes.map((w) => w.id))]);
  // The last write of a document in the batch is the one that stands.
  const latest = new Map(writes.map((w) => [w.id, w.doc]));
  const rows = [...latest].flatMap(([id, doc]) => fieldsOf(collection, doc).map((f) => ({ ...f, id })));
  if (rows.length === 0) return;
  await client.query(
    `INSERT INTO document_fields (team_id, collection, field, value, id)
     SELECT $1, $2, f.field, f.value, f.id FROM unnest($3::text[], $4::text[], $5::text[]) AS f(field, value, id)
     ON CONFLICT DO NOTHING`,
    [teamId, collection, rows.map((r) => r.field), rows.map((r) => r.value), rows.map((r) => r.id)],
  );
}

export async function forgetFields(
  client: Queryable,
  teamId: string,
  collection: string,
  ids: readonly string[],
): Promise<void> {
  if (INDEXED_FIELDS[collection] === undefined || ids.length === 0) return;
  await client.query('DELETE FROM document_fields WHERE team_id = $1 AND collection = $2 AND id = ANY($3)', [
    teamId,
    collection,
    [...ids],
  ]);
}

/**
 * Fills the table for the indexed fields not filled yet (a new database, or a field indexed by a
 * newer version) from the documents stored before, a page at a time, and records each field
 * filled. Run by the migration, under the migration lock.
 */
export async function backfillFields(client: Queryable): Promise<void> {
  const filled = await client.query<{ collection: string; field: string }>(
    'SELECT collection, field FROM document_fields_filled',
  );
  const done = new Set(filled.rows.map((row) => `${row.collection}.${row.field}`));
  const PAGE = 2000;
  for (const [collection, fields] of Object.entries(INDEXED_FIELDS)) {
    if (fields.every((field) => done.has(`${collection}.${field}`))) continue;
    let after = { team: '', id: '' };
    for (;;) {
      const { rows } = await client.query<{ team_id: string; id: string; data: string }>(
        `SELECT team_id, id, data FROM documents WHERE collection = $1 AND (team_id, id) > ($2, $3)
         ORDER BY team_id, id LIMIT ${PAGE}`,
        [collection, after.team, after.id],
      );
      const byTeam = new Map<string, DocumentWrite[]>();
      for (const row of rows) {
        const list = byTeam.get(row.team_id) ?? [];
        list.push({ id: row.id, ownerId: null, doc: JSON.parse(row.data) as DocumentWrite['doc'] });
        byTeam.set(row.team_id, list);
      }
      for (const [teamId, writes] of byTeam) await indexWrites(client, teamId, collection, writes);
      const last = rows.at(-1);
      if (last === undefined || rows.length < PAGE) break;
      after = { team: last.team_id, id: last.id };
    }
    for (const field of fields)
      await client.query(
        'INSERT INTO document_fields_filled (collection, field) VALUES ($1, $2) ON CONFLICT DO NOTHING',
        [collection, field],
      );
  }
}
