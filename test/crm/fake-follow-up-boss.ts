// A local HTTP server speaking the part of Follow Up Boss's REST API Porchlight uses, written
// from its public API reference:
//   GET  /v1/people?sort=-updated&limit=N[&next=CURSOR][&fields=…]  newest change first; the
//        answer's `_metadata.next` is the cursor of the following page (absent on the last)
//   GET  /v1/people/:id            one person, 404 { errorMessage } when deleted
//   PUT  /v1/people/:id            { stage } changes the person's stage (and `updated`)
//   GET  /v1/notes?personId=N      the person's notes;  POST /v1/notes { personId, subject, body }
//   GET  /v1/{notes,textMessages,emails,calls}/:id   one activity (404 when deleted)
//   GET/POST /v1/webhooks { event, url }   the account's webhooks (403 without X-System-Key)
// Every request needs HTTP Basic with a known API key as the user name (401 otherwise) and the
// X-System header. `rateLimitNext(n, seconds)` answers the next n requests 429 with Retry-After;
// `failNext(status)` answers the next write with that status. Cursors are opaque strings.
// `webhook(url, systemKey, event, resourceIds)` posts an event as Follow Up Boss does: JSON
// { eventId, eventCreated, event, resourceIds, uri } with FUB-Signature (the hex HMAC-SHA256 of
// the base64 of the body, keyed with the system key); `redeliver` posts the same event again.
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { createHmac, randomUUID } from 'node:crypto';
import type {
  FubActivity,
  FubActivityKind,
  FubNote,
  FubPerson,
} from '../../src-main/core/ports/follow-up-boss';

export interface SentWebhook {
  body: string;
  signature: string;
  status: number;
}

export interface FakeFubRequest {
  method: string;
  path: string;
  query: string;
  system: string | undefined;
  systemKey: string | undefined;
}

export interface FakeFollowUpBoss {
  baseUrl: string;
  apiKey: string;
  people: Map<number, FubPerson>;
  notes: (FubNote & { personId: number; subject: string })[];
  requests: FakeFubRequest[];
  /** Adds or changes a person; `updated` moves to the given time (ISO, default: a tick later). */
  put(person: Omit<FubPerson, 'updated'> & { updated?: string }): FubPerson;
  remove(id: number): void;
  /** Notes, texts, emails and calls by kind and id (notes also hold what POST /v1/notes wrote). */
  activities: Map<FubActivityKind, Map<number, FubActivity>>;
  webhooks: { id: number; event: string; url: string }[];
  rateLimitNext(count: number, retryAfterSeconds: number): void;
  failNext(status: number): void;
  webhook(url: string, systemKey: string, event: string, resourceIds: number[]): Promise<SentWebhook>;
  redeliver(url: string, sent: SentWebhook): Promise<SentWebhook>;
  close(): Promise<void>;
}

export async function startFakeFollowUpBoss(apiKey = 'fka_0TestKey0123456789'): Promise<FakeFollowUpBoss> {
  const people = new Map<number, FubPerson>();
  const notes: FakeFollowUpBoss['notes'] = [];
  const requests: FakeFubRequest[] = [];
  let limited = 0;
  let retryAfter = 1;
  let failWrite: number | undefined;
  let clock = Date.parse('2026-11-01T09:00:00Z');
  let noteId = 1;
  const activities = new Map<FubActivityKind, Map<number, FubActivity>>([
    ['notes', new Map()],
    ['textMessages', new Map()],
    ['emails', new Map()],
    ['calls', new Map()],
  ]);
  const tick = (): string => new Date((clock += 1000)).toISOString().replace(/\.\d{3}Z$/, 'Z');

  const app = new Hono();
  const error = (status: number, message: string, headers: Record<string, string> = {}): Response =>
    new Response(JSON.stringify({ errorMessage: message }), {
      status,
      headers: { 'content-type': 'application/json', ...headers },
    });

  app.use('*', async (c, next) => {
    const url = new URL(c.req.url);
    requests.push({
      method: c.req.method,
      path: url.pathname,
      query: url.search,
      system: c.req.header('x-system'),
      systemKey: c.req.header('x-system-key'),
    });
    const auth = c.req.header('authorization') ?? '';
    const user = auth.startsWith('Basic ')
      ? Buffer.from(auth.slice(6), 'base64').toString('utf8').split(':')[0]
      : undefined;
    if (user !== apiKey) return error(401, 'Invalid API key.');
    if (c.req.header('x-system') === undefined) return error(400, 'X-System header is required.');
    if (limited > 0) {
      limited--;
      return error(429, 'Too many requests.', { 'retry-after': String(retryAfter) });
    }
    if (c.req.method !== 'GET' && failWrite !== undefined) {
      const status = failWrite;
      failWrite = undefined;
      return error(status, 'Service temporarily unavailable.');
    }
    await next();
  });

  app.get('/v1/people', (c) => {
    const limit = Math.min(100, Number(c.req.query('limit') ?? 10));
    if (c.req.query('sort') !== '-updated') return error(400, 'Only sort=-updated is served here.');
    const sorted = [...people.values()].sort(
      (a, b) => (b.updated ?? '').localeCompare(a.updated ?? '') || b.id - a.id,
    );
    // The cursor names the last person of the previous page (keyset paging, as `next` is).
    const after = c.req.query('next');
    const start = after === undefined ? 0 : sorted.findIndex((p) => `c${p.id}` === after) + 1;
    const page = sorted.slice(start, start + limit);
    const last = page.at(-1);
    const more = start + limit < sorted.length && last !== undefined;
    return c.json({
      _metadata: {
        collection: 'people',
        offset: start,
        limit,
        total: sorted.length,
        ...(more ? { next: `c${last.id}`, nextLink: `${c.req.url.split('?')[0]}?next=c${last.id}` } : {}),
      },
      people: page,
    });
  });
  app.get('/v1/people/:id', (c) => {
    const person = people.get(Number(c.req.param('id')));
    return person === undefined ? error(404, 'Person not found.') : c.json(person);
  });
  app.put('/v1/people/:id', async (c) => {
    const person = people.get(Number(c.req.param('id')));
    if (person === undefined) return error(404, 'Person not found.');
    const body = await c.req.json<{ stage?: string }>();
    if (typeof body.stage === 'string') Object.assign(person, { stage: body.stage, updated: tick() });
    return c.json(person);
  });
  app.get('/v1/notes', (c) => {
    const personId = Number(c.req.query('personId'));
    return c.json({
      _metadata: { collection: 'notes' },
      notes: notes.filter((n) => n.personId === personId),
    });
  });
  app.post('/v1/notes', async (c) => {
    const body = await c.req.json<{ personId?: number; subject?: string; body?: string }>();
    if (typeof body.personId !== 'number' || !people.has(body.personId))
      return error(400, 'personId is required and must be an existing person.');
    const note = {
      id: noteId++,
      personId: body.personId,
      subject: body.subject ?? '',
      body: body.body ?? '',
    };
    notes.push(note);
    activities.get('notes')?.set(note.id, { ...note, created: tick() });
    return c.json(note, 201);
  });
  for (const kind of activities.keys())
    app.get(`/v1/${kind}/:id`, (c) => {
      const found = activities.get(kind)?.get(Number(c.req.param('id')));
      return found === undefined ? error(404, 'Not found.') : c.json(found);
    });

  const webhooks: FakeFollowUpBoss['webhooks'] = [];
  const registered = (c: { req: { header(name: string): string | undefined } }) =>
    c.req.header('x-system-key') !== undefined;
  app.get('/v1/webhooks', (c) =>
    registered(c)
      ? c.json({ _metadata: { collection: 'webhooks' }, webhooks })
      : error(403, 'Webhooks are available to registered systems only.'),
  );
  app.post('/v1/webhooks', async (c) => {
    if (!registered(c)) return error(403, 'Webhooks are available to registered systems only.');
    const body = await c.req.json<{ event?: string; url?: string }>();
    if (typeof body.event !== 'string' || typeof body.url !== 'string')
      return error(400, 'event and url are required.');
    const webhook = { id: webhooks.length + 1, event: body.event, url: body.url };
    webhooks.push(webhook);
    return c.json(webhook, 201);
  });

  const post = async (url: string, body: string, signature: string): Promise<SentWebhook> => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'fub-signature': signature },
      body,
    });
    return { body, signature, status: response.status };
  };

  const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    apiKey,
    people,
    notes,
    requests,
    put(person) {
      const stored: FubPerson = { ...people.get(person.id), ...person, updated: person.updated ?? tick() };
      people.set(person.id, stored);
      return stored;
    },
    remove: (id) => void people.delete(id),
    rateLimitNext(count, seconds) {
      limited = count;
      retryAfter = seconds;
    },
    failNext(status) {
      failWrite = status;
    },
    activities,
    webhooks,
    webhook(url, systemKey, event, resourceIds) {
      const collection = event.replace(/(Created|Updated|Deleted|StageUpdated|TagsCreated)$/, '');
      const body = JSON.stringify({
        eventId: randomUUID(),
        eventCreated: new Date(clock).toISOString(),
        event,
        resourceIds,
        uri: `https://api.followupboss.com/v1/${collection}?id=${resourceIds.join(',')}`,
      });
      const signature = createHmac('sha256', systemKey)
        .update(Buffer.from(body, 'utf8').toString('base64'))
        .digest('hex');
      return post(url, body, signature);
    },
    redeliver: (url, sent) => post(url, sent.body, sent.signature),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
