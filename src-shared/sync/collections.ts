// Which collections replicate, who may see and write each, and which conflict rule it follows
// (docs/sync.md, SY-S* and SY-M*). The server and the desktop read the same table.
import type { z } from 'zod';
import {
  agentSchema,
  enrollmentSchema,
  leadSchema,
  listingSchema,
  messageSchema,
  scoringModelSchema,
  sequenceSchema,
  settingSchema,
  suppressionSchema,
  taskSchema,
  templateSchema,
} from '../domain';

/** `ownerId` of a lead in the team's shared pool: every agent of the team sees it (SY-S2). */
export const TEAM_POOL_OWNER_ID = 'team-pool';

/**
 * SY-S1 owned: an agent sees documents they own and the pool's; an admin sees all.
 * SY-S3 team: every member of the team sees every document.
 */
export type SyncScope = 'owned' | 'team';
/** Who may write: any member of the team, or admins only (SY-S4). */
export type SyncWriters = 'member' | 'admin';
/** The conflict rule applied when a push meets a different master state (docs/sync.md). */
export type MergeRule = 'master-wins' | 'lead-fields' | 'message-status' | 'suppression-wins';

export interface SyncCollectionSpec {
  name: string;
  primaryKey: string;
  /** Parses a document's fields (without `_deleted`); the server stores what it returns. */
  schema: z.ZodType<Record<string, unknown>>;
  scope: SyncScope;
  writers: SyncWriters;
  merge: MergeRule;
  /** When the documents carry `teamId` and `ownerId` (all of Porchlight's do). */
  teamFields: boolean;
  /** SY-S5: documents of this collection that never leave the device (refused on push). */
  isDeviceOnly?: (id: string) => boolean;
}

/**
 * Settings that are the team's and replicate. Every other setting (channel connections,
 * AI endpoints, a device's spend ledger, window state) stays on its device (SY-S5).
 */
export const TEAM_SETTING_IDS: readonly string[] = ['engine'];
export const TEAM_SETTING_PREFIX = 'team.';

export function isTeamSetting(id: string): boolean {
  return TEAM_SETTING_IDS.includes(id) || id.startsWith(TEAM_SETTING_PREFIX);
}

function spec(
  name: ReplicatedCollectionName,
  schema: z.ZodType<Record<string, unknown>>,
  scope: SyncScope,
  writers: SyncWriters,
  merge: MergeRule,
  extra: Partial<SyncCollectionSpec> = {},
): SyncCollectionSpec {
  return { name, primaryKey: 'id', schema, scope, writers, merge, teamFields: true, ...extra };
}

/** The collections that replicate, in the order the desktop starts them. */
export const REPLICATED_COLLECTIONS = [
  'leads',
  'messages',
  'sequences',
  'enrollments',
  'templates',
  'tasks',
  'suppressions',
  'agents',
  'settings',
  'scoring_models',
  'listings',
] as const;
export type ReplicatedCollectionName = (typeof REPLICATED_COLLECTIONS)[number];

export const porchlightSyncCollections: readonly SyncCollectionSpec[] = [
  spec('leads', leadSchema, 'owned', 'member', 'lead-fields'),
  spec('messages', messageSchema, 'owned', 'member', 'message-status'),
  spec('sequences', sequenceSchema, 'team', 'member', 'master-wins'),
  spec('enrollments', enrollmentSchema, 'owned', 'member', 'master-wins'),
  spec('templates', templateSchema, 'team', 'member', 'master-wins'),
  spec('tasks', taskSchema, 'owned', 'member', 'master-wins'),
  spec('suppressions', suppressionSchema, 'team', 'member', 'suppression-wins'),
  spec('agents', agentSchema, 'team', 'admin', 'master-wins'),
  spec('settings', settingSchema, 'team', 'admin', 'master-wins', {
    isDeviceOnly: (id) => !isTeamSetting(id),
  }),
  spec('scoring_models', scoringModelSchema, 'team', 'admin', 'master-wins'),
  // The brokerage's homes: any member's import brings the whole team the same feed (SY-S3).
  spec('listings', listingSchema, 'team', 'member', 'master-wins'),
];
