// Leads that waited for an agent. A lead handed to the team while every agent was paused or
// inactive stays in the pool with a note ("Nobody could be given this lead…") and a waiting
// record here (server-private, "server.routing_waiting", one per lead, never replicated). Once
// someone can take leads again (an agent resumes, an admin unpauses or adds one), the next pass
// routes each waiting lead by the rules as they are now:
//   1. no lead waiting, or nobody available yet: no lead is read (a cheap pass);
//   2. a waiting lead no longer in the pool (taken, reassigned, in the bin, merged): its record goes;
//   3. the record is removed by compare-and-set, so one instance routes the lead, once;
//   4. routed as a new lead is (round robin gives it, first to claim offers it, each with its
//      note; imports told once per agent); its escalation counts from now. If the rules changed
//      again meanwhile and nobody can take it, the record comes back and it keeps waiting.
import { leadSchema } from '../../src-shared/domain';
import { availableAgents } from '../../src-shared/routing';
import { TEAM_POOL_OWNER_ID } from '../../src-shared/sync';
import type { ServerStorage } from '../storage/server-storage';
import { applyRoute, type ImportTells, type PassTeam } from './apply-route';
import { routeNewLead } from './route-lead';

const WAITING = 'server.routing_waiting';
const PAGE = 500;

const waitingId = (leadId: string): string => `waiting:${leadId}`;

/** Keeps a lead nobody could be given, to route once someone can. */
export async function saveWaiting(
  storage: ServerStorage,
  teamId: string,
  leadId: string,
  now: number,
): Promise<void> {
  const id = waitingId(leadId);
  await storage.writeDocuments(teamId, WAITING, [id], () => ({
    writes: [{ id, ownerId: null, doc: { id, leadId, at: now, _deleted: false } }],
    result: undefined,
  }));
}

/** Removes the lead's waiting record; true when this call removed it (it routes the lead). */
async function takeWaiting(storage: ServerStorage, teamId: string, leadId: string): Promise<boolean> {
  const id = waitingId(leadId);
  const won = await storage.writeDocuments(teamId, WAITING, [id], (current) => {
    const row = current.get(id);
    if (row === undefined || row.doc._deleted) return { writes: [], result: false };
    return { writes: [{ id, ownerId: null, doc: { id, _deleted: true } }], result: true };
  });
  if (won) await storage.deleteDocuments(teamId, WAITING, [id]);
  return won;
}

/** The leads waiting for an agent, oldest first. */
async function waitingLeadIds(storage: ServerStorage, teamId: string): Promise<string[]> {
  const ids: string[] = [];
  for (let seq = 0; ;) {
    const rows = await storage.changesSince(teamId, WAITING, seq, PAGE, null);
    for (const row of rows) if (!row.doc._deleted) ids.push(String(row.doc.leadId));
    const last = rows.at(-1);
    if (last === undefined || rows.length < PAGE) return ids;
    seq = last.seq;
  }
}

/** Routes the leads that waited, now that someone can take them; how many were routed. */
export async function routeWaitingLeads(
  storage: ServerStorage,
  teamId: string,
  team: PassTeam,
  tells: ImportTells,
  now: number,
): Promise<number> {
  const ids = await waitingLeadIds(storage, teamId);
  if (ids.length === 0) return 0;
  const current = await team();
  if (availableAgents(current.rules, current.accounts).length === 0) return 0;
  let routed = 0;
  for (let start = 0; start < ids.length; start += PAGE) {
    const page = ids.slice(start, start + PAGE);
    const rows = await storage.readDocuments(teamId, 'leads', page);
    for (const leadId of page) {
      const parsed = leadSchema.safeParse(rows.get(leadId)?.doc);
      const lead = parsed.success ? parsed.data : undefined;
      if (!(await takeWaiting(storage, teamId, leadId))) continue;
      const inPool =
        lead !== undefined &&
        lead.ownerId === TEAM_POOL_OWNER_ID &&
        lead.deletedAt === 0 &&
        lead.mergedInto === undefined &&
        rows.get(leadId)?.doc._deleted !== true;
      if (!inPool) continue;
      const route = await routeNewLead(storage, teamId, lead, now, {
        quiet: lead.importId !== undefined,
        marked: true,
        team: current,
      });
      if (route === null) await saveWaiting(storage, teamId, leadId, now);
      else if (await applyRoute(storage, teamId, lead, route, tells, now)) routed += 1;
    }
  }
  return routed;
}
