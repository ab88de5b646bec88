// The tasks feature: call tasks and to-dos with due times; today and overdue for the agent.
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import type { Task } from '../../../src-shared/domain';
import type { ValidArgs } from '../../../src-shared/ipc/contract';
import { PorchlightError } from '../../../src-shared/ipc/errors';
import type { CoreContext } from '../context';
import { readEngineSettings } from '../engine/settings';
import { isOnMyDay } from './whose';

export function taskHandlers(ctx: CoreContext) {
  const { db, clock } = ctx;

  /** The open tasks on this agent's day (whose.ts), in due order. */
  async function open(selector: Record<string, unknown>): Promise<Task[]> {
    const docs = await db.tasks
      .find({ selector: { status: 'open', ...selector }, sort: [{ status: 'asc' }, { dueAt: 'asc' }] })
      .exec();
    return docs.map((d) => d.toMutableJSON()).filter((task) => isOnMyDay(task, ctx.workspace));
  }

  async function patch(id: string, change: (t: Task) => Task): Promise<Task> {
    const doc = await db.tasks.findOne(id).exec();
    if (doc === null) throw new PorchlightError('not_found', `Task ${id} was not found.`);
    return (await doc.incrementalModify((t) => ({ ...change(t), updatedAt: clock.now() }))).toMutableJSON();
  }

  return {
    'tasks-create': async (args: ValidArgs<'tasks-create'>): Promise<Task> => {
      const task: Task = {
        id: randomUUID(),
        teamId: ctx.workspace.teamId,
        ownerId: ctx.workspace.agentId,
        updatedAt: clock.now(),
        kind: args.task.kind,
        title: args.task.title,
        dueAt: args.task.dueAt,
        status: 'open',
        demo: false,
      };
      if (args.task.leadId !== undefined) task.leadId = args.task.leadId;
      if (args.task.notes !== undefined) task.notes = args.task.notes;
      await db.tasks.insert(task);
      return task;
    },
    'tasks-update': (args: ValidArgs<'tasks-update'>) =>
      patch(args.id, (t) => ({
        ...t,
        ...(args.patch.title === undefined ? {} : { title: args.patch.title }),
        ...(args.patch.notes === undefined ? {} : { notes: args.patch.notes }),
        ...(args.patch.dueAt === undefined ? {} : { dueAt: args.patch.dueAt }),
      })),
    'tasks-set-status': (args: ValidArgs<'tasks-set-status'>) =>
      patch(args.id, (t) => {
        const next: Task = { ...t, status: args.status };
        if (args.status === 'done') next.completedAt = clock.now();
        else delete next.completedAt;
        return next;
      }),
    'tasks-today': async () => {
      const settings = await readEngineSettings(ctx);
      const now = clock.now();
      const endOfDay = DateTime.fromMillis(now, { zone: settings.teamTimeZone }).endOf('day').toMillis();
      const tasks = await open({ dueAt: { $lte: endOfDay } });
      return { overdue: tasks.filter((t) => t.dueAt < now), dueToday: tasks.filter((t) => t.dueAt >= now) };
    },
    'tasks-overdue': () => open({ dueAt: { $lt: clock.now() } }),
    'tasks-for-lead': async (args: ValidArgs<'tasks-for-lead'>): Promise<Task[]> => {
      const docs = await db.tasks
        .find({ selector: { leadId: args.leadId }, sort: [{ dueAt: 'asc' }] })
        .exec();
      return docs.map((d) => d.toMutableJSON());
    },
  };
}

export type TaskHandlers = ReturnType<typeof taskHandlers>;
