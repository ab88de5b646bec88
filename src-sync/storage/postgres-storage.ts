// PostgreSQL for larger brokerages (`DATABASE_URL`), with several server instances on one
// database. A push locks its team's row, so a team's writes commit in seq order (a pull never
// skips a change committed late); NOTIFY inside the same transaction reaches every instance's
// LISTEN after commit, which fans live streams out across instances.
// Documents are kept as JSON text, not jsonb: jsonb refuses \u0000 and reorders keys.
import { EventEmitter } from 'node:events';
import pg from 'pg';
import type { WireDocument } from '../../src-shared/sync';
import { POSTGRES_SCHEMA } from './postgres-schema';
import {
  DuplicateEmailError,
  type AccountRecord,
  type AuditRecord,
  type ChangeNotice,
  type DocumentWrite,
  type OwnerFilter,
  type RefreshTokenRecord,
  type ServerStorage,
  type StoredDocument,
  type TeamRecord,
} from './server-storage';

const CHANNEL = 'porchlight_sync';
// int8 columns (seq, times) as numbers: they stay far below 2^53.
pg.types.setTypeParser(20, Number);

interface DocumentRow {
  collection: string;
  id: string;
  seq: number;
  owner_id: string | null;
  data: string;
}
interface AccountRow {
  id: string;
  team_id: string;
  email: string;
  name: string;
  role: 'agent' | 'admin';
  active: boolean;
  password_hash: string | null;
  created_at: number;
}

const toDocument = (row: DocumentRow): StoredDocument => ({
  collection: row.collection,
  id: row.id,
  seq: row.seq,
  ownerId: row.owner_id,
  doc: JSON.parse(row.data) as WireDocument,
});
const toAccount = (row: AccountRow): AccountRecord => ({
  id: row.id,
  teamId: row.team_id,
  email: row.email,
  name: row.name,
  role: row.role,
  active: row.active,
  passwordHash: row.password_hash,
  createdAt: row.created_at,
});
const DOC_COLUMNS = 'collection, id, seq, owner_id, data';

export class PostgresServerStorage implements ServerStorage {
  readonly kind = 'postgres';
  private readonly pool: pg.Pool;
  private readonly changes = new EventEmitter();
  private listener: pg.Client | undefined;
  private closed = false;

  constructor(private readonly url: string) {
    this.pool = new pg.Pool({ connectionString: url, max: 10 });
    this.pool.on('error', () => undefined);
    this.changes.setMaxListeners(0);
  }

  async migrate(): Promise<void> {
    const client = await this.pool.connect();
    try {
      // Several instances may start at once: one migrates at a time.
      await client.query('SELECT pg_advisory_lock(7201)');
      await client.query(POSTGRES_SCHEMA);
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
      this.changes.emit('change', JSON.parse(message.payload) as ChangeNotice);
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

  async createTeam(team: TeamRecord): Promise<void> {
    await this.pool.query('INSERT INTO teams (id, name, created_at) VALUES ($1, $2, $3)', [
      team.id,
      team.name,
      team.createdAt,
    ]);
  }

  async findTeam(id: string): Promise<TeamRecord | null> {
    const { rows } = await this.pool.query<{ id: string; name: string; created_at: number }>(
      'SELECT id, name, created_at FROM teams WHERE id = $1',
      [id],
    );
    const row = rows[0];
    return row === undefined ? null : { id: row.id, name: row.name, createdAt: row.created_at };
  }

  async createAccount(account: AccountRecord): Promise<void> {
    try {
      await this.pool.query(
        'INSERT INTO accounts (id, team_id, email, name, role, active, password_hash, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
        [
          account.id,
          account.teamId,
          account.email,
          account.name,
          account.role,
          account.active,
          account.passwordHash,
          account.createdAt,
        ],
      );
    } catch (error) {
      if ((error as { code?: string }).code === '23505') throw new DuplicateEmailError();
      throw error;
    }
  }

  private async oneAccount(where: string, value: string): Promise<AccountRecord | null> {
    const { rows } = await this.pool.query<AccountRow>(`SELECT * FROM accounts WHERE ${where} = $1`, [value]);
    return rows[0] === undefined ? null : toAccount(rows[0]);
  }

  findAccountByEmail(email: string): Promise<AccountRecord | null> {
    return this.oneAccount('email', email);
  }

  findAccount(id: string): Promise<AccountRecord | null> {
    return this.oneAccount('id', id);
  }

  async listAccounts(teamId: string): Promise<AccountRecord[]> {
    const { rows } = await this.pool.query<AccountRow>(
      'SELECT * FROM accounts WHERE team_id = $1 ORDER BY created_at, id',
      [teamId],
    );
    return rows.map(toAccount);
  }

  async updateAccount(
    id: string,
    patch: Partial<Pick<AccountRecord, 'role' | 'active' | 'passwordHash' | 'name'>>,
  ): Promise<void> {
    await this.pool.query(
      `UPDATE accounts SET role = COALESCE($2, role), active = COALESCE($3, active),
         password_hash = CASE WHEN $4::boolean THEN $5 ELSE password_hash END, name = COALESCE($6, name) WHERE id = $1`,
      [
        id,
        patch.role ?? null,
        patch.active ?? null,
        patch.passwordHash !== undefined,
        patch.passwordHash ?? null,
        patch.name ?? null,
      ],
    );
  }

  async saveSignInCode(codeHash: string, accountId: string, expiresAt: number): Promise<void> {
    await this.pool.query('DELETE FROM sign_in_codes WHERE account_id = $1', [accountId]);
    await this.pool.query(
      'INSERT INTO sign_in_codes (code_hash, account_id, expires_at) VALUES ($1, $2, $3)',
      [codeHash, accountId, expiresAt],
    );
  }

  async takeSignInCode(codeHash: string, now: number): Promise<string | null> {
    const { rows } = await this.pool.query<{ account_id: string; expires_at: number }>(
      'DELETE FROM sign_in_codes WHERE code_hash = $1 RETURNING account_id, expires_at',
      [codeHash],
    );
    const row = rows[0];
    return row === undefined || row.expires_at <= now ? null : row.account_id;
  }

  async saveRefreshToken(token: RefreshTokenRecord): Promise<void> {
    await this.pool.query(
      'INSERT INTO refresh_tokens (token_hash, account_id, family, expires_at, spent_at) VALUES ($1, $2, $3, $4, $5)',
      [token.tokenHash, token.accountId, token.family, token.expiresAt, token.spentAt],
    );
  }

  async spendRefreshToken(tokenHash: string, now: number): Promise<RefreshTokenRecord | null> {
    // The old row is read and marked in one statement, so two racing refreshes cannot both win.
    const { rows } = await this.pool.query<{
      token_hash: string;
      account_id: string;
      family: string;
      expires_at: number;
      spent_at: number | null;
    }>(
      `UPDATE refresh_tokens t SET spent_at = COALESCE(t.spent_at, $2) FROM refresh_tokens old
       WHERE t.token_hash = $1 AND old.token_hash = t.token_hash
       RETURNING old.token_hash, old.account_id, old.family, old.expires_at, old.spent_at`,
      [tokenHash, now],
    );
    const row = rows[0];
    return row === undefined
      ? null
      : {
          tokenHash: row.token_hash,
          accountId: row.account_id,
          family: row.family,
          expiresAt: row.expires_at,
          spentAt: row.spent_at,
        };
  }

  async revokeRefreshFamily(family: string, now: number): Promise<void> {
    await this.pool.query('UPDATE refresh_tokens SET spent_at = $2 WHERE family = $1 AND spent_at IS NULL', [
      family,
      now,
    ]);
  }

  async revokeAccountTokens(accountId: string, now: number): Promise<void> {
    await this.pool.query(
      'UPDATE refresh_tokens SET spent_at = $2 WHERE account_id = $1 AND spent_at IS NULL',
      [accountId, now],
    );
  }

  async changesSince(
    teamId: string,
    collection: string,
    afterSeq: number,
    limit: number,
    owners: OwnerFilter,
  ): Promise<StoredDocument[]> {
    const { rows } = await this.pool.query<DocumentRow>(
      `SELECT ${DOC_COLUMNS} FROM documents WHERE team_id = $1 AND collection = $2 AND seq > $3
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
      `SELECT ${DOC_COLUMNS} FROM documents WHERE team_id = $1 AND collection = $2 AND id = ANY($3)`,
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
      const { writes, result } = decide(await this.read(client, teamId, collection, ids));
      if (writes.length > 0) {
        const first = team.rows[0].seq + 1;
        const last = team.rows[0].seq + writes.length;
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

  async deleteDocuments(teamId: string, collection: string, ids: readonly string[]): Promise<void> {
    await this.pool.query('DELETE FROM documents WHERE team_id = $1 AND collection = $2 AND id = ANY($3)', [
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
    // Filtered here rather than with jsonb operators: the data is JSON text (see the header).
    const { rows } = await this.pool.query<DocumentRow>(
      `SELECT ${DOC_COLUMNS} FROM documents WHERE team_id = $1 AND collection = $2 AND strpos(data, $3) > 0`,
      [teamId, collection, JSON.stringify(value)],
    );
    return rows.map(toDocument).filter((row) => row.doc[field] === value);
  }

  async latestSeq(teamId: string): Promise<number> {
    const { rows } = await this.pool.query<{ seq: number }>('SELECT seq FROM teams WHERE id = $1', [teamId]);
    return rows[0]?.seq ?? 0;
  }

  async scrub(): Promise<void> {
    // Dead row versions hold the erased values until vacuumed.
    await this.pool.query('VACUUM documents');
  }

  async appendAudit(entry: AuditRecord): Promise<void> {
    await this.pool.query(
      'INSERT INTO audit (team_id, at, actor_id, action, target, detail) VALUES ($1, $2, $3, $4, $5, $6)',
      [entry.teamId, entry.at, entry.actorId, entry.action, entry.target, JSON.stringify(entry.detail)],
    );
  }

  async listAudit(
    teamId: string,
    limit: number,
    beforeSeq?: number,
  ): Promise<(AuditRecord & { seq: number })[]> {
    const { rows } = await this.pool.query<{
      seq: number;
      team_id: string;
      at: number;
      actor_id: string | null;
      action: string;
      target: string | null;
      detail: string;
    }>('SELECT * FROM audit WHERE team_id = $1 AND seq < $2 ORDER BY seq DESC LIMIT $3', [
      teamId,
      beforeSeq ?? Number.MAX_SAFE_INTEGER,
      limit,
    ]);
    return rows.map((row) => ({
      seq: row.seq,
      teamId: row.team_id,
      at: row.at,
      actorId: row.actor_id,
      action: row.action,
      target: row.target,
      detail: JSON.parse(row.detail) as AuditRecord['detail'],
    }));
  }

  onChange(listener: (notice: ChangeNotice) => void): () => void {
    this.changes.on('change', listener);
    return () => this.changes.off('change', listener);
  }
}
