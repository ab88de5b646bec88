// How a team's new leads find an agent (docs/routing.md). An admin keeps one set of rules:
//   - rules, in order; the first whose every given condition matches the lead (area: ZIP or
//     city; price band: the lead's top price inside [min, max]; source) and whose group has an
//     available agent takes the lead; none: the whole team is the group;
//   - how the group gets it: round robin (each in turn) or first to claim (the lead waits in
//     the team's shared pool, offered to the group, and the first agent to take it owns it);
//   - paused agents (an agent can also pause themself) and inactive accounts get nothing;
//   - escalation: a lead offered and not taken, or given and not answered by a person, after
//     N minutes goes to the next agent of its group or to an admin (0 = never).
// Pure: the server keeps the rules and the turns and applies them (src-sync/routing).
import { z } from 'zod';
import { leadSourceSchema, type Lead } from '../domain';

export const routingModeSchema = z.enum(['round_robin', 'first_to_claim']);
export type RoutingMode = z.infer<typeof routingModeSchema>;

const place = z.string().trim().min(1).max(100);

export const routingRuleSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'letters, digits, - and _ only'),
    name: z.string().trim().min(1, 'Give the rule a name').max(100),
    zips: z
      .array(
        z
          .string()
          .trim()
          .regex(/^\d{5}$/, 'a 5-digit ZIP'),
      )
      .max(200)
      .default([]),
    cities: z.array(place).max(100).default([]),
    priceMin: z.number().min(0).max(1_000_000_000).optional(),
    priceMax: z.number().min(0).max(1_000_000_000).optional(),
    sources: z.array(leadSourceSchema).max(20).default([]),
    agentIds: z.array(z.string().min(1).max(64)).min(1, 'Choose at least one agent').max(100),
    mode: routingModeSchema.default('round_robin'),
  })
  .refine(
    (rule) => rule.priceMin === undefined || rule.priceMax === undefined || rule.priceMin <= rule.priceMax,
    {
      message: 'The lowest price must not be above the highest',
      path: ['priceMin'],
    },
  );
export type RoutingRule = z.output<typeof routingRuleSchema>;

export const routingRulesSchema = z.object({
  mode: routingModeSchema.default('round_robin'),
  rules: z.array(routingRuleSchema).max(50).default([]),
  pausedAgentIds: z.array(z.string().min(1).max(64)).max(500).default([]),
  escalation: z
    .object({
      afterMinutes: z.number().int().min(0).max(1440).default(0),
      to: z.enum(['next_agent', 'admin']).default('next_agent'),
    })
    .default({ afterMinutes: 0, to: 'next_agent' }),
});
export type RoutingRules = z.output<typeof routingRulesSchema>;
export type RoutingRulesInput = z.input<typeof routingRulesSchema>;

export const DEFAULT_ROUTING_RULES: RoutingRules = routingRulesSchema.parse({});

export interface RoutingAccount {
  id: string;
  name: string;
  role: 'agent' | 'admin';
  active: boolean;
}

/** Where a lead goes: a group (in order) and how; `ruleId` null = the whole team. */
export interface Route {
  ruleId: string | null;
  ruleName: string | null;
  mode: RoutingMode;
  group: string[];
}

const lower = (text: string): string => text.trim().toLowerCase();

/** Whether every condition the rule gives holds for the lead (a rule with none matches all). */
export function ruleMatches(
  rule: RoutingRule,
  lead: Pick<Lead, 'address' | 'priceMin' | 'priceMax' | 'source'>,
): boolean {
  const zip = lead.address?.zip?.trim().slice(0, 5);
  if (rule.zips.length > 0 && (zip === undefined || !rule.zips.includes(zip))) return false;
  const city = lead.address?.city;
  if (rule.cities.length > 0 && (city === undefined || !rule.cities.map(lower).includes(lower(city))))
    return false;
  if (rule.priceMin !== undefined || rule.priceMax !== undefined) {
    const price = lead.priceMax ?? lead.priceMin;
    if (price === undefined) return false;
    if (rule.priceMin !== undefined && price < rule.priceMin) return false;
    if (rule.priceMax !== undefined && price > rule.priceMax) return false;
  }
  if (rule.sources.length > 0 && !rule.sources.includes(lead.source)) return false;
  return true;
}

/** Who may get leads now: active, not paused; agents first (admins only when no agent is). */
export function availableAgents(rules: RoutingRules, accounts: readonly RoutingAccount[]): RoutingAccount[] {
  const open = accounts.filter((a) => a.active && !rules.pausedAgentIds.includes(a.id));
  const agents = open.filter((a) => a.role === 'agent');
  return agents.length > 0 ? agents : open;
}

/** The route of a new lead, or null when nobody can take it (everyone paused or inactive). */
export function chooseRoute(
  lead: Pick<Lead, 'address' | 'priceMin' | 'priceMax' | 'source'>,
  rules: RoutingRules,
  accounts: readonly RoutingAccount[],
): Route | null {
  const open = new Set(
    accounts.filter((a) => a.active && !rules.pausedAgentIds.includes(a.id)).map((a) => a.id),
  );
  for (const rule of rules.rules) {
    if (!ruleMatches(rule, lead)) continue;
    const group = rule.agentIds.filter((id) => open.has(id));
    if (group.length > 0) return { ruleId: rule.id, ruleName: rule.name, mode: rule.mode, group };
  }
  const team = availableAgents(rules, accounts).map((a) => a.id);
  return team.length === 0 ? null : { ruleId: null, ruleName: null, mode: rules.mode, group: team };
}

/** Who an escalation goes to: the next available agent of the group after `from`, or an admin. */
export function escalationTarget(
  rules: RoutingRules,
  accounts: readonly RoutingAccount[],
  group: readonly string[],
  from: string | null,
): string | null {
  const open = (id: string): boolean =>
    accounts.some((a) => a.id === id && a.active && !rules.pausedAgentIds.includes(a.id));
  const admin = accounts.find((a) => a.role === 'admin' && a.active)?.id ?? null;
  if (rules.escalation.to === 'admin') return admin;
  const start = from === null ? -1 : group.indexOf(from);
  for (let step = 1; step <= group.length; step += 1) {
    const candidate = group[(start + step + group.length) % group.length];
    if (candidate !== undefined && candidate !== from && open(candidate)) return candidate;
  }
  return admin;
}

/** What the team server shows of its routing: the rules and every agent, paused or not. */
export interface RoutingView {
  rules: RoutingRules;
  agents: (RoutingAccount & { email: string; paused: boolean })[];
}
