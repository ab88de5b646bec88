// The routing routes (docs/routing.md):
//   GET  /team/routing            the rules and the team's agents (any signed-in agent)
//   PUT  /admin/routing           the rules, replaced whole (admins only; every agent named must
//                                 be the team's)
//   PUT  /team/receiving          { paused }: an agent stops or starts getting new leads
//   POST /team/leads/:id/take     first to claim: the agent takes a lead offered to them; 409
//                                 when another agent took it first
//   POST /team/imports/:id/undo   { leadIds }: the agent who handed an import to the team (or
//                                 an admin) bins the named leads it made (import-undo.ts)
// Each change is in the audit log.
import { Hono } from 'hono';
import { z } from 'zod';
import { routingRulesSchema, type RoutingRules } from '../../src-shared/routing';
import type { SyncDeps, SyncEnv } from '../context';
import { requireAdmin } from '../middleware/auth';
import { SyncError } from '../middleware/errors';
import { parseBody } from '../routes/parse';
import { UNDO_PAGE, undoImportOnServer } from './import-undo';
import { takeLead } from './route-lead';
import { changeRules, readImporter, readRules, routingAccounts } from './store';

const receivingSchema = z.object({ paused: z.boolean() });
const undoImportSchema = z.object({ leadIds: z.array(z.string().min(1).max(200)).max(UNDO_PAGE) });

async function view(deps: SyncDeps, teamId: string, rules?: RoutingRules) {
  const current = rules ?? (await readRules(deps.storage, teamId));
  const accounts = await deps.storage.listAccounts(teamId);
  return {
    rules: current,
    agents: accounts.map((a) => ({
      id: a.id,
      name: a.name,
      email: a.email,
      role: a.role,
      active: a.active,
      paused: current.pausedAgentIds.includes(a.id),
    })),
  };
}

export function routingAdminRoutes(deps: SyncDeps): Hono<SyncEnv> {
  const routes = new Hono<SyncEnv>();
  routes.put('/routing', requireAdmin, async (c) => {
    const teamId = c.var.agent.teamId;
    const rules = await parseBody(c, routingRulesSchema);
    const known = new Set((await routingAccounts(deps.storage, teamId)).map((a) => a.id));
    for (const [index, rule] of rules.rules.entries()) {
      const stranger = rule.agentIds.find((id) => !known.has(id));
      if (stranger !== undefined)
        throw new SyncError(
          400,
          'invalid_request',
          `rules.${index}.agentIds: ${stranger} is not an agent of your team.`,
        );
    }
    const saved = await changeRules(deps.storage, teamId, () => rules);
    await deps.storage.appendAudit({
      teamId,
      at: deps.clock.now(),
      actorId: c.var.agent.id,
      action: 'routing.set',
      target: null,
      detail: { rules: rules.rules.length, escalationMinutes: rules.escalation.afterMinutes },
    });
    return c.json(await view(deps, teamId, saved));
  });
  return routes;
}

export function routingTeamRoutes(deps: SyncDeps): Hono<SyncEnv> {
  const routes = new Hono<SyncEnv>();
  routes.get('/routing', async (c) => c.json(await view(deps, c.var.agent.teamId)));

  routes.put('/receiving', async (c) => {
    const { paused } = await parseBody(c, receivingSchema);
    const { id, teamId } = c.var.agent;
    const saved = await changeRules(deps.storage, teamId, (current) => ({
      ...current,
      pausedAgentIds: paused
        ? [...new Set([...current.pausedAgentIds, id])]
        : current.pausedAgentIds.filter((agentId) => agentId !== id),
    }));
    await deps.storage.appendAudit({
      teamId,
      at: deps.clock.now(),
      actorId: id,
      action: paused ? 'routing.paused' : 'routing.resumed',
      target: id,
      detail: {},
    });
    return c.json(await view(deps, teamId, saved));
  });

  routes.post('/leads/:id/take', async (c) => {
    const { teamId } = c.var.agent;
    const outcome = await takeLead(deps.storage, teamId, c.var.agent, c.req.param('id'), deps.clock.now());
    if (!outcome.taken)
      throw outcome.reason === 'taken'
        ? new SyncError(409, 'already_taken', 'Another agent took this lead first.')
        : new SyncError(404, 'not_offered', 'This lead is not offered to you.');
    return c.json({ id: outcome.lead.id, ownerId: outcome.lead.ownerId });
  });

  routes.post('/imports/:id/undo', async (c) => {
    const { leadIds } = await parseBody(c, undoImportSchema);
    const agent = c.var.agent;
    const importId = c.req.param('id');
    const importer = await readImporter(deps.storage, agent.teamId, importId);
    if (importer === null || (importer !== agent.id && agent.role !== 'admin'))
      throw new SyncError(404, 'not_your_import', 'This import was not handed to the team by you.');
    const removed = await undoImportOnServer(
      deps.storage,
      agent.teamId,
      { id: agent.id, name: agent.name },
      importId,
      leadIds,
      deps.clock.now(),
    );
    if (removed > 0)
      await deps.storage.appendAudit({
        teamId: agent.teamId,
        at: deps.clock.now(),
        actorId: agent.id,
        action: 'import.undone',
        target: importId,
        detail: { removed },
      });
    return c.json({ removed });
  });
  return routes;
}
