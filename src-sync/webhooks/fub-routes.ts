// POST /webhooks/fub?team=…: Follow Up Boss's webhooks (peopleCreated, peopleUpdated, …).
// FUB-Signature must be the hex HMAC-SHA256, keyed with the team's Follow Up Boss system key,
// of the base64 of the raw body (Follow Up Boss's rule); anything else is 403 with nothing
// stored. A verified event is kept, once per eventId, for the importer to fetch the people it
// names (GET /admin/fub-events); the webhook answers at once, as Follow Up Boss expects.
import { createHmac } from 'node:crypto';
import { Hono } from 'hono';
import { z } from 'zod';
import type { SyncDeps } from '../context';
import { limitBody } from '../middleware/body-limit';
import { SyncError } from '../middleware/errors';
import { sameSecret } from '../team/keys';
import { writePrivate } from '../team/private-docs';
import type { TeamSecrets } from '../team/secrets';
import { forged, webhookRequest } from './verify';

export const FUB_WEBHOOK_PATH = '/webhooks/fub';
const SIGNATURE = 'FUB-Signature';

const fubEventSchema = z.object({
  eventId: z.string().min(1).max(64),
  eventCreated: z.string().max(40).optional(),
  event: z.string().min(1).max(60),
  resourceIds: z
    .array(z.union([z.number().int(), z.string().max(64)]))
    .max(1000)
    .default([]),
  uri: z.string().max(500).optional(),
});

export function fubSignature(systemKey: string, raw: string): string {
  return createHmac('sha256', systemKey).update(Buffer.from(raw, 'utf8').toString('base64')).digest('hex');
}

export function fubWebhookRoutes(deps: SyncDeps, secrets: TeamSecrets): Hono {
  const routes = new Hono();
  routes.post('/', limitBody(256 * 1024), async (c) => {
    const request = await webhookRequest(deps, c, FUB_WEBHOOK_PATH, SIGNATURE);
    const key = await secrets.get(request.teamId, 'fub-system-key');
    const signature = (c.req.header('fub-signature') ?? '').toLowerCase();
    if (
      key === null ||
      key === '' ||
      signature === '' ||
      !sameSecret(fubSignature(key, request.raw), signature)
    )
      throw forged(SIGNATURE);
    let raw: unknown;
    try {
      raw = JSON.parse(request.raw);
    } catch {
      throw new SyncError(400, 'invalid_json', 'The request body is not JSON.');
    }
    const event = fubEventSchema.safeParse(raw);
    if (!event.success)
      throw new SyncError(
        400,
        'invalid_request',
        'This is not a Follow Up Boss event (eventId and event are needed).',
      );
    await writePrivate(
      deps.storage,
      request.teamId,
      'server.fub_events',
      event.data.eventId,
      { ...event.data, receivedAt: deps.clock.now() },
      { onlyIfAbsent: true },
    );
    return c.json({ ok: true });
  });
  return routes;
}
