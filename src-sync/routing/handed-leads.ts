// Leads a desktop hands to the team (decision 0901): the new-lead form, a CSV import or Follow
// Up Boss on a desktop in a team stores a new lead in the team pool unless the agent kept it;
// it reaches the server by replication, whenever that desktop is online. Here the server routes
// each such lead by the same rules as the intake endpoint (route-lead.ts), once:
//   1. read the team's pool leads changed after the "handed-seq" mark, page by page;
//   2. skip a lead in the bin or merged, or routed before the routed marks existed (an offer,
//      or its "offered" note);
//   3. set the lead's routed mark by compare-and-set: the instance that sets it routes it, a
//      lead marked already (by intake, another instance, an earlier pass) is left alone;
//   4. round robin: the lead moves from the pool to its agent; first to claim: it stays in the
//      pool, offered to the group; nobody available: it stays in the pool, with a note;
//   5. imported leads (CSV or Follow Up Boss, `importId` set) are routed one by one but told
//      per import: each agent gets one to-do for the leads of one import, its count carried on
//      over passes, not one per lead; a single new lead gets its to-dos as intake leads do.
// It runs when leads change on any instance (storage.onChange) and on a sweep, which also
// catches up after a restart. The rules and accounts are read once per pass.
import { leadSchema, type Lead } from '../../src-shared/domain';
import { TEAM_POOL_OWNER_ID } from '../../src-shared/sync';
import type { Clock, Logger } from '../context';
import type { ServerStorage } from '../storage/server-storage';
import { startLeadPasses } from '../team/lead-passes';
import { changeDocument } from '../team/team-docs';
import { idFor, noteRouting, routingNoteId, writeTodo } from './record';
import { routeNewLead } from './route-lead';
import type { RoutingAccount, RoutingRules } from '../../src-shared/routing';
import {
  markRouted,
  readHandedSeq,
  readImportTally,
  readOffer,
  readRules,
  routingAccounts,
  saveHandedSeq,
  saveImportTally,
  type ImportTally,
} from './store';

const PAGE = 500;
export const HANDED_SWEEP_MS = 15_000;

/** What one pass gave each agent of one import: offered to take, or routed to them. */
class ImportTells {
  private readonly counts = new Map<string, { offered: number; given: number; demo: boolean }>();

  add(importId: string, agentId: string, mode: 'offered' | 'given', demo: boolean): void {
    const key = `${importId}\u001f${agentId}`;
    const count = this.counts.get(key) ?? { offered: 0, given: 0, demo };
    count[mode] += 1;
    this.counts.set(key, count);
  }

  /**
   * One to-do per agent and import, its count carried on as later passes add leads; once the
   * agent closed it, the next leads of that import start a new one.
   */
  async tell(storage: ServerStorage, teamId: string, now: number): Promise<void> {
    for (const [key, count] of this.counts) {
      const [importId = '', agentId = ''] = key.split('\u001f');
      const tally = await readImportTally(storage, teamId, importId, agentId);
      const taskId = (round: number): string => idFor('route-import', importId, agentId, String(round));
      const last = (await storage.readDocuments(teamId, 'tasks', [taskId(tally.round)])).get(
        taskId(tally.round),
      );
      const closed = last !== undefined && last.doc.status !== 'open';
      const next: ImportTally = closed
        ? { offered: count.offered, given: count.given, round: tally.round + 1 }
        : { offered: tally.offered + count.offered, given: tally.given + count.given, round: tally.round };
      await saveImportTally(storage, teamId, importId, agentId, next);
      await writeTodo(
        storage,
        teamId,
        {
          id: taskId(next.round),
          agentId,
          title: importTitle(next.offered, next.given),
          notes:
            next.offered > 0
              ? 'Each offered lead waits in the team pool, under Leads; open one and choose “Take this lead”. The first agent to take it owns it.'
              : 'They are in your leads now, each with a note saying which rule gave it to you.',
          demo: count.demo,
        },
        now,
      );
    }
  }
}

const leadsWord = (n: number): string => `${n} lead${n === 1 ? '' : 's'}`;

export function importTitle(offered: number, given: number): string {
  const parts = [
    ...(given > 0 ? [`${leadsWord(given)} routed to you`] : []),
    ...(offered > 0 ? [`${leadsWord(offered)} offered to you to take`] : []),
  ];
  return `From an import: ${parts.join(' and ')}`;
}

/** Routed before the routed mark existed: an offer, or the note of one (the mark is the CAS). */
async function routedBeforeMarks(storage: ServerStorage, teamId: string, lead: Lead): Promise<boolean> {
  if ((await readOffer(storage, teamId, lead.id)) !== null) return true;
  const note = routingNoteId(lead.id, 'offered');
  const found = (await storage.readDocuments(teamId, 'messages', [note])).get(note);
  return found !== undefined && !found.doc._deleted;
}

/** Routes one handed lead; whether it was this call that routed it. */
async function routeHanded(
  storage: ServerStorage,
  teamId: string,
  lead: Lead,
  tells: ImportTells,
  team: PassTeam,
  now: number,
): Promise<boolean> {
  if (lead.deletedAt !== 0 || lead.mergedInto !== undefined) return false;
  if (await routedBeforeMarks(storage, teamId, lead)) return false;
  const imported = lead.importId;
  // routeNewLead sets the mark too; setting it here first settles which instance routes it.
  const routed = await routeHandedOnce(storage, teamId, lead, now, imported !== undefined, team);
  if (routed === 'lost') return false;
  if (routed === null) {
    await noteRouting(
      storage,
      teamId,
      lead,
      TEAM_POOL_OWNER_ID,
      'waiting',
      'Nobody could be given this lead (every agent is paused or inactive): it waits in the team pool.',
      now,
    );
    return true;
  }
  if (routed.mode === 'round_robin') {
    const moved = await changeDocument(storage, teamId, 'leads', leadSchema, lead.id, (current) =>
      current.ownerId !== TEAM_POOL_OWNER_ID
        ? null
        : { ...current, ownerId: routed.ownerId, updatedAt: Math.max(current.updatedAt + 1, now) },
    );
    // Someone took or reassigned it in the meantime: their choice stands.
    if (moved === null) return false;
    const agents = await routed.record(moved);
    if (imported !== undefined) for (const id of agents) tells.add(imported, id, 'given', lead.demo);
    return true;
  }
  const agents = await routed.record(lead);
  if (imported !== undefined) for (const id of agents) tells.add(imported, id, 'offered', lead.demo);
  return true;
}

async function routeHandedOnce(
  storage: ServerStorage,
  teamId: string,
  lead: Lead,
  now: number,
  quiet: boolean,
  team: PassTeam,
): Promise<Awaited<ReturnType<typeof routeNewLead>> | 'lost'> {
  if (!(await markRouted(storage, teamId, lead.id, now))) return 'lost';
  return routeNewLead(storage, teamId, lead, now, { quiet, marked: true, team: await team() });
}

/** The team's rules and accounts, read at most once per pass and only when a lead needs them. */
type PassTeam = () => Promise<{ rules: RoutingRules; accounts: RoutingAccount[] }>;

function passTeam(storage: ServerStorage, teamId: string): PassTeam {
  let read: Promise<{ rules: RoutingRules; accounts: RoutingAccount[] }> | undefined;
  return () =>
    (read ??= Promise.all([readRules(storage, teamId), routingAccounts(storage, teamId)]).then(
      ([rules, accounts]) => ({ rules, accounts }),
    ));
}

/** One pass over a team's handed leads; how many it routed. */
export async function routeHandedLeads(storage: ServerStorage, teamId: string, now: number): Promise<number> {
  const tells = new ImportTells();
  const team = passTeam(storage, teamId);
  let routed = 0;
  let seq = await readHandedSeq(storage, teamId);
  for (;;) {
    const rows = await storage.changesSince(teamId, 'leads', seq, PAGE, [TEAM_POOL_OWNER_ID]);
    for (const row of rows) {
      if (row.doc._deleted) continue;
      const parsed = leadSchema.safeParse(row.doc);
      if (parsed.success && (await routeHanded(storage, teamId, parsed.data, tells, team, now))) routed += 1;
    }
    const last = rows.at(-1);
    if (last === undefined) break;
    seq = last.seq;
    await saveHandedSeq(storage, teamId, seq);
    if (rows.length < PAGE) break;
  }
  await tells.tell(storage, teamId, now);
  return routed;
}

/**
 * Routes handed leads as they arrive on any instance, and on a sweep of every team. The stop
 * function waits for the passes under way, so storage is closed after them.
 */
export function startHandedLeadRouting(deps: { storage: ServerStorage; clock: Clock; logger: Logger }) {
  return startLeadPasses(deps, {
    run: routeHandedLeads,
    sweepMs: HANDED_SWEEP_MS,
    done: 'handed_leads_routed',
    failed: 'handed_lead_routing_failed',
  });
}
