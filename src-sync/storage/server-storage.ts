// The sync server's one storage port. SQLite (embedded, the default) and PostgreSQL implement
// it; test/sync/server-storage-contract.ts holds both to the same rules (SS1, SS2, ...).
//
// Documents keep only their latest state: a row per (team, collection, id) with the team's
// change number `seq`. Every write takes the next numbers of its team in commit order, so a
// pull "after seq N" never misses a change committed later with a lower number (SS2).
// When a write changes a document's owner, the former owner's loss is kept as a scope exit at
// the write's seq (SS15), so a reader who saw the document learns at its next pull that it left.
import type { WireDocument } from '../../src-shared/sync';
import type { ClaimStore, SuppressionStore } from './engine-store';

export interface StoredDocument {
  collection: string;
  id: string;
  seq: number;
  /** The document's `ownerId`, when its collection has one. */
  ownerId: string | null;
  /** The document as the server keeps it, `_deleted` included. */
  doc: WireDocument;
}

/** One change of a pull: the stored JSON text, passed on without parsing it again. */
export interface PulledChange {
  id: string;
  seq: number;
  /** The document as stored, JSON text. */
  data: string;
  /**
   * SY-S6: the document left the reader's scope at `seq` (its owner changed away from the
   * reader's owners). `data` is its current state, which is not the reader's to see: the route
   * sends a tombstone in its place.
   */
  scopeExit: boolean;
}

export interface DocumentWrite {
  id: string;
  ownerId: string | null;
  doc: WireDocument;
}

export interface TeamRecord {
  id: string;
  name: string;
  createdAt: number;
}

export interface AccountRecord {
  id: string;
  teamId: string;
  email: string;
  name: string;
  role: 'agent' | 'admin';
  active: boolean;
  /** scrypt$N$r$p$salt$hash, or null until a sign-in code was redeemed. */
  passwordHash: string | null;
  createdAt: number;
}

export interface RefreshTokenRecord {
  tokenHash: string;
  accountId: string;
  /** Every token rotated from one sign-in shares a family; reuse of a spent one revokes it. */
  family: string;
  expiresAt: number;
  /** Set when the token was rotated or revoked. */
  spentAt: number | null;
}

export interface AuditRecord {
  teamId: string;
  at: number;
  actorId: string | null;
  action: string;
  target: string | null;
  detail: Record<string, string | number | boolean | null>;
}

export interface ChangeNotice {
  teamId: string;
  collection: string;
  seq: number;
}

/** Which owners' documents a reader sees; null = every document of the team. */
export type OwnerFilter = readonly string[] | null;

export interface ServerStorage {
  readonly kind: 'sqlite' | 'postgres';
  /** The team engine's tables (engine-store.ts): suppressions in force now, and send claims. */
  readonly suppressions: SuppressionStore;
  readonly claims: ClaimStore;
  /** Creates the tables when missing; safe to run on every start and from several instances. */
  migrate(): Promise<void>;
  close(): Promise<void>;

  createTeam(team: TeamRecord): Promise<void>;
  findTeam(id: string): Promise<TeamRecord | null>;
  /** Every team's id (the routing sweep visits each). */
  listTeamIds(): Promise<string[]>;
  /** Refuses a second account with the same email (any team): emails sign in. */
  createAccount(account: AccountRecord): Promise<void>;
  findAccountByEmail(email: string): Promise<AccountRecord | null>;
  findAccount(id: string): Promise<AccountRecord | null>;
  listAccounts(teamId: string): Promise<AccountRecord[]>;
  updateAccount(
    id: string,
    patch: Partial<Pick<AccountRecord, 'role' | 'active' | 'passwordHash' | 'name'>>,
  ): Promise<void>;

  saveSignInCode(codeHash: string, accountId: string, expiresAt: number): Promise<void>;
  /** Spends a sign-in code: the account it was for, once, while it has not expired. */
  takeSignInCode(codeHash: string, now: number): Promise<string | null>;

  saveRefreshToken(token: RefreshTokenRecord): Promise<void>;
  /** Marks the token spent and returns it as it was (spentAt shows an earlier spend). */
  spendRefreshToken(tokenHash: string, now: number): Promise<RefreshTokenRecord | null>;
  revokeRefreshFamily(family: string, now: number): Promise<void>;
  revokeAccountTokens(accountId: string, now: number): Promise<void>;

  /** Changes of a collection after `afterSeq`, in seq order, at most `limit`, filtered by owner. */
  changesSince(
    teamId: string,
    collection: string,
    afterSeq: number,
    limit: number,
    owners: OwnerFilter,
  ): Promise<StoredDocument[]>;
  /**
   * A pull page (SY-P2, SY-S6): the documents after `afterSeq` the owners see, and for owned
   * readers the scope exits after it of documents they no longer see, merged in seq order, at
   * most `limit`. A document that came back to the reader's owners has no exit.
   */
  pullChanges(
    teamId: string,
    collection: string,
    afterSeq: number,
    limit: number,
    owners: OwnerFilter,
  ): Promise<PulledChange[]>;
  /** Of `ids`, the current documents that left one of `owners` and are not theirs now (SY-S6). */
  scopeExitsOf(
    teamId: string,
    collection: string,
    ids: readonly string[],
    owners: readonly string[],
  ): Promise<StoredDocument[]>;
  readDocuments(
    teamId: string,
    collection: string,
    ids: readonly string[],
  ): Promise<Map<string, StoredDocument>>;
  /**
   * One atomic write: reads the current documents of `ids`, lets `decide` (synchronous, pure)
   * say what to store, stores it under new seq numbers and tells every instance after commit.
   */
  writeDocuments<R>(
    teamId: string,
    collection: string,
    ids: readonly string[],
    decide: (current: Map<string, StoredDocument>) => { writes: DocumentWrite[]; result: R },
  ): Promise<R>;
  /** Removes documents outright, with no tombstone (erasure of rows whose id holds an address). */
  deleteDocuments(teamId: string, collection: string, ids: readonly string[]): Promise<void>;
  /** Documents of a collection whose field `field` equals `value` (erasure finds a lead's history). */
  findByField(teamId: string, collection: string, field: string, value: string): Promise<StoredDocument[]>;
  /** The highest seq the team has used (0 when none). */
  latestSeq(teamId: string): Promise<number>;
  /** Makes freed space unreadable (after an erasure): SQLite checkpoints the WAL, PostgreSQL vacuums. */
  scrub(): Promise<void>;

  appendAudit(entry: AuditRecord): Promise<void>;
  listAudit(teamId: string, limit: number, beforeSeq?: number): Promise<(AuditRecord & { seq: number })[]>;

  /** Calls `listener` after any instance committed a change. */
  onChange(listener: (notice: ChangeNotice) => void): () => void;
}

/** The account of an email that already has one. */
export class DuplicateEmailError extends Error {
  readonly code = 'email_taken';
  constructor() {
    super('An agent with this email already has an account.');
  }
}
