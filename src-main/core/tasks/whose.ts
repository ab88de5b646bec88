// Whose to-dos a desktop's Today and its overdue count show: the agent's own and the team pool's.
// An admin's replica holds every agent's tasks (they see all of the team's documents), but a
// teammate's call back or offer to take a lead is theirs to do, not the admin's.
import type { Task } from '../../../src-shared/domain';
import { TEAM_POOL_OWNER_ID } from '../../../src-shared/sync';
import type { Workspace } from '../context';

export function isOnMyDay(task: Pick<Task, 'ownerId'>, workspace: Pick<Workspace, 'agentId'>): boolean {
  return task.ownerId === workspace.agentId || task.ownerId === TEAM_POOL_OWNER_ID;
}
