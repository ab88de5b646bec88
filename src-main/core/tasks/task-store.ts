// Creating tasks from the engine (call steps, failed sends, uncertain sends to review) with
// deterministic ids, so a retried or replicated write makes the same task once.
import type { Task } from '../../../src-shared/domain';
import type { CoreContext } from '../context';

export async function ensureTask(
  ctx: CoreContext,
  task: Omit<Task, 'teamId' | 'ownerId' | 'updatedAt' | 'status'> & { ownerId?: string },
): Promise<Task | null> {
  const doc: Task = {
    teamId: ctx.workspace.teamId,
    ownerId: ctx.workspace.agentId,
    updatedAt: ctx.clock.now(),
    status: 'open',
    ...task,
  };
  const { success } = await ctx.db.tasks.bulkInsert([doc]);
  return success.length === 0 ? null : doc;
}
