// What a pass over leads the team is given does once the rules chose a route (handed-leads.ts
// for leads desktops hand to the team, waiting.ts for leads that waited for an agent): round
// robin moves the lead from the pool to its agent, first to claim leaves it in the pool, offered
// to the group; nobody available leaves it in the pool, waiting (the caller records that).
// Imported leads (CSV or Follow Up Boss, `importId` set) are told per import: each agent gets
// one to-do for the leads of one import, its count carried on over passes, not one per lead.
import { leadSchema, type Lead } from '../../src-shared/domain';
import type { RoutingAccount, RoutingRules } from '../../src-shared/routing';
import { TEAM_POOL_OWNER_ID } from '../../src-shared/sync';
import type { ServerStorage } from '../storage/server-storage';
import { changeDocument } from '../team/team-docs';
import { idFor, writeTodo } from './record';
import type { RoutedLead } from './route-lead';
import { readImportTally, readRules, routingAccounts, saveImportTally, type ImportTally } from './store';

/** What one pass gave each agent of one import: offered to take, or routed to them. */
export class ImportTells {
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
      const taskId = importTaskId(importId, agentId, tally.round);
      const last = (await storage.readDocuments(teamId, 'tasks', [taskId])).get(taskId);
      const closed = last !== undefined && last.doc.status !== 'open';
      const next: ImportTally = closed
        ? { offered: count.offered, given: count.given, round: tally.round + 1 }
        : { offered: tally.offered + count.offered, given: tally.given + count.given, round: tally.round };
      await saveImportTally(storage, teamId, importId, agentId, next);
      await writeTodo(
        storage,
        teamId,
        {
          id: importTaskId(importId, agentId, next.round),
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

/** The to-do telling one agent of one round of an import's leads. */
export const importTaskId = (importId: string, agentId: string, round: number): string =>
  idFor('route-import', importId, agentId, String(round));

const leadsWord = (n: number): string => `${n} lead${n === 1 ? '' : 's'}`;

export function importTitle(offered: number, given: number): string {
  const parts = [
    ...(given > 0 ? [`${leadsWord(given)} routed to you`] : []),
    ...(offered > 0 ? [`${leadsWord(offered)} offered to you to take`] : []),
  ];
  return `From an import: ${parts.join(' and ')}`;
}

/**
 * Records a route the rules chose for a lead in the pool; false when someone took or
 * reassigned the lead in the meantime (their choice stands).
 */
export async function applyRoute(
  storage: ServerStorage,
  teamId: string,
  lead: Lead,
  routed: RoutedLead,
  tells: ImportTells,
  now: number,
): Promise<boolean> {
  const imported = lead.importId;
  if (routed.mode === 'round_robin') {
    const moved = await changeDocument(storage, teamId, 'leads', leadSchema, lead.id, (current) =>
      current.ownerId !== TEAM_POOL_OWNER_ID
        ? null
        : { ...current, ownerId: routed.ownerId, updatedAt: Math.max(current.updatedAt + 1, now) },
    );
    if (moved === null) return false;
    const agents = await routed.record(moved);
    if (imported !== undefined) for (const id of agents) tells.add(imported, id, 'given', lead.demo);
    return true;
  }
  const agents = await routed.record(lead);
  if (imported !== undefined) for (const id of agents) tells.add(imported, id, 'offered', lead.demo);
  return true;
}

/** The team's rules and accounts, read at most once per pass and only when a lead needs them. */
export type PassTeam = () => Promise<{ rules: RoutingRules; accounts: RoutingAccount[] }>;

export function passTeam(storage: ServerStorage, teamId: string): PassTeam {
  let read: Promise<{ rules: RoutingRules; accounts: RoutingAccount[] }> | undefined;
  return () =>
    (read ??= Promise.all([readRules(storage, teamId), routingAccounts(storage, teamId)]).then(
      ([rules, accounts]) => ({ rules, accounts }),
    ));
}
