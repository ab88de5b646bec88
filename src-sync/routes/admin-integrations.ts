// Admin routes for what the outside world sends to the server: the team's provider secrets
// (set and removed, never read back), the webhook and lead-intake addresses to paste into
// Twilio, Follow Up Boss and a website, and the team's lead-intake API keys.
import { Hono } from 'hono';
import { z } from 'zod';
import { FUB_WEBHOOK_PATH } from '../webhooks/fub-routes';
import { TWILIO_INBOUND_PATH, TWILIO_STATUS_PATH } from '../webhooks/twilio-routes';
import type { SyncDeps, SyncEnv } from '../context';
import { requireAdmin } from '../middleware/auth';
import { SyncError } from '../middleware/errors';
import { fubEventsQuerySchema, type FubEventsAnswer } from '../../src-shared/sync';
import { listPrivateAfter } from '../team/private-docs';
import { pruneFubEvents } from '../webhooks/fub-events-prune';
import { TEAM_SECRET_NAMES, type TeamSecretName, type TeamSecrets } from '../team/secrets';
import { createApiKey, listApiKeys, revokeApiKey } from '../intake/api-keys';
import { parseBody } from './parse';

const secretValueSchema = z.object({ value: z.string().trim().min(1).max(500) });
const apiKeyRequestSchema = z.object({ name: z.string().trim().min(1).max(100) });

function secretName(raw: string): TeamSecretName {
  const name = TEAM_SECRET_NAMES.find((known) => known === raw);
  if (name === undefined)
    throw new SyncError(
      404,
      'unknown_secret',
      `"${raw}" is not a secret this server keeps (${TEAM_SECRET_NAMES.join(', ')}).`,
    );
  return name;
}

/** The addresses of the team's webhooks on the public URL (null until one is configured). */
export function webhookAddresses(publicUrl: string | undefined, teamId: string) {
  if (publicUrl === undefined) return null;
  const base = publicUrl.replace(/\/+$/, '');
  const team = `team=${encodeURIComponent(teamId)}`;
  return {
    publicUrl: base,
    twilioInbound: `${base}${TWILIO_INBOUND_PATH}?${team}`,
    twilioStatus: `${base}${TWILIO_STATUS_PATH}?${team}`,
    followUpBoss: `${base}${FUB_WEBHOOK_PATH}?${team}`,
    leadIntake: `${base}/api/leads`,
  };
}

export function integrationRoutes(deps: SyncDeps, secrets: TeamSecrets): Hono<SyncEnv> {
  const { storage, clock } = deps;
  const routes = new Hono<SyncEnv>();
  routes.use('*', requireAdmin);

  routes.get('/secrets', async (c) => c.json({ secrets: await secrets.names(c.var.agent.teamId) }));

  routes.put('/secrets/:name', async (c) => {
    const name = secretName(c.req.param('name'));
    const { value } = await parseBody(c, secretValueSchema);
    const now = clock.now();
    await secrets.set(c.var.agent.teamId, name, value, now);
    await storage.appendAudit({
      teamId: c.var.agent.teamId,
      at: now,
      actorId: c.var.agent.id,
      action: 'secret.set',
      target: name,
      detail: {},
    });
    return c.body(null, 204);
  });

  routes.delete('/secrets/:name', async (c) => {
    const name = secretName(c.req.param('name'));
    await secrets.delete(c.var.agent.teamId, name);
    await storage.appendAudit({
      teamId: c.var.agent.teamId,
      at: clock.now(),
      actorId: c.var.agent.id,
      action: 'secret.removed',
      target: name,
      detail: {},
    });
    return c.body(null, 204);
  });

  routes.get('/api-keys', async (c) => c.json({ keys: await listApiKeys(storage, c.var.agent.teamId) }));

  routes.post('/api-keys', async (c) => {
    const { name } = await parseBody(c, apiKeyRequestSchema);
    const now = clock.now();
    const created = await createApiKey(storage, c.var.agent.teamId, name, now);
    await storage.appendAudit({
      teamId: c.var.agent.teamId,
      at: now,
      actorId: c.var.agent.id,
      action: 'api_key.created',
      target: created.id,
      detail: {},
    });
    return c.json(created, 201);
  });

  routes.delete('/api-keys/:id', async (c) => {
    const now = clock.now();
    if (!(await revokeApiKey(storage, c.var.agent.teamId, c.req.param('id'), now)))
      throw new SyncError(404, 'api_key_not_found', 'There is no such API key in your team.');
    await storage.appendAudit({
      teamId: c.var.agent.teamId,
      at: now,
      actorId: c.var.agent.id,
      action: 'api_key.revoked',
      target: c.req.param('id'),
      detail: {},
    });
    return c.body(null, 204);
  });

  // FE-1: the events kept after `after`, in the order kept; FE-2: the position to ask after next.
  routes.get('/fub-events', async (c) => {
    const query = fubEventsQuerySchema.safeParse(c.req.query());
    if (!query.success)
      throw new SyncError(
        400,
        'invalid_request',
        'after and limit must be whole numbers (limit at most 500).',
      );
    const { after, limit } = query.data;
    const { records, lastSeq } = await listPrivateAfter(
      storage,
      c.var.agent.teamId,
      'server.fub_events',
      after,
      limit,
    );
    const answer: FubEventsAnswer = {
      events: records.map(({ doc, seq }) => ({
        id: String(doc.id),
        event: String(doc['event']),
        ...(typeof doc['eventCreated'] === 'string' ? { eventCreated: doc['eventCreated'] } : {}),
        resourceIds: Array.isArray(doc['resourceIds'])
          ? doc['resourceIds'].filter(
              (r): r is string | number => typeof r === 'string' || typeof r === 'number',
            )
          : [],
        ...(typeof doc['receivedAt'] === 'number' ? { receivedAt: doc['receivedAt'] } : {}),
        seq,
      })),
      checkpoint: { seq: lastSeq },
    };
    // FE-3: the reader has handled every event up to `after`; those are removed (after a grace).
    if (after > 0) await pruneFubEvents(storage, c.var.agent.teamId, after, clock.now());
    return c.json(answer);
  });

  routes.get('/webhooks', (c) => {
    const addresses = webhookAddresses(deps.publicUrl, c.var.agent.teamId);
    if (addresses === null)
      throw new SyncError(
        409,
        'no_public_url',
        'This sync server has no public URL yet: start it with --public-url https://… (or SYNC_PUBLIC_URL).',
      );
    return c.json(addresses);
  });

  return routes;
}
