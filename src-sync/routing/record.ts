// What a routing decision leaves for people to see: a note on the lead's timeline (every
// decision: routed, offered, taken, escalated) and a to-do for the agent it concerns, which
// replicates to their desktop and shows in Today (the desktop notifies on it). Ids are derived
// from the lead and the step, so a decision recorded twice (a retry, two instances) is one note.
import { messageSchema, taskSchema, type Lead, type Message, type Task } from '../../src-shared/domain';
import { digest } from '../accounts/tokens';
import type { ServerStorage } from '../storage/server-storage';
import { changeDocument, insertDocuments } from '../team/team-docs';

export const idFor = (prefix: string, ...parts: string[]): string =>
  `${prefix}-${digest(parts.join('\u001f')).slice(0, 40)}`;

/** The id of the timeline note of one routing step of a lead. */
export const routingNoteId = (leadId: string, step: string): string => idFor('route', leadId, step);

export function leadName(lead: Pick<Lead, 'firstName' | 'lastName' | 'email' | 'phone'>): string {
  return `${lead.firstName} ${lead.lastName}`.trim() || lead.email || lead.phone || 'a new lead';
}

/** A note on the lead's timeline, owned like the lead so it replicates with it. */
export async function noteRouting(
  storage: ServerStorage,
  teamId: string,
  lead: Lead,
  ownerId: string,
  step: string,
  text: string,
  now: number,
): Promise<void> {
  const note: Message = {
    id: routingNoteId(lead.id, step),
    teamId,
    ownerId,
    updatedAt: now,
    leadId: lead.id,
    direction: 'outbound',
    channel: 'note',
    status: 'logged',
    createdAt: now,
    body: text.slice(0, 2000),
    attempt: 0,
    authoredBy: 'template',
    statusHistory: [{ status: 'logged', at: now, detail: 'lead routing' }],
    demo: lead.demo,
  };
  await insertDocuments(storage, teamId, 'messages', messageSchema, [note]);
}

export const offerTaskId = (leadId: string, agentId: string): string => idFor('route-task', leadId, agentId);

/** A to-do for one agent about the lead, due now. */
export async function tellAgent(
  storage: ServerStorage,
  teamId: string,
  lead: Lead,
  agentId: string,
  title: string,
  now: number,
): Promise<void> {
  await writeTodo(
    storage,
    teamId,
    { id: offerTaskId(lead.id, agentId), agentId, leadId: lead.id, title, demo: lead.demo },
    now,
  );
}

/** One to-do, due now, for an agent; `leadId` absent for a to-do about several leads (a batch). */
export async function writeTodo(
  storage: ServerStorage,
  teamId: string,
  todo: { id: string; agentId: string; leadId?: string; title: string; notes?: string; demo: boolean },
  now: number,
): Promise<void> {
  const agentId = todo.agentId;
  const task: Task = {
    id: todo.id,
    teamId,
    ownerId: agentId,
    updatedAt: now,
    ...(todo.leadId === undefined ? {} : { leadId: todo.leadId }),
    kind: 'todo',
    title: todo.title.slice(0, 200),
    ...(todo.notes === undefined ? {} : { notes: todo.notes.slice(0, 5000) }),
    dueAt: now,
    status: 'open',
    demo: todo.demo,
  };
  await storage.writeDocuments(teamId, 'tasks', [task.id], () => ({
    writes: [{ id: task.id, ownerId: agentId, doc: { ...taskSchema.parse(task), _deleted: false } }],
    result: undefined,
  }));
}

/** Closes the offer to-dos: done for the agent who got the lead, cancelled for the others. */
export async function closeOffers(
  storage: ServerStorage,
  teamId: string,
  leadId: string,
  agents: readonly string[],
  taker: string | null,
  now: number,
): Promise<void> {
  for (const agentId of agents) {
    const status = agentId === taker ? ('done' as const) : ('cancelled' as const);
    await changeDocument(storage, teamId, 'tasks', taskSchema, offerTaskId(leadId, agentId), (task) =>
      task.status !== 'open'
        ? null
        : {
            ...task,
            status,
            completedAt: now,
            updatedAt: Math.max(task.updatedAt + 1, now),
          },
    );
  }
}
