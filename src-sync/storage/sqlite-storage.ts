// The embedded default: one SQLite file (better-sqlite3) in the data folder. WAL journal with
// synchronous=FULL, so an acknowledged push survives a kill -9 or power loss; secure_delete,
// so an erased person's bytes are overwritten rather than left in free pages.
// better-sqlite3 is synchronous: a push runs whole inside one transaction, with no await in
// between, so no other request can see it half done.
import { EventEmitter } from 'node:events';
import Database from 'better-sqlite3';
import type { WireDocument } from '../../src-shared/sync';
import {
  DuplicateEmailError,
  type AccountRecord,
  type AuditRecord,
  type ChangeNotice,
  type OwnerFilter,
  type RefreshTokenRecord,
  type ServerStorage,
  type StoredDocument,
  type TeamRecord,
} from './server-storage';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS teams (id TEXT PRIMARY KEY, name TEXT NOT NULL, created_at INTEGER NOT NULL, seq INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS accounts (id TEXT PRIMARY KEY, team_id TEXT NOT NULL, email TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
  role TEXT NOT NULL, active INTEGER NOT NULL, password_hash TEXT, created_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS sign_in_codes (code_hash TEXT PRIMARY KEY, account_id TEXT NOT NULL, expires_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS refresh_tokens (token_hash TEXT PRIMARY KEY, account_id TEXT NOT NULL, family TEXT NOT NULL,
  expires_at INTEGER NOT NULL, spent_at INTEGER);
CREATE INDEX IF NOT EXISTS refresh_tokens_account ON refresh_tokens (account_id);
CREATE TABLE IF NOT EXISTS documents (team_id TEXT NOT NULL, collection TEXT NOT NULL, id TEXT NOT NULL, seq INTEGER NOT NULL,
  owner_id TEXT, data TEXT NOT NULL, PRIMARY KEY (team_id, collection, id)) WITHOUT ROWID;
CREATE UNIQUE INDEX IF NOT EXISTS documents_order ON documents (team_id, collection, seq);
CREATE TABLE IF NOT EXISTS audit (seq INTEGER PRIMARY KEY AUTOINCREMENT, team_id TEXT NOT NULL, at INTEGER NOT NULL,
  actor_id TEXT, action TEXT NOT NULL, target TEXT, detail TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS audit_team ON audit (team_id, seq);
`;

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
  active: number;
  password_hash: string | null;
  created_at: number;
}

function toDocument(row: DocumentRow): StoredDocument {
  return {
    collection: row.collection,
    id: row.id,
    seq: row.seq,
    ownerId: row.owner_id,
    doc: JSON.parse(row.data) as WireDocument,
  };
}
function toAccount(row: AccountRow): AccountRecord {
  return {
    id: row.id,
    teamId: row.team_id,
    email: row.email,
    name: row.name,
    role: row.role,
    active: row.active === 1,
    passwordHash: row.password_hash,
    createdAt: row.created_at,
  };
}

export class SqliteServerStorage implements ServerStorage {
  readonly kind = 'sqlite';
  private readonly db: Database.Database;
  private readonly changes = new EventEmitter();

  constructor(file: string) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('secure_delete = ON');
    this.db.pragma('busy_timeout = 5000');
    this.changes.setMaxListeners(0);
  }

  migrate(): Promise<void> {
    this.db.exec(SCHEMA);
    return Promise.resolve();
  }

  close(): Promise<void> {
    if (this.db.open) this.db.close();
    return Promise.resolve();
  }

  /** SQLite's online backup into `file` (the `backup` command). */
  async backup(file: string): Promise<void> {
    await this.db.backup(file);
  }

  createTeam(team: TeamRecord): Promise<void> {
    this.db
      .prepare('INSERT INTO teams (id, name, created_at) VALUES (?, ?, ?)')
      .run(team.id, team.name, team.createdAt);
    return Promise.resolve();
  }

  findTeam(id: string): Promise<TeamRecord | null> {
    const row = this.db.prepare('SELECT id, name, created_at FROM teams WHERE id = ?').get(id) as
      { id: string; name: string; created_at: number } | undefined;
    return Promise.resolve(
      row === undefined ? null : { id: row.id, name: row.name, createdAt: row.created_at },
    );
  }

  createAccount(account: AccountRecord): Promise<void> {
    try {
      this.db
        .prepare(
          'INSERT INTO accounts (id, team_id, email, name, role, active, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        )
        .run(
          account.id,
          account.teamId,
          account.email,
          account.name,
          account.role,
          account.active ? 1 : 0,
          account.passwordHash,
          account.createdAt,
        );
    } catch (error) {
      if (error instanceof Error && /UNIQUE constraint failed: accounts.email/.test(error.message)) {
        return Promise.reject(new DuplicateEmailError());
      }
      throw error;
    }
    return Promise.resolve();
  }

  findAccountByEmail(email: string): Promise<AccountRecord | null> {
    const row = this.db.prepare('SELECT * FROM accounts WHERE email = ?').get(email) as
      AccountRow | undefined;
    return Promise.resolve(row === undefined ? null : toAccount(row));
  }

  findAccount(id: string): Promise<AccountRecord | null> {
    const row = this.db.prepare('SELECT * FROM accounts WHERE id = ?').get(id) as AccountRow | undefined;
    return Promise.resolve(row === undefined ? null : toAccount(row));
  }

  listAccounts(teamId: string): Promise<AccountRecord[]> {
    const rows = this.db
      .prepare('SELECT * FROM accounts WHERE team_id = ? ORDER BY created_at, id')
      .all(teamId) as AccountRow[];
    return Promise.resolve(rows.map(toAccount));
  }

  updateAccount(
    id: string,
    patch: Partial<Pick<AccountRecord, 'role' | 'active' | 'passwordHash' | 'name'>>,
  ): Promise<void> {
    const current = this.db.prepare('SELECT * FROM accounts WHERE id = ?').get(id) as AccountRow | undefined;
    if (current === undefined) return Promise.resolve();
    const next = { ...toAccount(current), ...patch };
    this.db
      .prepare('UPDATE accounts SET role = ?, active = ?, password_hash = ?, name = ? WHERE id = ?')
      .run(next.role, next.active ? 1 : 0, next.passwordHash, next.name, id);
    return Promise.resolve();
  }

  saveSignInCode(codeHash: string, accountId: string, expiresAt: number): Promise<void> {
    this.db.prepare('DELETE FROM sign_in_codes WHERE account_id = ?').run(accountId);
    this.db
      .prepare('INSERT INTO sign_in_codes (code_hash, account_id, expires_at) VALUES (?, ?, ?)')
      .run(codeHash, accountId, expiresAt);
    return Promise.resolve();
  }

  takeSignInCode(codeHash: string, now: number): Promise<string | null> {
    const row = this.db
      .prepare('DELETE FROM sign_in_codes WHERE code_hash = ? RETURNING account_id, expires_at')
      .get(codeHash) as { account_id: string; expires_at: number } | undefined;
    return Promise.resolve(row === undefined || row.expires_at <= now ? null : row.account_id);
  }

  saveRefreshToken(token: RefreshTokenRecord): Promise<void> {
    this.db
      .prepare(
        'INSERT INTO refresh_tokens (token_hash, account_id, family, expires_at, spent_at) VALUES (?, ?, ?, ?, ?)',
      )
      .run(token.tokenHash, token.accountId, token.family, token.expiresAt, token.spentAt);
    return Promise.resolve();
  }

  spendRefreshToken(tokenHash: string, now: number): Promise<RefreshTokenRecord | null> {
    const spend = this.db.transaction(() => {
      const row = this.db.prepare('SELECT * FROM refresh_tokens WHERE token_hash = ?').get(tokenHash) as
        | {
            token_hash: string;
            account_id: string;
            family: string;
            expires_at: number;
            spent_at: number | null;
          }
        | undefined;
      if (row === undefined) return null;
      if (row.spent_at === null)
        this.db.prepare('UPDATE refresh_tokens SET spent_at = ? WHERE token_hash = ?').run(now, tokenHash);
      return {
        tokenHash: row.token_hash,
        accountId: row.account_id,
        family: row.family,
        expiresAt: row.expires_at,
        spentAt: row.spent_at,
      };
    });
    return Promise.resolve(spend());
  }

  revokeRefreshFamily(family: string, now: number): Promise<void> {
    this.db
      .prepare('UPDATE refresh_tokens SET spent_at = ? WHERE family = ? AND spent_at IS NULL')
      .run(now, family);
    return Promise.resolve();
  }

  revokeAccountTokens(accountId: string, now: number): Promise<void> {
    this.db
      .prepare('UPDATE refresh_tokens SET spent_at = ? WHERE account_id = ? AND spent_at IS NULL')
      .run(now, accountId);
    return Promise.resolve();
  }

  changesSince(
    teamId: string,
    collection: string,
    afterSeq: number,
    limit: number,
    owners: OwnerFilter,
  ): Promise<StoredDocument[]> {
    const ownerClause = owners === null ? '' : ` AND owner_id IN (${owners.map(() => '?').join(', ')})`;
    const rows = this.db
      .prepare(
        `SELECT collection, id, seq, owner_id, data FROM documents WHERE team_id = ? AND collection = ? AND seq > ?${ownerClause} ORDER BY seq LIMIT ?`,
      )
      .all(teamId, collection, afterSeq, ...(owners ?? []), limit) as DocumentRow[];
    return Promise.resolve(rows.map(toDocument));
  }

  private readSync(teamId: string, collection: string, ids: readonly string[]): Map<string, StoredDocument> {
    const found = new Map<string, StoredDocument>();
    const read = this.db.prepare(
      'SELECT collection, id, seq, owner_id, data FROM documents WHERE team_id = ? AND collection = ? AND id = ?',
    );
    for (const id of ids) {
      const row = read.get(teamId, collection, id) as DocumentRow | undefined;
      if (row !== undefined) found.set(id, toDocument(row));
    }
    return found;
  }

  readDocuments(
    teamId: string,
    collection: string,
    ids: readonly string[],
  ): Promise<Map<string, StoredDocument>> {
    return Promise.resolve(this.readSync(teamId, collection, ids));
  }

  writeDocuments<R>(
    teamId: string,
    collection: string,
    ids: readonly string[],
    decide: (current: Map<string, StoredDocument>) => {
      writes: { id: string; ownerId: string | null; doc: WireDocument }[];
      result: R;
    },
  ): Promise<R> {
    let lastSeq = 0;
    const run = this.db.transaction(() => {
      const { writes, result } = decide(this.readSync(teamId, collection, ids));
      if (writes.length === 0) return result;
      const team = this.db
        .prepare('UPDATE teams SET seq = seq + ? WHERE id = ? RETURNING seq')
        .get(writes.length, teamId) as { seq: number } | undefined;
      if (team === undefined) throw new Error(`no team ${teamId}`);
      let seq = team.seq - writes.length;
      const upsert = this.db.prepare(
        `INSERT INTO documents (team_id, collection, id, seq, owner_id, data) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (team_id, collection, id) DO UPDATE SET seq = excluded.seq, owner_id = excluded.owner_id, data = excluded.data`,
      );
      for (const write of writes) {
        seq += 1;
        upsert.run(teamId, collection, write.id, seq, write.ownerId, JSON.stringify(write.doc));
      }
      lastSeq = seq;
      return result;
    });
    let result: R;
    try {
      result = run.immediate();
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    if (lastSeq > 0) this.changes.emit('change', { teamId, collection, seq: lastSeq } satisfies ChangeNotice);
    return Promise.resolve(result);
  }

  deleteDocuments(teamId: string, collection: string, ids: readonly string[]): Promise<void> {
    const remove = this.db.prepare('DELETE FROM documents WHERE team_id = ? AND collection = ? AND id = ?');
    this.db.transaction(() => ids.forEach((id) => remove.run(teamId, collection, id)))();
    return Promise.resolve();
  }

  findByField(teamId: string, collection: string, field: string, value: string): Promise<StoredDocument[]> {
    const rows = this.db
      .prepare(
        'SELECT collection, id, seq, owner_id, data FROM documents WHERE team_id = ? AND collection = ? AND json_extract(data, ?) = ?',
      )
      .all(teamId, collection, `$.${field}`, value) as DocumentRow[];
    return Promise.resolve(rows.map(toDocument));
  }

  latestSeq(teamId: string): Promise<number> {
    const row = this.db.prepare('SELECT seq FROM teams WHERE id = ?').get(teamId) as
      { seq: number } | undefined;
    return Promise.resolve(row?.seq ?? 0);
  }

  scrub(): Promise<void> {
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    return Promise.resolve();
  }

  appendAudit(entry: AuditRecord): Promise<void> {
    this.db
      .prepare('INSERT INTO audit (team_id, at, actor_id, action, target, detail) VALUES (?, ?, ?, ?, ?, ?)')
      .run(entry.teamId, entry.at, entry.actorId, entry.action, entry.target, JSON.stringify(entry.detail));
    return Promise.resolve();
  }

  listAudit(teamId: string, limit: number, beforeSeq?: number): Promise<(AuditRecord & { seq: number })[]> {
    const rows = this.db
      .prepare('SELECT * FROM audit WHERE team_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?')
      .all(teamId, beforeSeq ?? Number.MAX_SAFE_INTEGER, limit) as {
      seq: number;
      team_id: string;
      at: number;
      actor_id: string | null;
      action: string;
      target: string | null;
      detail: string;
    }[];
    return Promise.resolve(
      rows.map((row) => ({
        seq: row.seq,
        teamId: row.team_id,
        at: row.at,
        actorId: row.actor_id,
        action: row.action,
        target: row.target,
        detail: JSON.parse(row.detail) as AuditRecord['detail'],
      })),
    );
  }

  onChange(listener: (notice: ChangeNotice) => void): () => void {
    this.changes.on('change', listener);
    return () => this.changes.off('change', listener);
  }
}
