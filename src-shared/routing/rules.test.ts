// The routing rules as pure functions: which rule matches a lead, who is available, the route
// chosen, and where an escalation goes.
import { describe, expect, it } from 'vitest';
import {
  chooseRoute,
  escalationTarget,
  routingRulesSchema,
  ruleMatches,
  type RoutingAccount,
  type RoutingRule,
} from './rules';

const accounts: RoutingAccount[] = [
  { id: 'ann', name: 'Ann', role: 'agent', active: true },
  { id: 'bob', name: 'Bob', role: 'agent', active: true },
  { id: 'cy', name: 'Cy', role: 'agent', active: false },
  { id: 'jane', name: 'Jane', role: 'admin', active: true },
];
function rule(fields: Record<string, unknown>): RoutingRule {
  const [parsed] = routingRulesSchema.parse({
    rules: [{ id: 'r', name: 'R', agentIds: ['ann'], ...fields }],
  }).rules;
  if (parsed === undefined) throw new Error('no rule');
  return parsed;
}

describe('routing rules', () => {
  it('match by ZIP, city (any case), price band and source; all given conditions must hold', () => {
    const lead = {
      address: { city: 'Evanston', zip: '60201-1234' },
      priceMax: 450_000,
      source: 'zillow' as const,
    };
    expect(ruleMatches(rule({ zips: ['60201'] }), lead)).toBe(true);
    expect(ruleMatches(rule({ cities: ['evanston '] }), lead)).toBe(true);
    expect(ruleMatches(rule({ priceMin: 400_000, priceMax: 500_000 }), lead)).toBe(true);
    expect(ruleMatches(rule({ priceMin: 500_000 }), lead)).toBe(false);
    expect(ruleMatches(rule({ priceMin: 1 }), { ...lead, priceMax: undefined })).toBe(false);
    expect(ruleMatches(rule({ zips: ['60201'], sources: ['website'] }), lead)).toBe(false);
  });

  it('a rule whose group is all paused or inactive falls through to the team', () => {
    const rules = routingRulesSchema.parse({
      rules: [{ id: 'r', name: 'R', agentIds: ['cy', 'bob'] }],
      pausedAgentIds: ['bob'],
    });
    expect(chooseRoute({ source: 'website' }, rules, accounts)).toEqual({
      ruleId: null,
      ruleName: null,
      mode: 'round_robin',
      group: ['ann'],
    });
    const nobody = routingRulesSchema.parse({ pausedAgentIds: ['ann', 'bob', 'jane'] });
    expect(chooseRoute({ source: 'website' }, nobody, accounts)).toBeNull();
  });

  it('escalates to the next available agent of the group, skipping paused ones, else the admin', () => {
    const rules = routingRulesSchema.parse({ escalation: { afterMinutes: 5, to: 'next_agent' } });
    expect(escalationTarget(rules, accounts, ['ann', 'cy', 'bob'], 'ann')).toBe('bob');
    expect(escalationTarget(rules, accounts, ['ann', 'cy', 'bob'], 'bob')).toBe('ann');
    expect(escalationTarget(rules, accounts, ['ann'], 'ann')).toBe('jane');
    const toAdmin = routingRulesSchema.parse({ escalation: { afterMinutes: 5, to: 'admin' } });
    expect(escalationTarget(toAdmin, accounts, ['ann', 'bob'], 'ann')).toBe('jane');
  });
});
