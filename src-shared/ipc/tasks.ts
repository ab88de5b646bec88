// The tasks feature's contract: call tasks and to-dos with due times; today and overdue.
import { z } from 'zod';
import type { Task } from '../domain';
import { epochMsSchema, idSchema, shortTextSchema } from '../domain';

export const taskInputSchema = z.object({
  leadId: idSchema.optional(),
  kind: z.enum(['call', 'todo', 'review']).default('todo'),
  title: shortTextSchema.min(1),
  notes: z.string().max(5000).optional(),
  dueAt: epochMsSchema,
});

export const taskArgs = {
  'tasks-create': z.object({ task: taskInputSchema }),
  'tasks-update': z.object({
    id: idSchema,
    patch: z.object({
      title: shortTextSchema.min(1).optional(),
      notes: z.string().max(5000).optional(),
      dueAt: epochMsSchema.optional(),
    }),
  }),
  'tasks-set-status': z.object({ id: idSchema, status: z.enum(['open', 'done', 'cancelled']) }),
  /** Open tasks due before the end of today (team zone), overdue ones first. */
  'tasks-today': z.object({}).default({}),
  'tasks-overdue': z.object({}).default({}),
  'tasks-for-lead': z.object({ leadId: idSchema }),
};

export interface TaskResults {
  'tasks-create': Task;
  'tasks-update': Task;
  'tasks-set-status': Task;
  'tasks-today': { overdue: Task[]; dueToday: Task[] };
  'tasks-overdue': Task[];
  'tasks-for-lead': Task[];
}

export interface TaskEvents {
  'tasks-changed': { ids: string[] };
  /** The tray shows this count. */
  'tasks-overdue-changed': { overdue: number };
}
