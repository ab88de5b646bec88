// POST /api/leads: a website form or Zapier hands the team a lead (docs/sync.md, "Lead intake").
//   1. the team's API key (Authorization: Bearer plk_… or X-Api-Key), else 401;
//   2. an Idempotency-Key seen before answers with the first answer again, nothing new stored;
//   3. JSON or a form, checked with the domain's lead schema: 422 with every wrong field;
//   4. a live lead with the same email or phone: 200 with its id, nothing new stored; two posts
//      of one person at the same moment make one lead (address-claims.ts);
//   5. the team's routing rules give it an owner (src-sync/routing: round robin, or the shared
//      pool for the first to take it); stored as a replicated document, so the owner's desktop
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
import { CLAIM_STALE_MS, claimAddresses } from './address-claims';
import { teamOfApiKey } from './api-keys';
import { routeNewLead } from '../routing/route-lead';
import { formToInput, leadFromInput, parseLeadInput, type FieldErrors } from './lead-input';

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

/** A live lead of the team that already has one of these addresses (made anywhere). */
async function liveLeadWith(
  deps: SyncDeps,
  teamId: string,
  addresses: readonly string[],
): Promise<Lead | undefined> {
  for (const address of addresses) {
    const found = (await leadsByAddress(deps.storage, teamId, address))[0];
    if (found !== undefined) return found;
  }
  return undefined;
}

const duplicate = (lead: Pick<Lead, 'id' | 'ownerId'> | { id: string; ownerId?: undefined }): Answer => ({
  status: 200,
  body: {
    id: lead.id,
    ...(lead.ownerId === undefined ? {} : { ownerId: lead.ownerId }),
    created: false,
    duplicate: true,
  },
});

/**
 * The lead that already stands for these addresses, or null once this request holds them
 * (address-claims.ts): a holder whose lead is live, or still being stored, wins.
 */
async function existingFor(deps: SyncDeps, teamId: string, lead: Lead): Promise<Answer | null> {
  const addresses = [lead.email, lead.phone].filter((a): a is string => a !== undefined);
  if (addresses.length === 0) return null;
  const now = deps.clock.now();
  let claim = await claimAddresses(deps.storage, teamId, addresses, lead.id, now);
  // Each turn replaces a holder that is gone; a few turns settle any race.
  for (let turn = 0; !claim.claimed; turn += 1) {
    if (turn === 5)
      throw new SyncError(503, 'busy', 'This lead is being saved by another request; send it again.');
    const holder = (await deps.storage.readDocuments(teamId, 'leads', [claim.holder])).get(claim.holder);
    const holderIsLive =
      holder !== undefined &&
      !holder.doc._deleted &&
      holder.doc.deletedAt === 0 &&
      holder.doc.mergedInto === undefined;
    if (holderIsLive) return duplicate({ id: claim.holder, ownerId: String(holder.doc.ownerId) });
    // Its request is still storing it: the same person, answered with the id it will have.
    if (holder === undefined && now - claim.at < CLAIM_STALE_MS) return duplicate({ id: claim.holder });
    claim = await claimAddresses(deps.storage, teamId, addresses, lead.id, now, claim.holder);
  }
  // A lead made on a desktop (or imported) holds no claim: found by its fields.
  const existing = await liveLeadWith(deps, teamId, addresses);
  if (existing === undefined) return null;
  await claimAddresses(deps.storage, teamId, addresses, existing.id, now, lead.id);
  return duplicate(existing);
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
  const existing = await existingFor(deps, teamId, made.lead);
  if (existing !== null) return existing;
  const routed = await routeNewLead(deps.storage, teamId, made.lead, now);
  if (routed === null)
    throw new SyncError(
      409,
      'no_agents',
      'The team has no active agent to give the lead to (everyone is paused or inactive).',
    );
  const lead = { ...made.lead, ownerId: routed.ownerId };
  const inserted = await insertDocuments(deps.storage, teamId, 'leads', leadSchema, [lead]);
  // The same Idempotency-Key posted twice at once: the other request stored it.
  if (inserted.length === 0) return duplicate({ id: lead.id });
  await routed.record(lead);
  return { status: 201, body: { id: lead.id, ownerId: lead.ownerId, created: true, duplicate: false } };
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
