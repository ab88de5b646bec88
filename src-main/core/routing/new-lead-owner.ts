// Who a new lead made on this desktop belongs to (decision 0901). Solo: the agent. In a team:
// the team pool, where the server routes it by the admin's rules once it syncs (also when it
// was made offline), unless the agent kept it for themself. Imports and Follow Up Boss ask the
// same question, so every way a lead comes in on a desktop follows one rule.
import { TEAM_POOL_OWNER_ID } from '../../../src-shared/sync';
import type { Workspace } from '../context';
import { SOLO_TEAM_ID } from '../sync/membership';

export function isInTeam(workspace: Pick<Workspace, 'teamId'>): boolean {
  return workspace.teamId !== SOLO_TEAM_ID;
}

export function ownerOfNewLead(workspace: Pick<Workspace, 'teamId' | 'agentId'>, keep: boolean): string {
  return keep || !isInTeam(workspace) ? workspace.agentId : TEAM_POOL_OWNER_ID;
}
