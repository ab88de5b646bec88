// Suppressions and claims in PostgreSQL, shared by every server instance on the database. A
// claim's read-decide-write holds a transaction-scoped advisory lock on (team, message), so two
// instances deciding the same message take turns even before its row exists (ES4).
import type pg from 'pg';
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

export const POSTGRES_ENGINE_SCHEMA = `
CREATE TABLE IF NOT EXISTS suppressions (team_id text NOT NULL, address text NOT NULL, channel text NOT NULL,
  reason text NOT NULL, source text NOT NULL, detail text, at bigint NOT NULL, PRIMARY KEY (team_id, address, channel));
CREATE TABLE IF NOT EXISTS claims (team_id text NOT NULL, message_id text NOT NULL, state text NOT NULL,
  fencing bigint NOT NULL, holder_id text NOT NULL, replica_id text NOT NULL, lease_until bigint NOT NULL,
  channel text NOT NULL, recipient text NOT NULL, provider_id text, detail text, updated_at bigint NOT NULL,
  PRIMARY KEY (team_id, message_id));
CREATE INDEX IF NOT EXISTS claims_lease ON claims (state, lease_until);
CREATE INDEX IF NOT EXISTS claims_team_state ON claims (team_id, state, updated_at);
`;

const PLACEHOLDERS = Array.from({ length: 12 }, (_, i) => `$${i + 1}`).join(', ');
const UPSERT_CLAIM = `INSERT INTO claims (${CLAIM_COLUMNS}) VALUES (${PLACEHOLDERS})
  ON CONFLICT (team_id, message_id) DO UPDATE SET state = $3, fencing = $4, holder_id = $5, replica_id = $6,
  lease_until = $7, channel = $8, recipient = $9, provider_id = $10, detail = $11, updated_at = $12`;

export class PostgresEngineStore implements SuppressionStore, ClaimStore {
  constructor(private readonly pool: pg.Pool) {}

  async suppress(s: ServerSuppression): Promise<void> {
    await this.pool.query(
      `INSERT INTO suppressions (${SUPPRESSION_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
      [s.teamId, normalizeAddress(s.address), s.channel, s.reason, s.source, s.detail, s.at],
    );
  }

  async isSuppressed(teamId: string, address: string, channel?: Channel): Promise<boolean> {
    const { rows } =
      channel === undefined
        ? await this.pool.query('SELECT 1 FROM suppressions WHERE team_id = $1 AND address = $2 LIMIT 1', [
            teamId,
            normalizeAddress(address),
          ])
        : await this.pool.query(
            "SELECT 1 FROM suppressions WHERE team_id = $1 AND address = $2 AND channel IN ($3, 'all') LIMIT 1",
            [teamId, normalizeAddress(address), channel],
          );
    return rows.length > 0;
  }

  async findSuppression(
    teamId: string,
    address: string,
    channel: Channel,
  ): Promise<ServerSuppression | null> {
    const { rows } = await this.pool.query<SuppressionRow>(
      `SELECT ${SUPPRESSION_COLUMNS} FROM suppressions WHERE team_id = $1 AND address = $2 AND channel IN ($3, 'all') ORDER BY at LIMIT 1`,
      [teamId, normalizeAddress(address), channel],
    );
    const row = rows[0];
    return row === undefined ? null : toSuppression(row);
  }

  async lift(teamId: string, address: string, channel: Channel): Promise<number> {
    const result = await this.pool.query(
      "DELETE FROM suppressions WHERE team_id = $1 AND address = $2 AND channel IN ($3, 'all')",
      [teamId, normalizeAddress(address), channel],
    );
    return result.rowCount ?? 0;
  }

  async listSuppressions(teamId: string, limit: number): Promise<ServerSuppression[]> {
    const { rows } = await this.pool.query<SuppressionRow>(
      `SELECT ${SUPPRESSION_COLUMNS} FROM suppressions WHERE team_id = $1 ORDER BY at DESC LIMIT $2`,
      [teamId, limit],
    );
    return rows.map(toSuppression);
  }

  async readClaim(teamId: string, messageId: string): Promise<ClaimRecord | null> {
    const { rows } = await this.pool.query<ClaimRow>(
      `SELECT ${CLAIM_COLUMNS} FROM claims WHERE team_id = $1 AND message_id = $2`,
      [teamId, messageId],
    );
    const row = rows[0];
    return row === undefined ? null : toClaim(row);
  }

  async updateClaim<R>(
    teamId: string,
    messageId: string,
    decide: (current: ClaimRecord | null) => { next: ClaimRecord | null; result: R },
  ): Promise<R> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
        `${teamId}\n${messageId}`,
      ]);
      const { rows } = await client.query<ClaimRow>(
        `SELECT ${CLAIM_COLUMNS} FROM claims WHERE team_id = $1 AND message_id = $2`,
        [teamId, messageId],
      );
      const current = rows[0];
      const { next, result } = decide(current === undefined ? null : toClaim(current));
      if (next !== null) await client.query(UPSERT_CLAIM, claimValues(next));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async expireLeases(now: number): Promise<ClaimRecord[]> {
    const { rows } = await this.pool.query<ClaimRow>(
      `UPDATE claims SET state = 'uncertain', updated_at = $1, detail = 'the lease ran out while the holder may have sent'
       WHERE state = 'held' AND lease_until < $1 RETURNING ${CLAIM_COLUMNS}`,
      [now],
    );
    return rows.map(toClaim);
  }

  async listClaims(teamId: string, state: ClaimState, limit: number): Promise<ClaimRecord[]> {
    const { rows } = await this.pool.query<ClaimRow>(
      `SELECT ${CLAIM_COLUMNS} FROM claims WHERE team_id = $1 AND state = $2 ORDER BY updated_at DESC LIMIT $3`,
      [teamId, state, limit],
    );
    return rows.map(toClaim);
  }
}
