// The SQLite tables, created when missing (the same shape as the PostgreSQL ones).
import { indexedFields } from './indexed-fields';

/** A document field as the look-up indexes compute it (a query must spell it the same way). */
export const sqliteField = (field: string): string => `json_extract(data, '$.${field}')`;

export const SQLITE_SCHEMA = `
CREATE TABLE IF NOT EXISTS teams (id TEXT PRIMARY KEY, name TEXT NOT NULL, created_at INTEGER NOT NULL, seq INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS accounts (id TEXT PRIMARY KEY, team_id TEXT NOT NULL, email TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
  role TEXT NOT NULL, active INTEGER NOT NULL, password_hash TEXT, created_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS sign_in_codes (code_hash TEXT PRIMARY KEY, account_id TEXT NOT NULL, expires_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS refresh_tokens (token_hash TEXT PRIMARY KEY, account_id TEXT NOT NULL, family TEXT NOT NULL,
  expires_at INTEGER NOT NULL, spent_at INTEGER);
CREATE INDEX IF NOT EXISTS refresh_tokens_account ON refresh_tokens (account_id);
CREATE INDEX IF NOT EXISTS refresh_tokens_family ON refresh_tokens (family);
CREATE TABLE IF NOT EXISTS documents (team_id TEXT NOT NULL, collection TEXT NOT NULL, id TEXT NOT NULL, seq INTEGER NOT NULL,
  owner_id TEXT, data TEXT NOT NULL, PRIMARY KEY (team_id, collection, id)) WITHOUT ROWID;
CREATE UNIQUE INDEX IF NOT EXISTS documents_order ON documents (team_id, collection, seq);
CREATE TABLE IF NOT EXISTS scope_exits (team_id TEXT NOT NULL, collection TEXT NOT NULL, id TEXT NOT NULL, owner_id TEXT NOT NULL,
  seq INTEGER NOT NULL, PRIMARY KEY (team_id, collection, id, owner_id)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS scope_exits_order ON scope_exits (team_id, collection, seq);
CREATE TABLE IF NOT EXISTS audit (seq INTEGER PRIMARY KEY AUTOINCREMENT, team_id TEXT NOT NULL, at INTEGER NOT NULL,
  actor_id TEXT, action TEXT NOT NULL, target TEXT, detail TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS audit_team ON audit (team_id, seq);
${indexedFields()
  .map(
    ({ collection, field, name }) =>
      `CREATE INDEX IF NOT EXISTS ${name} ON documents (team_id, ${sqliteField(field)}) WHERE collection = '${collection}';`,
  )
  .join('\n')}
`;
