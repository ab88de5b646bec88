// Suppressions and claims in the SQLite file. better-sqlite3 is synchronous, so a claim's
// read-decide-write runs whole inside its own savepoint with nothing else in between (ES4);
// the claims of one turn commit together with the turn's other writes (sqlite-group-commit.ts).
import type Database from 'better-sqlite3';
import type { Channel } from '../../src-shared/domain';
import {
  normalizeAddress,
  type ClaimRecord,
  type ClaimState,
  type ClaimStore,
  type ServerSuppression,
  type SuppressionStore,
} from './engine-store';
import {
  CLAIM_COLUMNS,
  SUPPRESSION_COLUMNS,
  claimValues,
  toClaim,
  toSuppression,
  type ClaimRow,
  type SuppressionRow,
} from './engine-rows';
import type { SqliteGroupCommit } from './sqlite-group-commit';

export const SQLITE_ENGINE_SCHEMA = `
CREATE TABLE IF NOT EXISTS suppressions (team_id TEXT NOT NULL, address TEXT NOT NULL, channel TEXT NOT NULL,
  reason TEXT NOT NULL, source TEXT NOT NULL, detail TEXT, at INTEGER NOT NULL,
  PRIMARY KEY (team_id, address, channel)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS claims (team_id TEXT NOT NULL, message_id TEXT NOT NULL, state TEXT NOT NULL,
  fencing INTEGER NOT NULL, holder_id TEXT NOT NULL, replica_id TEXT NOT NULL, lease_until INTEGER NOT NULL,
  channel TEXT NOT NULL, recipient TEXT NOT NULL, provider_id TEXT, detail TEXT, updated_at INTEGER NOT NULL,
  PRIMARY KEY (team_id, message_id)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS claims_lease ON claims (state, lease_until);
CREATE INDEX IF NOT EXISTS claims_team_state ON claims (team_id, state, updated_at);
`;

export class SqliteEngineStore implements SuppressionStore, ClaimStore {
  // Prepared on first use (the tables exist only after migrate).
  private readClaimStatement: Database.Statement | undefined;
  private writeClaimStatement: Database.Statement | undefined;

  constructor(
    private readonly db: Database.Database,
    private readonly group: SqliteGroupCommit,
  ) {}

  migrate(): void {
    this.db.exec(SQLITE_ENGINE_SCHEMA);
  }

  suppress(s: ServerSuppression): Promise<void> {
    this.db
      .prepare(`INSERT OR IGNORE INTO suppressions (${SUPPRESSION_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)`)
      .run(s.teamId, normalizeAddress(s.address), s.channel, s.reason, s.source, s.detail, s.at);
    return Promise.resolve();
  }

  isSuppressed(teamId: string, address: string, channel?: Channel): Promise<boolean> {
    const row =
      channel === undefined
        ? this.db
            .prepare('SELECT 1 FROM suppressions WHERE team_id = ? AND address = ? LIMIT 1')
            .get(teamId, normalizeAddress(address))
        : this.db
            .prepare(
              "SELECT 1 FROM suppressions WHERE team_id = ? AND address = ? AND channel IN (?, 'all') LIMIT 1",
            )
            .get(teamId, normalizeAddress(address), channel);
    return Promise.resolve(row !== undefined);
  }

  findSuppression(teamId: string, address: string, channel: Channel): Promise<ServerSuppression | null> {
    const row = this.db
      .prepare(
        `SELECT ${SUPPRESSION_COLUMNS} FROM suppressions WHERE team_id = ? AND address = ? AND channel IN (?, 'all') ORDER BY at LIMIT 1`,
      )
      .get(teamId, normalizeAddress(address), channel) as SuppressionRow | undefined;
    return Promise.resolve(row === undefined ? null : toSuppression(row));
  }

  lift(teamId: string, address: string, channel: Channel): Promise<number> {
    const result = this.db
      .prepare("DELETE FROM suppressions WHERE team_id = ? AND address = ? AND channel IN (?, 'all')")
      .run(teamId, normalizeAddress(address), channel);
    return Promise.resolve(result.changes);
  }

  listSuppressions(teamId: string, limit: number): Promise<ServerSuppression[]> {
    const rows = this.db
      .prepare(`SELECT ${SUPPRESSION_COLUMNS} FROM suppressions WHERE team_id = ? ORDER BY at DESC LIMIT ?`)
      .all(teamId, limit) as SuppressionRow[];
    return Promise.resolve(rows.map(toSuppression));
  }

  readClaim(teamId: string, messageId: string): Promise<ClaimRecord | null> {
    return Promise.resolve(this.readClaimNow(teamId, messageId));
  }

  private get readClaimRow(): Database.Statement {
    this.readClaimStatement ??= this.db.prepare(
      `SELECT ${CLAIM_COLUMNS} FROM claims WHERE team_id = ? AND message_id = ?`,
    );
    return this.readClaimStatement;
  }

  private get writeClaim(): Database.Statement {
    this.writeClaimStatement ??= this.db.prepare(
      `INSERT OR REPLACE INTO claims (${CLAIM_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    return this.writeClaimStatement;
  }

  private readClaimNow(teamId: string, messageId: string): ClaimRecord | null {
    const row = this.readClaimRow.get(teamId, messageId) as ClaimRow | undefined;
    return row === undefined ? null : toClaim(row);
  }

  updateClaim<R>(
    teamId: string,
    messageId: string,
    decide: (current: ClaimRecord | null) => { next: ClaimRecord | null; result: R },
  ): Promise<R> {
    return this.group.add({
      execute: () => {
        const { next, result } = decide(this.readClaimNow(teamId, messageId));
        if (next !== null) this.writeClaim.run(...claimValues(next));
        return result;
      },
    });
  }

  expireLeases(now: number): Promise<ClaimRecord[]> {
    const rows = this.db
      .prepare(
        `UPDATE claims SET state = 'uncertain', updated_at = ?, detail = 'the lease ran out while the holder may have sent'
         WHERE state = 'held' AND lease_until < ? RETURNING ${CLAIM_COLUMNS}`,
      )
      .all(now, now) as ClaimRow[];
    return Promise.resolve(rows.map(toClaim));
  }

  listClaims(teamId: string, state: ClaimState, limit: number): Promise<ClaimRecord[]> {
    const rows = this.db
      .prepare(
        `SELECT ${CLAIM_COLUMNS} FROM claims WHERE team_id = ? AND state = ? ORDER BY updated_at DESC LIMIT ?`,
      )
      .all(teamId, state, limit) as ClaimRow[];
    return Promise.resolve(rows.map(toClaim));
  }
}
