// Follow Up Boss's webhook in-process (app.request), on SQLite and PostgreSQL: a signed event is
// kept once for the importer; unsigned, forged, wrong team or no system key: 403, nothing stored.
import fc from 'fast-check';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { serverBackends, stopSharedPostgres } from '../../test/sync/backends';
import { bearer } from '../../test/sync/harness';
import { teamEngineFixture, type TeamEngineFixture } from '../../test/sync/team-engine-harness';
import { FUB_EVENT_MAX_AGE_MS, FUB_EVENT_READ_GRACE_MS, pruneFubEvents } from './fub-events-prune';
import { fubSignature } from './fub-routes';

afterAll(stopSharedPostgres);
const SYSTEM_KEY = 'fub-system-key-of-the-team';

describe.each(serverBackends())('Follow Up Boss webhook on $name', (backend) => {
  let f: TeamEngineFixture;
  beforeEach(async () => {
    if (!backend.available) return;
    f = await teamEngineFixture(backend);
    await f.setSecret('fub-system-key', SYSTEM_KEY);
  });
  afterEach(async () => {
    if (backend.available) await f.dispose();
  });
  const path = (): string => `/webhooks/fub?team=${f.team.teamId}`;
  const event = JSON.stringify({
    eventId: 'f2a1c9d0-5b',
    eventCreated: '2026-01-05T15:00:00+00:00',
    event: 'peopleCreated',
    resourceIds: [1234],
    uri: 'https://api.followupboss.com/v1/people?id=1234',
  });
  const post = (body: string, signature: string | null, to = path()) =>
    f.test.app.request(to, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(signature === null ? {} : { 'fub-signature': signature }),
      },
      body,
    });
  const events = async (): Promise<unknown[]> =>
    (
      (await (await f.test.app.request('/admin/fub-events', { headers: bearer(f.team.admin) })).json()) as {
        events: unknown[];
      }
    ).events;

  it.skipIf(!backend.available)('a signed event is kept once for the importer', async () => {
    expect((await post(event, fubSignature(SYSTEM_KEY, event))).status).toBe(200);
    expect((await post(event, fubSignature(SYSTEM_KEY, event))).status).toBe(200);
    expect(await events()).toMatchObject([
      { id: 'f2a1c9d0-5b', event: 'peopleCreated', resourceIds: [1234] },
    ]);
  });

  it.skipIf(!backend.available)('FE-1/FE-2 events are read after a position, which moves on', async () => {
    const second = event.replace('f2a1c9d0-5b', 'f2a1c9d0-5c');
    await post(event, fubSignature(SYSTEM_KEY, event));
    await post(second, fubSignature(SYSTEM_KEY, second));
    const page = async (after: number, limit = 100) =>
      (await (
        await f.test.app.request(`/admin/fub-events?after=${after}&limit=${limit}`, {
          headers: bearer(f.team.admin),
        })
      ).json()) as { events: { id: string; seq: number }[]; checkpoint: { seq: number } };
    const first = await page(0, 1);
    expect(first.events.map((e) => e.id)).toEqual(['f2a1c9d0-5b']);
    const rest = await page(first.checkpoint.seq);
    expect(rest.events.map((e) => e.id)).toEqual(['f2a1c9d0-5c']);
    const none = await page(rest.checkpoint.seq);
    expect(none).toEqual({ events: [], checkpoint: rest.checkpoint });
    const refused = await f.test.app.request('/admin/fub-events?after=-1', { headers: bearer(f.team.admin) });
    expect(refused.status).toBe(400);
  });

  it.skipIf(!backend.available)(
    'FE-3 events read past are removed after the grace; unread ones after the longest age',
    async () => {
      const signed = (id: string): string => event.replace('f2a1c9d0-5b', id);
      const read = async (after: number) =>
        (await (
          await f.test.app.request(`/admin/fub-events?after=${after}`, { headers: bearer(f.team.admin) })
        ).json()) as { events: { id: string }[]; checkpoint: { seq: number } };
      for (const id of ['ev-1', 'ev-2']) await post(signed(id), fubSignature(SYSTEM_KEY, signed(id)));
      const first = await read(0);
      expect(first.events.map((e) => e.id)).toEqual(['ev-1', 'ev-2']);
      // Read past at once: a second reader within the grace still gets them.
      await read(first.checkpoint.seq);
      expect((await read(0)).events.map((e) => e.id)).toEqual(['ev-1', 'ev-2']);
      // Past the grace (the clock of the pass, not of the session), the events read are gone.
      const later = f.clock.now() + FUB_EVENT_READ_GRACE_MS + 1;
      await post(signed('ev-3'), fubSignature(SYSTEM_KEY, signed('ev-3')));
      expect(await pruneFubEvents(f.storage, f.team.teamId, first.checkpoint.seq, later)).toBe(2);
      expect((await read(0)).events.map((e) => e.id)).toEqual(['ev-3']);
      // Nobody reads ev-3: the sweep removes it once it is older than the longest age.
      expect(await pruneFubEvents(f.storage, f.team.teamId, 0, later)).toBe(0);
      expect(await pruneFubEvents(f.storage, f.team.teamId, 0, later + FUB_EVENT_MAX_AGE_MS)).toBe(1);
      expect((await read(0)).events).toEqual([]);
      // A retry of a removed event is kept again (the importer dedupes what it reads twice).
      await post(signed('ev-1'), fubSignature(SYSTEM_KEY, signed('ev-1')));
      expect((await read(0)).events.map((e) => e.id)).toEqual(['ev-1']);
    },
  );

  it.skipIf(!backend.available)('refused with nothing stored', async () => {
    const before = await f.seq();
    const cases: [string, string | null, string?][] = [
      [event, null],
      [event, fubSignature('another-key', event)],
      [event, fubSignature(SYSTEM_KEY, `${event} `)],
      [event, fubSignature(SYSTEM_KEY, event), '/webhooks/fub?team=team-other'],
      [event, fubSignature(SYSTEM_KEY, event), '/webhooks/fub'],
    ];
    for (const [body, signature, to] of cases) expect((await post(body, signature, to)).status).toBe(403);
    expect((await post('{"eventId":', fubSignature(SYSTEM_KEY, '{"eventId":'))).status).toBe(400);
    expect((await post('{}', fubSignature(SYSTEM_KEY, '{}'))).status).toBe(400);
    expect((await post('x'.repeat(300_000), fubSignature(SYSTEM_KEY, 'x'))).status).toBe(413);
    await fc.assert(
      fc.asyncProperty(
        fc.string({ maxLength: 300 }),
        fc.string({ maxLength: 64, unit: fc.constantFrom(...'0123456789abcdef') }),
        async (body, signature) => {
          expect((await post(body, signature)).status).toBe(403);
        },
      ),
      { numRuns: 50 },
    );
    await f.test.app.request('/admin/secrets/fub-system-key', {
      method: 'DELETE',
      headers: bearer(f.team.admin),
    });
    expect((await post(event, fubSignature(SYSTEM_KEY, event))).status).toBe(403);
    expect((await post(event, fubSignature('', event))).status).toBe(403);
    expect(await f.seq()).toBe(before);
  });
});
