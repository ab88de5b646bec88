// POST /api/leads in-process (app.request), on SQLite and PostgreSQL: JSON and forms, per-field
// errors with nothing stored, dedup by email/phone, Idempotency-Key, round robin, API keys made
// and revoked by an admin, and the new lead replicated to its owner.
import fc from 'fast-check';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Lead } from '../../src-shared/domain';
import type { PullResponse, SessionResponse } from '../../src-shared/sync';
import { serverBackends, stopSharedPostgres } from '../../test/sync/backends';
import { bearer, jsonInit } from '../../test/sync/harness';
import { teamEngineFixture, type TeamEngineFixture } from '../../test/sync/team-engine-harness';

afterAll(stopSharedPostgres);

describe.each(serverBackends())('lead intake on $name', (backend) => {
  let f: TeamEngineFixture;
  let key: string;
  let bob: SessionResponse;
  beforeEach(async () => {
    if (!backend.available) return;
    f = await teamEngineFixture(backend);
    bob = await f.team.agent(`bob-${Math.random().toString(36).slice(2, 8)}@example.com`);
    const made = await f.test.app.request(
      '/admin/api-keys',
      jsonInit(f.team.admin, 'POST', { name: 'Website' }),
    );
    expect(made.status).toBe(201);
    key = ((await made.json()) as { key: string }).key;
  });
  afterEach(async () => {
    if (backend.available) await f.dispose();
  });

  const post = (body: unknown, headers: Record<string, string> = {}) =>
    f.test.app.request('/api/leads', {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  async function leads(session: SessionResponse = f.team.admin): Promise<Lead[]> {
    const response = await f.test.app.request('/sync/leads/pull?seq=0', { headers: bearer(session) });
    return ((await response.json()) as PullResponse).documents as unknown as Lead[];
  }

  it.skipIf(!backend.available)(
    'a JSON lead is stored normalised, scored and owned by the next agent',
    async () => {
      const response = await post({
        firstName: 'Dana',
        lastName: 'Reyes',
        email: ' Dana@Example.com ',
        phone: '(312) 555-0177',
        address: { zip: '60614' },
      });
      expect(response.status).toBe(201);
      const answer = (await response.json()) as { id: string; ownerId: string; created: boolean };
      expect(answer.created).toBe(true);
      const lead = (await leads()).find((l) => l.id === answer.id);
      expect(lead).toMatchObject({
        email: 'dana@example.com',
        phone: '+13125550177',
        timeZone: 'America/Chicago',
        timeZoneSource: 'zip',
        source: 'website',
        stage: 'new',
        ownerId: answer.ownerId,
      });
      expect(lead?.score).toBeGreaterThan(0);
      // Replicated to the owner's desktop only (and the admin's).
      const owner = answer.ownerId === f.ann.agent.id ? f.ann : bob;
      const other = owner === f.ann ? bob : f.ann;
      expect((await leads(owner)).map((l) => l.id)).toContain(answer.id);
      expect((await leads(other)).map((l) => l.id)).not.toContain(answer.id);
    },
  );

  it.skipIf(!backend.available)(
    'a form post works like JSON (flat address fields, tags as a list)',
    async () => {
      const form = new URLSearchParams({
        firstName: 'Lee',
        phone: '312-555-0166',
        zip: '10001',
        tags: 'open house, buyer',
        priceMax: '450000',
      });
      const response = await f.test.app.request('/api/leads', {
        method: 'POST',
        headers: { 'x-api-key': key, 'content-type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
      });
      expect(response.status).toBe(201);
      const { id } = (await response.json()) as { id: string };
      expect((await leads()).find((l) => l.id === id)).toMatchObject({
        tags: ['open house', 'buyer'],
        priceMax: 450_000,
        timeZone: 'America/New_York',
        address: { zip: '10001' },
      });
    },
  );

  it.skipIf(!backend.available)('agents get new leads in turn', async () => {
    const owners: string[] = [];
    for (let i = 0; i < 4; i++) {
      const response = await post({ firstName: `Lead ${i}`, email: `lead${i}@example.com` });
      owners.push(((await response.json()) as { ownerId: string }).ownerId);
    }
    expect(owners[0]).not.toBe(owners[1]);
    expect(owners.slice(2)).toEqual(owners.slice(0, 2));
    expect(new Set(owners)).toEqual(new Set([f.ann.agent.id, bob.agent.id]));
  });

  it.skipIf(!backend.available)('a lead with a known email or phone is not stored twice', async () => {
    const first = (await (await post({ firstName: 'Sam', email: 'sam@example.com' })).json()) as {
      id: string;
    };
    const again = await post({ firstName: 'Samuel', email: 'SAM@example.com' });
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ id: first.id, created: false, duplicate: true });
    const byPhone = await post({ firstName: 'Maria', phone: '+1 312 555 0142' });
    expect(await byPhone.json()).toMatchObject({ id: f.leadId, duplicate: true });
  });

  it.skipIf(!backend.available)('the same Idempotency-Key answers the first answer again', async () => {
    const first = await post(
      { firstName: 'Kim', email: 'kim@example.com' },
      { 'idempotency-key': 'form-42' },
    );
    const second = await post(
      { firstName: 'Kim', email: 'kim@example.com' },
      { 'idempotency-key': 'form-42' },
    );
    expect(second.status).toBe(201);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(await second.json()).toEqual(await first.json());
    expect((await leads()).filter((l) => l.email === 'kim@example.com')).toHaveLength(1);
  });

  describe('refused with nothing stored', () => {
    async function refused(
      response: Response | Promise<Response>,
      status: number,
    ): Promise<Record<string, unknown>> {
      const before = await f.seq();
      const answer = await response;
      expect(answer.status).toBe(status);
      const body = (await answer.json()) as Record<string, unknown>;
      expect(typeof body.message).toBe('string');
      expect(await f.seq()).toBe(before);
      return body;
    }

    it.skipIf(!backend.available)('every wrong field is named', async () => {
      const body = await refused(
        post({ firstName: 'Pat', email: 'not-an-email', phone: '555-12', stage: 'maybe' }),
        422,
      );
      expect(Object.keys(body.fields as object)).toEqual(['stage']);
      const contact = await refused(post({ firstName: 'Pat', email: 'not-an-email', phone: '555-12' }), 422);
      expect(contact.fields).toEqual({
        email: 'email "not-an-email" is not a valid email address',
        phone: 'phone "555-12" is not a valid US number',
      });
      await refused(post({ notes: 'no name, no email, no phone' }), 422);
    });

    it.skipIf(!backend.available)('no key, a forged key, a revoked key, another team’s key', async () => {
      await refused(f.test.app.request('/api/leads', { method: 'POST', body: '{}' }), 401);
      await refused(post({ firstName: 'X' }, { authorization: `Bearer ${key.slice(0, -2)}xx` }), 401);
      await refused(
        post({ firstName: 'X' }, { authorization: 'Bearer plk_dGVhbS1ub25l_' + 'a'.repeat(43) }),
        401,
      );
      const listed = (await (
        await f.test.app.request('/admin/api-keys', { headers: bearer(f.team.admin) })
      ).json()) as {
        keys: { id: string }[];
      };
      const id = listed.keys[0]?.id ?? '';
      const revoked = await f.test.app.request(`/admin/api-keys/${id}`, {
        method: 'DELETE',
        headers: bearer(f.team.admin),
      });
      expect(revoked.status).toBe(204);
      await refused(post({ firstName: 'X', email: 'x@example.com' }), 401);
    });

    it.skipIf(!backend.available)('an agent cannot make keys; an expired session cannot either', async () => {
      await refused(f.test.app.request('/admin/api-keys', jsonInit(f.ann, 'POST', { name: 'Mine' })), 403);
      f.clock.advance(11 * 60_000);
      await refused(
        f.test.app.request('/admin/api-keys', jsonInit(f.team.admin, 'POST', { name: 'Late' })),
        401,
      );
    });

    it.skipIf(!backend.available)(
      'an oversized body, a body that is not JSON, another content type',
      async () => {
        await refused(post({ firstName: 'Big', notes: 'x'.repeat(70_000) }), 413);
        await refused(post('{"firstName":'), 400);
        await refused(post('firstName=Kim', { 'content-type': 'text/plain' }), 415);
      },
    );

    it.skipIf(!backend.available)('fuzzed bodies', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            fc.string({ maxLength: 200 }),
            fc.json({ maxDepth: 2 }).filter((text) => !/"(firstName|lastName|email|phone)"/.test(text)),
          ),
          async (body) => {
            const before = await f.seq();
            const response = await post(body);
            expect(response.status).toBeGreaterThanOrEqual(400);
            expect(response.status).toBeLessThan(500);
            expect(await f.seq()).toBe(before);
          },
        ),
        { numRuns: 60 },
      );
    });
  });
});
