// The same person posted to POST /api/leads several times at the same moment (a double submit,
// Zapier's retry, a second instance) makes one lead, whichever address they share; on SQLite
// and PostgreSQL. A deleted lead's address, or a claim whose request died, takes a new lead.
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Lead } from '../../src-shared/domain';
import type { PullResponse } from '../../src-shared/sync';
import { serverBackends, stopSharedPostgres } from '../../test/sync/backends';
import { bearer, jsonInit } from '../../test/sync/harness';
import { teamEngineFixture, type TeamEngineFixture } from '../../test/sync/team-engine-harness';
import { CLAIM_STALE_MS, claimAddresses } from './address-claims';

afterAll(stopSharedPostgres);

interface Answer {
  id: string;
  created: boolean;
  duplicate: boolean;
}

describe.each(serverBackends())('duplicate intake at once on $name', (backend) => {
  let f: TeamEngineFixture;
  let key: string;
  beforeEach(async () => {
    if (!backend.available) return;
    f = await teamEngineFixture(backend);
    const made = await f.test.app.request('/admin/api-keys', jsonInit(f.team.admin, 'POST', { name: 'Web' }));
    key = ((await made.json()) as { key: string }).key;
  });
  afterEach(async () => {
    if (backend.available) await f.dispose();
  });

  const post = async (body: unknown, headers: Record<string, string> = {}) => {
    const response = await f.test.app.request('/api/leads', {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    return { status: response.status, answer: (await response.json()) as Answer };
  };
  const liveLeads = async (): Promise<Lead[]> => {
    const response = await f.test.app.request('/sync/leads/pull?seq=0&limit=1000', {
      headers: bearer(f.team.admin),
    });
    const docs = ((await response.json()) as PullResponse).documents as unknown as (Lead & {
      _deleted: boolean;
    })[];
    return docs.filter((lead) => !lead._deleted && lead.id !== f.leadId);
  };

  it.skipIf(!backend.available)('the same lead posted eight times at once is one lead', async () => {
    const lead = { firstName: 'Noor', email: 'noor@example.com', phone: '(312) 555-0181' };
    const results = await Promise.all(Array.from({ length: 8 }, () => post(lead)));
    const leads = await liveLeads();
    expect(leads).toHaveLength(1);
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 200 && r.answer.duplicate)).toHaveLength(7);
    expect(new Set(results.map((r) => r.answer.id))).toEqual(new Set([leads[0]?.id]));
  });

  it.skipIf(!backend.available)(
    'posts sharing an email or a phone at once never make two leads with one address',
    async () => {
      const [, , both] = await Promise.all([
        post({ firstName: 'Ivy', email: 'ivy@example.com' }),
        post({ firstName: 'Ivy', phone: '312-555-0182' }),
        post({ firstName: 'Ivy', email: 'IVY@example.com', phone: '+1 312 555 0182' }),
      ]);
      const leads = await liveLeads();
      // The post with both addresses joins whichever lead claimed one first; the email-only and
      // phone-only posts may be two leads, but no address ever belongs to two.
      expect(leads.map((lead) => lead.id)).toContain(both?.answer.id);
      expect(leads.filter((lead) => lead.email === 'ivy@example.com')).toHaveLength(1);
      expect(leads.filter((lead) => lead.phone === '+13125550182')).toHaveLength(1);
    },
  );

  it.skipIf(!backend.available)('the same Idempotency-Key twice at once stores one lead', async () => {
    const lead = { firstName: 'Omar', email: 'omar@example.com' };
    const results = await Promise.all([
      post(lead, { 'idempotency-key': 'form-77' }),
      post(lead, { 'idempotency-key': 'form-77' }),
    ]);
    expect(await liveLeads()).toHaveLength(1);
    expect(results[0]?.answer.id).toBe(results[1]?.answer.id);
  });

  it.skipIf(!backend.available)(
    'a claim left by a request that died is taken over once it is stale',
    async () => {
      const now = f.clock.now();
      await claimAddresses(f.storage, f.team.teamId, ['zed@example.com'], 'lead-never-stored', now);
      const early = await post({ firstName: 'Zed', email: 'zed@example.com' });
      expect(early).toMatchObject({ status: 200, answer: { id: 'lead-never-stored', duplicate: true } });
      f.clock.advance(CLAIM_STALE_MS + 1);
      const late = await post({ firstName: 'Zed', email: 'zed@example.com' });
      expect(late.status).toBe(201);
      expect((await liveLeads()).map((lead) => lead.email)).toEqual(['zed@example.com']);
    },
  );
});
