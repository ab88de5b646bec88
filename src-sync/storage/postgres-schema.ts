// The PostgreSQL tables, created when missing (the same shape as the SQLite file).
export const POSTGRES_SCHEMA = `
CREATE TABLE IF NOT EXISTS teams (id text PRIMARY KEY, name text NOT NULL, created_at bigint NOT NULL, seq bigint NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS accounts (id text PRIMARY KEY, team_id text NOT NULL REFERENCES teams (id), email text NOT NULL UNIQUE,
  name text NOT NULL, role text NOT NULL, active boolean NOT NULL, password_hash text, created_at bigint NOT NULL);
CREATE TABLE IF NOT EXISTS sign_in_codes (code_hash text PRIMARY KEY, account_id text NOT NULL, expires_at bigint NOT NULL);
CREATE TABLE IF NOT EXISTS refresh_tokens (token_hash text PRIMARY KEY, account_id text NOT NULL, family text NOT NULL,
  expires_at bigint NOT NULL, spent_at bigint);
CREATE INDEX IF NOT EXISTS refresh_tokens_account ON refresh_tokens (account_id);
CREATE INDEX IF NOT EXISTS refresh_tokens_family ON refresh_tokens (family);
CREATE TABLE IF NOT EXISTS documents (team_id text NOT NULL, collection text NOT NULL, id text NOT NULL, seq bigint NOT NULL,
  owner_id text, data text NOT NULL, PRIMARY KEY (team_id, collection, id));
CREATE UNIQUE INDEX IF NOT EXISTS documents_order ON documents (team_id, collection, seq);
CREATE TABLE IF NOT EXISTS scope_exits (team_id text NOT NULL, collection text NOT NULL, id text NOT NULL, owner_id text NOT NULL,
  seq bigint NOT NULL, PRIMARY KEY (team_id, collection, id, owner_id));
CREATE INDEX IF NOT EXISTS scope_exits_order ON scope_exits (team_id, collection, seq);
CREATE TABLE IF NOT EXISTS audit (seq bigserial PRIMARY KEY, team_id text NOT NULL, at bigint NOT NULL, actor_id text,
  action text NOT NULL, target text, detail text NOT NULL);
CREATE INDEX IF NOT EXISTS audit_team ON audit (team_id, seq);
`;
