// Which server this desktop syncs with and as whom: the settings document "sync", which is
// device-only (never replicated, SY-S5). The refresh token is a secret and lives in the
// SecretStore as `sync.token`, never here.
import { z } from 'zod';
import type { PorchlightDatabase } from '../store/collections';

export const SYNC_SETTINGS_ID = 'sync';
/** The team id and owner id of a workspace that has never joined a team. */
export const SOLO_TEAM_ID = 'solo';
export const SOLO_AGENT_ID = 'me';

const membershipSchema = z.object({
  serverUrl: z.string().nullable().default(null),
  agent: z
    .object({
      id: z.string(),
      teamId: z.string(),
      email: z.string(),
      name: z.string(),
      role: z.enum(['agent', 'admin']),
    })
    .nullable()
    .default(null),
  /** This desktop's name in the team's claims: the same across restarts (docs/sync.md, CL3). */
  replicaId: z.string().nullable().default(null),
});
export type Membership = z.infer<typeof membershipSchema>;

export async function readMembership(db: PorchlightDatabase): Promise<Membership> {
  const doc = await db.settings.findOne(SYNC_SETTINGS_ID).exec();
  const parsed = membershipSchema.safeParse(doc?.value ?? {});
  return parsed.success ? parsed.data : { serverUrl: null, agent: null, replicaId: null };
}

export async function writeMembership(
  db: PorchlightDatabase,
  membership: Membership,
  now: number,
): Promise<void> {
  await db.settings.upsert({
    id: SYNC_SETTINGS_ID,
    // A device setting: it keeps the solo keys whatever team the desktop is in.
    teamId: SOLO_TEAM_ID,
    ownerId: SOLO_AGENT_ID,
    updatedAt: now,
    value: membership,
  });
}

/** The workspace keys a stored membership gives at start-up (none while solo). */
export function workspaceKeysOf(membership: Membership): { teamId: string; agentId: string } | undefined {
  return membership.agent === null
    ? undefined
    : { teamId: membership.agent.teamId, agentId: membership.agent.id };
}
