// The tables' rows as both backends return them, and their mapping to the storage records.
// The shapes are the same on SQLite and PostgreSQL except `active` (SQLite has no boolean).
import type { WireDocument } from '../../src-shared/sync';
import type {
  AccountRecord,
  AuditRecord,
  RefreshTokenRecord,
  StoredDocument,
  TeamRecord,
} from './server-storage';

export const DOCUMENT_COLUMNS = 'collection, id, seq, owner_id, data';

export interface DocumentRow {
  collection: string;
  id: string;
  seq: number;
  owner_id: string | null;
  data: string;
}

export interface TeamRow {
  id: string;
  name: string;
  created_at: number;
}

export interface AccountRow {
  id: string;
  team_id: string;
  email: string;
  name: string;
  role: 'agent' | 'admin';
  /** 1/0 on SQLite, a boolean on PostgreSQL. */
  active: number | boolean;
  password_hash: string | null;
  created_at: number;
}

export interface RefreshTokenRow {
  token_hash: string;
  account_id: string;
  family: string;
  expires_at: number;
  spent_at: number | null;
}

export interface AuditRow {
  seq: number;
  team_id: string;
  at: number;
  actor_id: string | null;
  action: string;
  target: string | null;
  detail: string;
}

export const toDocument = (row: DocumentRow): StoredDocument => ({
  collection: row.collection,
  id: row.id,
  seq: row.seq,
  ownerId: row.owner_id,
  doc: JSON.parse(row.data) as WireDocument,
});

export const toTeam = (row: TeamRow): TeamRecord => ({
  id: row.id,
  name: row.name,
  createdAt: row.created_at,
});

export const toAccount = (row: AccountRow): AccountRecord => ({
  id: row.id,
  teamId: row.team_id,
  email: row.email,
  name: row.name,
  role: row.role,
  active: row.active === true || row.active === 1,
  passwordHash: row.password_hash,
  createdAt: row.created_at,
});

export const toRefreshToken = (row: RefreshTokenRow): RefreshTokenRecord => ({
  tokenHash: row.token_hash,
  accountId: row.account_id,
  family: row.family,
  expiresAt: row.expires_at,
  spentAt: row.spent_at,
});

export const toAudit = (row: AuditRow): AuditRecord & { seq: number } => ({
  seq: row.seq,
  teamId: row.team_id,
  at: row.at,
  actorId: row.actor_id,
  action: row.action,
  target: row.target,
  detail: JSON.parse(row.detail) as AuditRecord['detail'],
});
