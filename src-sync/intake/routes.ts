// POST /api/leads: a website form or Zapier hands the team a lead (docs/sync.md, "Lead intake").
//   1. the team's API key (Authorization: Bearer plk_… or X-Api-Key), else 401;
//   2. an Idempotency-Key seen before answers with the first answer again, nothing new stored;
//   3. JSON or a form, checked with the domain's lead schema: 422 with every wrong field;
//   4. a live lead with the same email or phone: 200 with its id, nothing new stored;
//   5. the next agent in turn owns it; stored as a replicated document, so the owner's desktop
//      (or the always-on engine) answers it with the new-lead playbook within seconds.
import { randomUUID } from 'node:crypto';
import { Hono, type Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { leadSchema, type Lead } from '../../src-shared/domain';
import { digest } from '../accounts/tokens';
import type { SyncDeps } from '../context';
import { limitBody } from '../middleware/body-limit';
import { errorJson, SyncError } from '../middleware/errors';
import { rateLimit } from '../middleware/rate-limit';
import { readPrivate, writePrivate } from '../team/private-docs';
import { insertDocuments, leadsByAddress } from '../team/team-docs';
import { teamOfApiKey } from './api-keys';
import { formToInput, leadFromInput, parseLeadInput, type FieldErrors } from './lead-input';
import { nextOwner } from './route-owner';

const DEFAULT_COUNTRY = 'US';

interface Answer {
  status: ContentfulStatusCode;
  body: Record<string, unknown>;
}

function presentedKey(c: Context): string {
  const bearer = /^Bearer (\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
  return bearer ?? c.req.header('x-api-key') ?? '';
}

async function readInput(c: Context): Promise<unknown> {
  const type = c.req.header('content-type') ?? '';
  if (type.includes('application/json')) {
    try {
      return await c.req.json();
    } catch {
      throw new SyncError(400, 'invalid_json', 'The request body is not JSON.');
    }
  }
  if (type.includes('application/x-www-form-urlencoded') || type.includes('multipart/form-data')) {
    const form = await c.req.parseBody();
    const fields: Record<string, string> = {};
    for (const [key, value] of Object.entries(form)) {
      if (typeof value !== 'string')
        throw new SyncError(400, 'invalid_request', `${key}: files are not taken; send text fields only.`);
      fields[key] = value;
    }
    return formToInput(fields);
  }
  throw new SyncError(
    415,
    'unsupported_type',
    'Send the lead as JSON or as a form (application/x-www-form-urlencoded).',
  );
}

function invalid(errors: FieldErrors): Answer {
  const list = Object.entries(errors).map(([field, message]) => `${field}: ${message}`);
  return {
    status: 422,
    body: { code: 'invalid_lead', message: `The lead was not saved. ${list.join('; ')}.`, fields: errors },
  };
}

async function duplicateOf(deps: SyncDeps, teamId: string, lead: Lead): Promise<Lead | undefined> {
  for (const address of [lead.email, lead.phone]) {
    if (address === undefined) continue;
    const found = (await leadsByAddress(deps.storage, teamId, address))[0];
    if (found !== undefined) return found;
  }
  return undefined;
}

async function receiveLead(
  deps: SyncDeps,
  c: Context,
  teamId: string,
  idempotencyKey: string | undefined,
): Promise<Answer> {
  const parsed = parseLeadInput(await readInput(c));
  if ('errors' in parsed) return invalid(parsed.errors);
  const now = deps.clock.now();
  const id =
    idempotencyKey === undefined
      ? `lead-${randomUUID()}`
      : `lead-${digest(`${teamId}\u001f${idempotencyKey}`).slice(0, 40)}`;
  const made = leadFromInput(parsed.input, {
    id,
    teamId,
    ownerId: 'unrouted',
    now,
    defaultCountry: DEFAULT_COUNTRY,
  });
  if ('errors' in made) return invalid(made.errors);
  const existing = await duplicateOf(deps, teamId, made.lead);
  if (existing !== undefined)
    return {
      status: 200,
      body: { id: existing.id, ownerId: existing.ownerId, created: false, duplicate: true },
    };
  const ownerId = await nextOwner(deps.storage, teamId);
  if (ownerId === null)
    throw new SyncError(409, 'no_agents', 'The team has no active agent to give the lead to.');
  const lead = { ...made.lead, ownerId };
  await insertDocuments(deps.storage, teamId, 'leads', leadSchema, [lead]);
  return { status: 201, body: { id: lead.id, ownerId, created: true, duplicate: false } };
}

export function leadIntakeRoutes(deps: SyncDeps): Hono {
  const routes = new Hono();
  routes.use(
    '*',
    rateLimit({
      perMinute: 3000,
      burst: 500,
      clock: deps.clock,
      key: (c) => digest(presentedKey(c)),
      message: 'Too many leads sent with this API key.',
    }),
    limitBody(64 * 1024),
  );

  routes.post('/leads', async (c) => {
    const teamId = await teamOfApiKey(deps.storage, presentedKey(c));
    if (teamId === null)
      return errorJson(
        c,
        401,
        'invalid_api_key',
        'This API key is not one of a team’s live keys; ask your admin for a new one.',
      );
    const idempotencyKey = c.req.header('idempotency-key');
    if (idempotencyKey !== undefined && (idempotencyKey === '' || idempotencyKey.length > 200))
      return errorJson(c, 400, 'invalid_request', 'Idempotency-Key must be 1 to 200 characters.');
    const slot = idempotencyKey === undefined ? undefined : digest(`${teamId}\u001f${idempotencyKey}`);
    if (slot !== undefined) {
      const saved = await readPrivate(deps.storage, teamId, 'server.idempotency', slot);
      if (saved !== null) {
        c.header('Idempotent-Replayed', 'true');
        return c.json(saved.body as Record<string, unknown>, Number(saved.status) as ContentfulStatusCode);
      }
    }
    const answer = await receiveLead(deps, c, teamId, idempotencyKey);
    if (slot !== undefined && answer.status < 300)
      await writePrivate(
        deps.storage,
        teamId,
        'server.idempotency',
        slot,
        { ...answer, at: deps.clock.now() },
        { onlyIfAbsent: true },
      );
    return c.json(answer.body, answer.status);
  });

  return routes;
}
