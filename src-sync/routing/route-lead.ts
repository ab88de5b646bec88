// A new lead from intake, routed by the team's rules (src-shared/routing): round robin gives it
// to the group's next agent; first to claim leaves it in the shared pool, offered to the group
// (each gets a to-do), and the first to take it owns it (takeLead). With escalation on, an
// offer records its deadline; the sweep (escalate.ts) moves it on if nobody takes or answers.
// Whichever way the lead came in (intake, or a desktop handing it to the team: handed-leads.ts)
// it is marked routed first, so it is routed once. `quiet` leaves the to-dos to the caller,
// which tells each agent once about a whole import instead of once per lead.
import { TEAM_POOL_OWNER_ID } from '../../src-shared/sync';
import { chooseRoute, type Route, type RoutingAccount, type RoutingRules } from '../../src-shared/routing';
import type { Lead } from '../../src-shared/domain';
import { leadSchema } from '../../src-shared/domain';
import type { ServerStorage } from '../storage/server-storage';
import { changeDocument } from '../team/team-docs';
import { closeOffers, leadName, noteRouting, tellAgent } from './record';
import {
  readOffer,
  readRules,
  replaceOffer,
  routingAccounts,
  markRouted,
  saveOffer,
  takeTurn,
  type Offer,
} from './store';

/** An offer that never escalates (first to claim with escalation off). */
const NEVER = Number.MAX_SAFE_INTEGER;

export interface RoutedLead {
  ownerId: string;
  mode: Route['mode'];
  /**
   * Records the decision once the lead is stored (notes, to-dos unless quiet, the escalation
   * deadline); the agents it concerns (offered to, or given to).
   */
  record(lead: Lead): Promise<string[]>;
}

const nameOf = (accounts: readonly RoutingAccount[], id: string): string =>
  accounts.find((a) => a.id === id)?.name ?? 'an agent';

export async function routeNewLead(
  storage: ServerStorage,
  teamId: string,
  lead: Pick<Lead, 'id' | 'address' | 'priceMin' | 'priceMax' | 'source'>,
  now: number,
  options: {
    quiet?: boolean;
    /** The caller set the routed mark already (handed-leads.ts settles who routes by it). */
    marked?: boolean;
    /** The team's rules and accounts, read once for a pass over many leads. */
    team?: { rules: RoutingRules; accounts: RoutingAccount[] };
  } = {},
): Promise<RoutedLead | null> {
  if (options.marked !== true) await markRouted(storage, teamId, lead.id, now);
  const rules = options.team?.rules ?? (await readRules(storage, teamId));
  const accounts = options.team?.accounts ?? (await routingAccounts(storage, teamId));
  const route = chooseRoute(lead, rules, accounts);
  if (route === null) return null;
  const why = route.ruleName === null ? 'the team' : `the rule “${route.ruleName}”`;
  const minutes = rules.escalation.afterMinutes;
  const deadline = minutes === 0 ? NEVER : now + minutes * 60_000;
  const offer = (holder: string | null): Offer => ({
    leadId: '',
    ruleId: route.ruleId,
    mode: route.mode,
    group: route.group,
    holder,
    deadline,
    escalations: 0,
  });

  if (route.mode === 'first_to_claim') {
    return {
      ownerId: TEAM_POOL_OWNER_ID,
      mode: route.mode,
      record: async (stored) => {
        await saveOffer(storage, teamId, { ...offer(null), leadId: stored.id });
        const names = route.group.map((id) => nameOf(accounts, id)).join(', ');
        await noteRouting(
          storage,
          teamId,
          stored,
          TEAM_POOL_OWNER_ID,
          'offered',
          `Offered by ${why} to ${names}: the first to take it owns it.`,
          now,
        );
        if (options.quiet !== true)
          for (const agentId of route.group)
            await tellAgent(
              storage,
              teamId,
              stored,
              agentId,
              `New lead to take: ${leadName(stored)} (first to take it owns it)`,
              now,
            );
        return route.group;
      },
    };
  }
  const ownerId = await takeTurn(storage, teamId, route.ruleId, route.group);
  if (ownerId === null) return null;
  return {
    ownerId,
    mode: route.mode,
    record: async (stored) => {
      if (minutes > 0) await saveOffer(storage, teamId, { ...offer(ownerId), leadId: stored.id });
      await noteRouting(
        storage,
        teamId,
        stored,
        ownerId,
        'routed',
        `Routed to ${nameOf(accounts, ownerId)} by ${why} (round robin).`,
        now,
      );
      return [ownerId];
    },
  };
}

export type TakeOutcome = { taken: true; lead: Lead } | { taken: false; reason: 'not_offered' | 'taken' };

/** First to claim: the agent takes a lead offered to them; exactly one take wins. */
export async function takeLead(
  storage: ServerStorage,
  teamId: string,
  agent: { id: string; role: 'agent' | 'admin' },
  leadId: string,
  now: number,
): Promise<TakeOutcome> {
  const offer = await readOffer(storage, teamId, leadId);
  if (offer === null || offer.holder !== null)
    return { taken: false, reason: offer === null ? 'not_offered' : 'taken' };
  if (agent.role !== 'admin' && !offer.group.includes(agent.id))
    return { taken: false, reason: 'not_offered' };
  // The offer stays, held by the taker and never due, so a later take is told it was taken.
  const taken: Offer = { ...offer, holder: agent.id, deadline: NEVER };
  if (!(await replaceOffer(storage, teamId, offer, taken))) return { taken: false, reason: 'taken' };
  const lead = await changeDocument(storage, teamId, 'leads', leadSchema, leadId, (current) =>
    current.ownerId !== TEAM_POOL_OWNER_ID
      ? null
      : { ...current, ownerId: agent.id, updatedAt: Math.max(current.updatedAt + 1, now) },
  );
  if (lead === null) return { taken: false, reason: 'taken' };
  const accounts = await routingAccounts(storage, teamId);
  await noteRouting(
    storage,
    teamId,
    lead,
    agent.id,
    'taken',
    `Taken by ${nameOf(accounts, agent.id)} (first to claim).`,
    now,
  );
  await closeOffers(storage, teamId, leadId, offer.group, agent.id, now);
  return { taken: true, lead };
}
