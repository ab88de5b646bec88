// Teams and their agents: the first admin (the `init` command), invites, roles, deactivation.
// Each change also writes the agent's document in the replicated `agents` collection, so every
// desktop of the team sees the roster, and an audit entry.
import { randomUUID } from 'node:crypto';
import type { Agent } from '../../src-shared/domain';
import type { Role, SessionAgent } from '../../src-shared/sync';
import type { Clock } from '../context';
import type { AccountRecord, ServerStorage } from '../storage/server-storage';
import { SyncError } from '../middleware/errors';
import { digest, newSignInCode, normaliseCode, SIGN_IN_CODE_MS } from './tokens';

export function toSessionAgent(account: AccountRecord): SessionAgent {
  return {
    id: account.id,
    teamId: account.teamId,
    email: account.email,
    name: account.name,
    role: account.role,
  };
}

async function writeAgentDocument(
  storage: ServerStorage,
  account: AccountRecord,
  now: number,
): Promise<void> {
  const doc: Agent & { _deleted: boolean } = {
    id: account.id,
    teamId: account.teamId,
    ownerId: account.id,
    updatedAt: now,
    name: account.name,
    email: account.email,
    role: account.role,
    active: account.active,
    _deleted: false,
  };
  await storage.writeDocuments(account.teamId, 'agents', [account.id], () => ({
    writes: [{ id: account.id, ownerId: account.id, doc }],
    result: undefined,
  }));
}

async function issueCode(
  storage: ServerStorage,
  accountId: string,
  now: number,
): Promise<{ code: string; expiresAt: number }> {
  const code = newSignInCode();
  const expiresAt = now + SIGN_IN_CODE_MS;
  await storage.saveSignInCode(digest(normaliseCode(code)), accountId, expiresAt);
  return { code, expiresAt };
}

export async function createTeamWithAdmin(
  storage: ServerStorage,
  clock: Clock,
  input: { teamName: string; adminEmail: string; adminName?: string },
): Promise<{ teamId: string; admin: SessionAgent; code: string; expiresAt: number }> {
  const now = clock.now();
  const teamId = `team-${randomUUID()}`;
  await storage.createTeam({ id: teamId, name: input.teamName, createdAt: now });
  const admin: AccountRecord = {
    id: `agent-${randomUUID()}`,
    teamId,
    email: input.adminEmail,
    name: input.adminName ?? input.adminEmail.split('@')[0] ?? input.adminEmail,
    role: 'admin',
    active: true,
    passwordHash: null,
    createdAt: now,
  };
  await storage.createAccount(admin);
  await writeAgentDocument(storage, admin, now);
  await storage.appendAudit({
    teamId,
    at: now,
    actorId: null,
    action: 'team.created',
    target: admin.id,
    detail: {},
  });
  return { teamId, admin: toSessionAgent(admin), ...(await issueCode(storage, admin.id, now)) };
}

export async function inviteAgent(
  storage: ServerStorage,
  clock: Clock,
  actor: SessionAgent,
  input: { email: string; name: string; role: Role },
): Promise<{ agent: SessionAgent; code: string; expiresAt: number }> {
  const now = clock.now();
  const account: AccountRecord = {
    id: `agent-${randomUUID()}`,
    teamId: actor.teamId,
    email: input.email,
    name: input.name,
    role: input.role,
    active: true,
    passwordHash: null,
    createdAt: now,
  };
  await storage.createAccount(account);
  await writeAgentDocument(storage, account, now);
  await storage.appendAudit({
    teamId: actor.teamId,
    at: now,
    actorId: actor.id,
    action: 'agent.invited',
    target: account.id,
    detail: { role: input.role },
  });
  return { agent: toSessionAgent(account), ...(await issueCode(storage, account.id, now)) };
}

export async function changeAgent(
  storage: ServerStorage,
  clock: Clock,
  actor: SessionAgent,
  agentId: string,
  patch: { role?: Role | undefined; active?: boolean | undefined },
): Promise<SessionAgent & { active: boolean }> {
  const account = await storage.findAccount(agentId);
  if (account?.teamId !== actor.teamId)
    throw new SyncError(404, 'agent_not_found', 'There is no such agent in your team.');
  if (agentId === actor.id && (patch.active === false || patch.role === 'agent')) {
    throw new SyncError(
      409,
      'own_account',
      'You cannot deactivate yourself or give up your own admin role; ask another admin.',
    );
  }
  const now = clock.now();
  const next: AccountRecord = {
    ...account,
    ...(patch.role === undefined ? {} : { role: patch.role }),
    ...(patch.active === undefined ? {} : { active: patch.active }),
  };
  await storage.updateAccount(agentId, { role: next.role, active: next.active });
  if (!next.active) await storage.revokeAccountTokens(agentId, now);
  await writeAgentDocument(storage, next, now);
  if (patch.role !== undefined && patch.role !== account.role) {
    await storage.appendAudit({
      teamId: actor.teamId,
      at: now,
      actorId: actor.id,
      action: 'agent.role_changed',
      target: agentId,
      detail: { role: patch.role },
    });
  }
  if (patch.active !== undefined && patch.active !== account.active) {
    await storage.appendAudit({
      teamId: actor.teamId,
      at: now,
      actorId: actor.id,
      action: patch.active ? 'agent.reactivated' : 'agent.deactivated',
      target: agentId,
      detail: {},
    });
  }
  return { ...toSessionAgent(next), active: next.active };
}

/** A new one-time code for an agent who lost theirs or forgot their password. */
export async function reissueCode(
  storage: ServerStorage,
  clock: Clock,
  actor: SessionAgent,
  agentId: string,
) {
  const account = await storage.findAccount(agentId);
  if (account?.teamId !== actor.teamId)
    throw new SyncError(404, 'agent_not_found', 'There is no such agent in your team.');
  const now = clock.now();
  await storage.appendAudit({
    teamId: actor.teamId,
    at: now,
    actorId: actor.id,
    action: 'agent.code_issued',
    target: agentId,
    detail: {},
  });
  return issueCode(storage, agentId, now);
}
