// Column lists and row mappers of the team engine's tables, shared by both backends (the
// tables have the same shape in SQLite and PostgreSQL).
import type { Channel } from '../../src-shared/domain';
import type { ClaimRecord, ClaimState, ServerSuppression } from './engine-store';

export interface SuppressionRow {
  team_id: string;
  address: string;
  channel: ServerSuppression['channel'];
  reason: ServerSuppression['reason'];
  source: string;
  detail: string | null;
  at: number;
}
export interface ClaimRow {
  team_id: string;
  message_id: string;
  state: ClaimState;
  fencing: number;
  holder_id: string;
  replica_id: string;
  lease_until: number;
  channel: Channel;
  recipient: string;
  provider_id: string | null;
  detail: string | null;
  updated_at: number;
}

export const toSuppression = (row: SuppressionRow): ServerSuppression => ({
  teamId: row.team_id,
  address: row.address,
  channel: row.channel,
  reason: row.reason,
  source: row.source,
  detail: row.detail,
  at: row.at,
});
export const toClaim = (row: ClaimRow): ClaimRecord => ({
  teamId: row.team_id,
  messageId: row.message_id,
  state: row.state,
  fencing: row.fencing,
  holderId: row.holder_id,
  replicaId: row.replica_id,
  leaseUntil: row.lease_until,
  channel: row.channel,
  recipient: row.recipient,
  providerId: row.provider_id,
  detail: row.detail,
  updatedAt: row.updated_at,
});
/** A claim's column values in CLAIM_COLUMNS order. */
export const claimValues = (c: ClaimRecord): (string | number | null)[] => [
  c.teamId,
  c.messageId,
  c.state,
  c.fencing,
  c.holderId,
  c.replicaId,
  c.leaseUntil,
  c.channel,
  c.recipient,
  c.providerId,
  c.detail,
  c.updatedAt,
];
export const CLAIM_COLUMNS =
  'team_id, message_id, state, fencing, holder_id, replica_id, lease_until, channel, recipient, provider_id, detail, updated_at';
export const SUPPRESSION_COLUMNS = 'team_id, address, channel, reason, source, detail, at';
