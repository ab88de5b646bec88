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
//      pool, offered to the group (apply-route.ts); nobody available: it stays in the pool,
//      with a note, waiting for an agent (waiting.ts routes it once someone can take it);
//   5. imported leads (CSV or Follow Up Boss, `importId` set) are routed one by one but told
//      per import: one to-do per agent and import; a single new lead gets its to-dos as intake
//      leads do.
// It runs when leads or the routing rules change on any instance (storage.onChange) and on a
// sweep, which also catches up after a restart. The rules and accounts are read once per pass.
import { leadSchema, type Lead } from '../../src-shared/domain';
import { TEAM_POOL_OWNER_ID } from '../../src-shared/sync';
import type { Clock, Logger } from '../context';
import type { ServerStorage } from '../storage/server-storage';
import { startLeadPasses } from '../team/lead-passes';
import { applyRoute, ImportTells, passTeam, type PassTeam } from './apply-route';
import { noteRouting, routingNoteId } from './record';
import { routeNewLead } from './route-lead';
import { markRouted, readHandedSeq, readOffer, ROUTING_COLLECTION, saveHandedSeq } from './store';
import { routeWaitingLeads, saveWaiting } from './waiting';

const PAGE = 500;
export const HANDED_SWEEP_MS = 15_000;

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
    await saveWaiting(storage, teamId, lead.id, now);
    return true;
  }
  return applyRoute(storage, teamId, lead, routed, tells, now);
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
  // Leads that waited for an agent go now if someone can take them (an agent resumed).
  routed += await routeWaitingLeads(storage, teamId, team, tells, now);
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
    // A change of the rules (an agent resumed) may free leads that waited for an agent.
    collections: ['leads', ROUTING_COLLECTION],
    done: 'handed_leads_routed',
    failed: 'handed_lead_routing_failed',
  });
}
