// The team routing contract (docs/routing.md): the team's rules and agents as the server keeps
// them, an admin's edit of the rules (validated here with the shared schema, so each wrong
// field is named beside it), an agent pausing their own new leads, and taking a lead offered
// to them (first to claim). Each goes to the team server; solo, they say there is no team.
import { z } from 'zod';
import { idSchema } from '../domain';
import { routingRulesSchema, type RoutingView } from '../routing';

/**
 * Who a lead made on a desktop goes to (decision 0901): `team` hands it to the team pool, where
 * the server routes it by the rules once it syncs; `mine` keeps it. Solo, both are the agent's.
 * Absent means `mine`, as a lead made through the contract always was.
 */
export const newLeadOwnerSchema = z.enum(['mine', 'team']).default('mine');
export type NewLeadOwner = z.output<typeof newLeadOwnerSchema>;

export const routingArgs = {
  'team-routing-get': z.object({}).default({}),
  'team-routing-set': z.object({ rules: routingRulesSchema }),
  'team-receiving-set': z.object({ paused: z.boolean() }),
  'team-lead-take': z.object({ leadId: idSchema }),
};

export interface RoutingResults {
  'team-routing-get': RoutingView;
  'team-routing-set': RoutingView;
  'team-receiving-set': RoutingView;
  'team-lead-take': { id: string; ownerId: string };
}
