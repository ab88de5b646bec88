// Admin routes: the team's agents (invite, role, deactivate, a new sign-in code), the audit
// log, and erasing a person. Every route needs an admin of the caller's team.
import { Hono } from 'hono';
import { z } from 'zod';
import {
  agentPatchSchema,
  eraseRequestSchema,
  inviteRequestSchema,
  type AuditEntry,
} from '../../src-shared/sync';
import type { SyncDeps, SyncEnv } from '../context';
import { changeAgent, inviteAgent, reissueCode, toSessionAgent } from '../accounts/team';
import { requireAdmin } from '../middleware/auth';
import { limitBody } from '../middleware/body-limit';
import { SyncError } from '../middleware/errors';
import { DuplicateEmailError } from '../storage/server-storage';
import { eraseLead } from '../replication/erase';
import { parseBody, parseValue } from './parse';

const auditQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  before: z.coerce.number().int().min(1).optional(),
});

export function adminRoutes(deps: SyncDeps): Hono<SyncEnv> {
  const { storage, clock } = deps;
  const routes = new Hono<SyncEnv>();
  routes.use('*', requireAdmin, limitBody(16 * 1024));

  routes.get('/agents', async (c) => {
    const accounts = await storage.listAccounts(c.var.agent.teamId);
    return c.json({
      agents: accounts.map((a) => ({
        ...toSessionAgent(a),
        active: a.active,
        hasPassword: a.passwordHash !== null,
      })),
    });
  });

  routes.post('/agents', async (c) => {
    const input = await parseBody(c, inviteRequestSchema);
    try {
      return c.json(await inviteAgent(storage, clock, c.var.agent, input), 201);
    } catch (error) {
      if (error instanceof DuplicateEmailError) throw new SyncError(409, error.code, error.message);
      throw error;
    }
  });

  routes.patch('/agents/:id', async (c) => {
    const patch = await parseBody(c, agentPatchSchema);
    return c.json({ agent: await changeAgent(storage, clock, c.var.agent, c.req.param('id'), patch) });
  });

  routes.post('/agents/:id/code', async (c) =>
    c.json(await reissueCode(storage, clock, c.var.agent, c.req.param('id'))),
  );

  routes.get('/audit', async (c) => {
    const query = parseValue(auditQuerySchema, c.req.query());
    const rows = await storage.listAudit(c.var.agent.teamId, query.limit, query.before);
    const entries: AuditEntry[] = rows.map(({ teamId: _team, ...entry }) => entry);
    return c.json({ entries });
  });

  routes.post('/erase', async (c) => {
    const input = await parseBody(c, eraseRequestSchema);
    return c.json(await eraseLead(storage, clock, c.var.agent, input.leadId));
  });

  return routes;
}
