// What both backends share, written once: teams, accounts, sign-in codes, refresh tokens and the
// audit log in portable SQL (`$1` placeholders, no casts; SQLite's runner renumbers them), and
// the change notices streams listen to, and the pull queries (SY-P2, SY-S6). Writing documents,
// locking and scrubbing differ per backend.
import { EventEmitter } from 'node:events';
import {
  DuplicateEmailError,
  type AccountRecord,
  type AuditRecord,
  type ChangeNotice,
  type OwnerFilter,
  type PulledChange,
  type RefreshTokenRecord,
  type StoredDocument,
  type TeamRecord,
} from './server-storage';
import {
  DOCUMENT_COLUMNS,
  toAccount,
  toDocument,
  toAudit,
  toRefreshToken,
  toTeam,
  type AccountRow,
  type AuditRow,
  type DocumentRow,
  type RefreshTokenRow,
  type TeamRow,
} from './rows';

export type SqlValue = string | number | boolean | null;

/** `$from, $from+1, …` for a list of values (portable: SQLite's runner renumbers them). */
function placeholders(count: number, from: number): string {
  return Array.from({ length: count }, (_, i) => `$${from + i}`).join(', ');
}

interface PullRow {
  id: string;
  seq: number;
  data: string;
}

type AccountPatch = Partial<Pick<AccountRecord, 'role' | 'active' | 'passwordHash' | 'name'>>;
const ACCOUNT_COLUMNS: Record<keyof AccountPatch, string> = {
  role: 'role',
  active: 'active',
  passwordHash: 'password_hash',
  name: 'name',
};

export abstract class SqlStorageBase {
  private readonly changes = new EventEmitter();

  constructor() {
    this.changes.setMaxListeners(0);
  }

  /** Runs one statement; rows when it returns any (SELECT, RETURNING), else none. */
  protected abstract query<T>(sql: string, params: readonly SqlValue[]): Promise<T[]>;
  /** Whether `error` is the database refusing a duplicate key. */
  protected abstract isUniqueViolation(error: unknown): boolean;

  /** Tells this instance's listeners of a committed change. */
  protected notify(notice: ChangeNotice): void {
    this.changes.emit('change', notice);
  }

  onChange(listener: (notice: ChangeNotice) => void): () => void {
    this.changes.on('change', listener);
    return () => this.changes.off('change', listener);
  }

  async pullChanges(
    teamId: string,
    collection: string,
    afterSeq: number,
    limit: number,
    owners: OwnerFilter,
  ): Promise<PulledChange[]> {
    const ownerList = owners ?? [];
    const ownerClause = owners === null ? '' : ` AND owner_id IN (${placeholders(ownerList.length, 5)})`;
    const documents = await this.query<PullRow>(
      `SELECT id, seq, data FROM documents WHERE team_id = $1 AND collection = $2 AND seq > $3${ownerClause} ORDER BY seq LIMIT $4`,
      [teamId, collection, afterSeq, limit, ...ownerList],
    );
    const changes = documents.map((row) => ({ ...row, scopeExit: false }));
    if (owners === null || owners.length === 0) return changes;
    // Two queries, each walking its own seq index, merged here: one UNION would sort them whole.
    const list = placeholders(ownerList.length, 5);
    const exits = await this.query<PullRow>(
      `SELECT e.id AS id, e.seq AS seq, d.data AS data FROM scope_exits e
       JOIN documents d ON d.team_id = e.team_id AND d.collection = e.collection AND d.id = e.id
       WHERE e.team_id = $1 AND e.collection = $2 AND e.seq > $3 AND e.owner_id IN (${list})
       AND (d.owner_id IS NULL OR d.owner_id NOT IN (${list})) ORDER BY e.seq LIMIT $4`,
      [teamId, collection, afterSeq, limit, ...ownerList],
    );
    if (exits.length === 0) return changes;
    return [...changes, ...exits.map((row) => ({ ...row, scopeExit: true }))]
      .sort((a, b) => a.seq - b.seq)
      .slice(0, limit);
  }

  async scopeExitsOf(
    teamId: string,
    collection: string,
    ids: readonly string[],
    owners: readonly string[],
  ): Promise<StoredDocument[]> {
    if (ids.length === 0 || owners.length === 0) return [];
    const idList = placeholders(ids.length, 3);
    const ownerList = placeholders(owners.length, 3 + ids.length);
    const columns = DOCUMENT_COLUMNS.split(', ')
      .map((column) => `d.${column}`)
      .join(', ');
    const rows = await this.query<DocumentRow>(
      `SELECT DISTINCT ${columns} FROM scope_exits e
       JOIN documents d ON d.team_id = e.team_id AND d.collection = e.collection AND d.id = e.id
       WHERE e.team_id = $1 AND e.collection = $2 AND e.id IN (${idList}) AND e.owner_id IN (${ownerList})
       AND (d.owner_id IS NULL OR d.owner_id NOT IN (${ownerList}))`,
      [teamId, collection, ...ids, ...owners],
    );
    return rows.map(toDocument);
  }

  async createTeam(team: TeamRecord): Promise<void> {
    await this.query('INSERT INTO teams (id, name, created_at) VALUES ($1, $2, $3)', [
      team.id,
      team.name,
      team.createdAt,
    ]);
  }

  async findTeam(id: string): Promise<TeamRecord | null> {
    const [row] = await this.query<TeamRow>('SELECT id, name, created_at FROM teams WHERE id = $1', [id]);
    return row === undefined ? null : toTeam(row);
  }

  async listTeamIds(): Promise<string[]> {
    const rows = await this.query<{ id: string }>('SELECT id FROM teams ORDER BY id', []);
    return rows.map((row) => row.id);
  }

  async latestSeq(teamId: string): Promise<number> {
    const [row] = await this.query<{ seq: number }>('SELECT seq FROM teams WHERE id = $1', [teamId]);
    return row?.seq ?? 0;
  }

  async createAccount(account: AccountRecord): Promise<void> {
    try {
      await this.query(
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
      if (this.isUniqueViolation(error)) throw new DuplicateEmailError();
      throw error;
    }
  }

  private async oneAccount(column: 'id' | 'email', value: string): Promise<AccountRecord | null> {
    const [row] = await this.query<AccountRow>(`SELECT * FROM accounts WHERE ${column} = $1`, [value]);
    return row === undefined ? null : toAccount(row);
  }

  findAccountByEmail(email: string): Promise<AccountRecord | null> {
    return this.oneAccount('email', email);
  }

  findAccount(id: string): Promise<AccountRecord | null> {
    return this.oneAccount('id', id);
  }

  async listAccounts(teamId: string): Promise<AccountRecord[]> {
    const rows = await this.query<AccountRow>(
      'SELECT * FROM accounts WHERE team_id = $1 ORDER BY created_at, id',
      [teamId],
    );
    return rows.map(toAccount);
  }

  async updateAccount(id: string, patch: AccountPatch): Promise<void> {
    const fields = (Object.keys(ACCOUNT_COLUMNS) as (keyof AccountPatch)[]).filter(
      (field) => patch[field] !== undefined,
    );
    if (fields.length === 0) return;
    const assignments = fields.map((field, i) => `${ACCOUNT_COLUMNS[field]} = $${i + 2}`).join(', ');
    await this.query(`UPDATE accounts SET ${assignments} WHERE id = $1`, [
      id,
      ...fields.map((field) => patch[field] ?? null),
    ]);
  }

  async saveSignInCode(codeHash: string, accountId: string, expiresAt: number): Promise<void> {
    await this.query('DELETE FROM sign_in_codes WHERE account_id = $1', [accountId]);
    await this.query('INSERT INTO sign_in_codes (code_hash, account_id, expires_at) VALUES ($1, $2, $3)', [
      codeHash,
      accountId,
      expiresAt,
    ]);
  }

  async takeSignInCode(codeHash: string, now: number): Promise<string | null> {
    const [row] = await this.query<{ account_id: string; expires_at: number }>(
      'DELETE FROM sign_in_codes WHERE code_hash = $1 RETURNING account_id, expires_at',
      [codeHash],
    );
    return row === undefined || row.expires_at <= now ? null : row.account_id;
  }

  async saveRefreshToken(token: RefreshTokenRecord): Promise<void> {
    await this.query(
      'INSERT INTO refresh_tokens (token_hash, account_id, family, expires_at, spent_at) VALUES ($1, $2, $3, $4, $5)',
      [token.tokenHash, token.accountId, token.family, token.expiresAt, token.spentAt],
    );
  }

  async spendRefreshToken(tokenHash: string, now: number): Promise<RefreshTokenRecord | null> {
    // Only one of two racing refreshes can mark the token: the conditional update is atomic.
    const [fresh] = await this.query<RefreshTokenRow>(
      'UPDATE refresh_tokens SET spent_at = $2 WHERE token_hash = $1 AND spent_at IS NULL RETURNING *',
      [tokenHash, now],
    );
    if (fresh !== undefined) return { ...toRefreshToken(fresh), spentAt: null };
    const [spent] = await this.query<RefreshTokenRow>('SELECT * FROM refresh_tokens WHERE token_hash = $1', [
      tokenHash,
    ]);
    return spent === undefined ? null : toRefreshToken(spent);
  }

  async revokeRefreshFamily(family: string, now: number): Promise<void> {
    await this.query('UPDATE refresh_tokens SET spent_at = $2 WHERE family = $1 AND spent_at IS NULL', [
      family,
      now,
    ]);
  }

  async revokeAccountTokens(accountId: string, now: number): Promise<void> {
    await this.query('UPDATE refresh_tokens SET spent_at = $2 WHERE account_id = $1 AND spent_at IS NULL', [
      accountId,
      now,
    ]);
  }

  async appendAudit(entry: AuditRecord): Promise<void> {
    await this.query(
      'INSERT INTO audit (team_id, at, actor_id, action, target, detail) VALUES ($1, $2, $3, $4, $5, $6)',
      [entry.teamId, entry.at, entry.actorId, entry.action, entry.target, JSON.stringify(entry.detail)],
    );
  }

  async listAudit(
    teamId: string,
    limit: number,
    beforeSeq?: number,
  ): Promise<(AuditRecord & { seq: number })[]> {
    const rows = await this.query<AuditRow>(
      'SELECT * FROM audit WHERE team_id = $1 AND seq < $2 ORDER BY seq DESC LIMIT $3',
      [teamId, beforeSeq ?? Number.MAX_SAFE_INTEGER, limit],
    );
    return rows.map(toAudit);
  }
}
