// PostgreSQL for larger brokerages (`DATABASE_URL`), with several server instances on one
// database. A push locks its team's row, so a team's writes commit in seq order (a pull never
// skips a change committed late); NOTIFY inside the same transaction reaches every instance's
// LISTEN after commit, which fans live streams out across instances.
// Documents are kept as JSON text, not jsonb: jsonb refuses \u0000 and reorders keys.
import pg from 'pg';
import { POSTGRES_ENGINE_SCHEMA, PostgresEngineStore } from './postgres-engine-store';
import {
  backfillFields,
  DOCUMENT_FIELDS_SCHEMA,
  forgetFields,
  indexable,
  indexWrites,
} from './postgres-document-fields';
import { POSTGRES_SCHEMA } from './postgres-schema';
import { DOCUMENT_COLUMNS, toDocument, type DocumentRow } from './rows';
import type {
  ChangeNotice,
  DocumentWrite,
  OwnerFilter,
  ServerStorage,
  StoredDocument,
} from './server-storage';
import { SqlStorageBase, type SqlValue } from './sql-storage-base';

const CHANNEL = 'porchlight_sync';
// int8 columns (seq, times) as numbers: they stay far below 2^53.
pg.types.setTypeParser(20, Number);

export class PostgresServerStorage extends SqlStorageBase implements ServerStorage {
  readonly kind = 'postgres';
  private readonly pool: pg.Pool;
  private listener: pg.Client | undefined;
  private closed = false;
  readonly suppressions: PostgresEngineStore;
  readonly claims: PostgresEngineStore;

  constructor(private readonly url: string) {
    super();
    this.pool = new pg.Pool({ connectionString: url, max: 10 });
    this.suppressions = new PostgresEngineStore(this.pool);
    this.claims = this.suppressions;
    this.pool.on('error', () => undefined);
  }

  protected async query<T>(sql: string, params: readonly SqlValue[]): Promise<T[]> {
    const { rows } = await this.pool.query(sql, [...params]);
    return rows as T[];
  }

  protected isUniqueViolation(error: unknown): boolean {
    return (error as { code?: string } | null)?.code === '23505';
  }

  async migrate(): Promise<void> {
    const client = await this.pool.connect();
    try {
      // Several instances may start at once: one migrates at a time.
      await client.query('SELECT pg_advisory_lock(7201)');
      await client.query(POSTGRES_SCHEMA);
      await client.query(POSTGRES_ENGINE_SCHEMA);
      await client.query(DOCUMENT_FIELDS_SCHEMA);
      // A look-up field new to a database that has documents already is filled once.
      await backfillFields(client);
      await client.query('SELECT pg_advisory_unlock(7201)');
    } finally {
      client.release();
    }
    await this.listen();
  }

  private async listen(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url });
    client.on('notification', (message) => {
      if (message.channel !== CHANNEL || message.payload === undefined) return;
      this.notify(JSON.parse(message.payload) as ChangeNotice);
    });
    client.on('error', () => {
      // The database went away: listen again once it is back; streams RESYNC on reconnect.
      this.listener = undefined;
      if (!this.closed) setTimeout(() => void this.listen().catch(() => undefined), 1000);
    });
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
    this.listener = client;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.listener?.end().catch(() => undefined);
    await this.pool.end();
  }

  async changesSince(
    teamId: string,
    collection: string,
    afterSeq: number,
    limit: number,
    owners: OwnerFilter,
  ): Promise<StoredDocument[]> {
    const { rows } = await this.pool.query<DocumentRow>(
      `SELECT ${DOCUMENT_COLUMNS} FROM documents WHERE team_id = $1 AND collection = $2 AND seq > $3
       AND ($5::text[] IS NULL OR owner_id = ANY($5)) ORDER BY seq LIMIT $4`,
      [teamId, collection, afterSeq, limit, owners === null ? null : [...owners]],
    );
    return rows.map(toDocument);
  }

  private async read(
    client: pg.PoolClient | pg.Pool,
    teamId: string,
    collection: string,
    ids: readonly string[],
  ) {
    const { rows } = await client.query<DocumentRow>(
      `SELECT ${DOCUMENT_COLUMNS} FROM documents WHERE team_id = $1 AND collection = $2 AND id = ANY($3)`,
      [teamId, collection, [...ids]],
    );
    return new Map(rows.map((row) => [row.id, toDocument(row)]));
  }

  readDocuments(
    teamId: string,
    collection: string,
    ids: readonly string[],
  ): Promise<Map<string, StoredDocument>> {
    return this.read(this.pool, teamId, collection, ids);
  }

  async writeDocuments<R>(
    teamId: string,
    collection: string,
    ids: readonly string[],
    decide: (current: Map<string, StoredDocument>) => { writes: DocumentWrite[]; result: R },
  ): Promise<R> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const team = await client.query<{ seq: number }>('SELECT seq FROM teams WHERE id = $1 FOR UPDATE', [
        teamId,
      ]);
      if (team.rows[0] === undefined) throw new Error(`no team ${teamId}`);
      const current = await this.read(client, teamId, collection, ids);
      const { writes, result } = decide(current);
      if (writes.length > 0) {
        const first = team.rows[0].seq + 1;
        const last = team.rows[0].seq + writes.length;
        await this.recordScopeExits(client, teamId, collection, current, writes, first);
        await client.query('UPDATE teams SET seq = $2 WHERE id = $1', [teamId, last]);
        await client.query(
          `INSERT INTO documents (team_id, collection, id, seq, owner_id, data)
           SELECT $1, $2, w.id, w.seq, w.owner_id, w.data FROM unnest($3::text[], $4::bigint[], $5::text[], $6::text[]) AS w(id, seq, owner_id, data)
           ON CONFLICT (team_id, collection, id) DO UPDATE SET seq = excluded.seq, owner_id = excluded.owner_id, data = excluded.data`,
          [
            teamId,
            collection,
            writes.map((w) => w.id),
            writes.map((_, i) => first + i),
            writes.map((w) => w.ownerId),
            writes.map((w) => JSON.stringify(w.doc)),
          ],
        );
        await indexWrites(client, teamId, collection, writes);
        await client.query('SELECT pg_notify($1, $2)', [
          CHANNEL,
          JSON.stringify({ teamId, collection, seq: last } satisfies ChangeNotice),
        ]);
      }
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /** SS15: each write that changes an owner keeps the former owner's exit at its seq. */
  private async recordScopeExits(
    client: pg.PoolClient,
    teamId: string,
    collection: string,
    current: Map<string, StoredDocument>,
    writes: readonly DocumentWrite[],
    firstSeq: number,
  ): Promise<void> {
    const unread = writes.map((w) => w.id).filter((id) => !current.has(id));
    const others =
      unread.length > 0
        ? await this.read(client, teamId, collection, unread)
        : new Map<string, StoredDocument>();
    const exits: { id: string; owner: string; seq: number }[] = [];
    const returns: { id: string; owner: string }[] = [];
    writes.forEach((write, i) => {
      const before = (current.get(write.id) ?? others.get(write.id))?.ownerId ?? null;
      if (before === write.ownerId) return;
      if (before !== null) exits.push({ id: write.id, owner: before, seq: firstSeq + i });
      if (write.ownerId !== null) returns.push({ id: write.id, owner: write.ownerId });
    });
    if (returns.length > 0)
      await client.query(
        `DELETE FROM scope_exits e USING unnest($3::text[], $4::text[]) AS r(id, owner_id)
         WHERE e.team_id = $1 AND e.collection = $2 AND e.id = r.id AND e.owner_id = r.owner_id`,
        [teamId, collection, returns.map((r) => r.id), returns.map((r) => r.owner)],
      );
    if (exits.length > 0)
      await client.query(
        `INSERT INTO scope_exits (team_id, collection, id, owner_id, seq)
         SELECT $1, $2, x.id, x.owner_id, x.seq FROM unnest($3::text[], $4::text[], $5::bigint[]) AS x(id, owner_id, seq)
         ON CONFLICT (team_id, collection, id, owner_id) DO UPDATE SET seq = excluded.seq`,
        [teamId, collection, exits.map((x) => x.id), exits.map((x) => x.owner), exits.map((x) => x.seq)],
      );
  }

  async deleteDocuments(teamId: string, collection: string, ids: readonly string[]): Promise<void> {
    await forgetFields(this.pool, teamId, collection, ids);
    for (const table of ['documents', 'scope_exits'])
      await this.pool.query(`DELETE FROM ${table} WHERE team_id = $1 AND collection = $2 AND id = ANY($3)`, [
        teamId,
        collection,
        [...ids],
      ]);
  }

  async findByField(
    teamId: string,
    collection: string,
    field: string,
    value: string,
  ): Promise<StoredDocument[]> {
    // An indexed field is read through document_fields (0463); any other by searching the
    // collection's JSON text (see the header). Either way the field itself is checked here.
    const { rows } = indexable(collection, field, value)
      ? await this.pool.query<DocumentRow>(
          `SELECT ${DOCUMENT_COLUMNS} FROM documents WHERE (team_id, collection, id) IN
           (SELECT team_id, collection, id FROM document_fields WHERE team_id = $1 AND collection = $2 AND field = $3 AND value = $4)`,
          [teamId, collection, field, value],
        )
      : await this.pool.query<DocumentRow>(
          `SELECT ${DOCUMENT_COLUMNS} FROM documents WHERE team_id = $1 AND collection = $2 AND strpos(data, $3) > 0`,
          [teamId, collection, JSON.stringify(value)],
        );
    return rows.map(toDocument).filter((row) => row.doc[field] === value);
  }

  async scrub(): Promise<void> {
    // Dead row versions hold the erased values until vacuumed.
    await this.pool.query('VACUUM documents');
    await this.pool.query('VACUUM document_fields');
  }
}
