import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PorchlightError } from '../../../src-shared/ipc/errors';
import type { TestCore } from '../testing/test-core';
import { createTestCore } from '../testing/test-core';
import { makeLead } from '../../../src-shared/scoring/test-fixtures';

let core: TestCore;
beforeEach(async () => {
  core = await createTestCore();
});
afterEach(async () => {
  await core.close();
});

async function rejection(promise: Promise<unknown>): Promise<PorchlightError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof PorchlightError) return error;
    throw error;
  }
  throw new Error('expected the call to be refused');
}

describe('leads-create', () => {
  it('stores phones as E.164 and emails lower-case, and derives the time zone from the ZIP', async () => {
    const { lead, warnings } = await core.invoke('leads-create', {
      lead: {
        firstName: 'Maria',
        lastName: 'Lopez',
        email: '  Maria.Lopez@Example.COM ',
        phone: '(305) 555-0142',
        address: { zip: '80202', country: 'US' },
      },
    });
    expect(lead.phone).toBe('+13055550142');
    expect(lead.email).toBe('maria.lopez@example.com');
    expect(lead.timeZone).toBe('America/Denver');
    expect(lead.timeZoneSource).toBe('zip');
    expect(warnings).toEqual([]);
    expect(await core.invoke('leads-get', { id: lead.id })).toMatchObject({ firstName: 'Maria' });
  });

  it('derives the time zone from the phone area code when there is no address', async () => {
    const { lead } = await core.invoke('leads-create', { lead: { firstName: 'Kai', phone: '415-555-0100' } });
    expect(lead).toMatchObject({ timeZone: 'America/Los_Angeles', timeZoneSource: 'phone' });
  });

  it('derives the time zone from the US state when that is all there is', async () => {
    const { lead } = await core.invoke('leads-create', {
      lead: { firstName: 'Ana', address: { state: 'il' } },
    });
    expect(lead).toMatchObject({ timeZone: 'America/Chicago', timeZoneSource: 'state' });
  });

  it('refuses a bad phone number with an error naming the field, and stores nothing', async () => {
    const error = await rejection(
      core.invoke('leads-create', { lead: { firstName: 'Bob', phone: '555-12', email: 'bob@example.com' } }),
    );
    expect(error.code).toBe('validation');
    expect(error.fieldErrors?.phone).toBe('phone "555-12" is not a valid US number');
    expect((await core.invoke('leads-counts', {})).total).toBe(0);
  });

  it('keeps the rest of the lead and warns when asked to drop invalid contact fields', async () => {
    const { lead, warnings } = await core.invoke('leads-create', {
      lead: { firstName: 'Bob', phone: '555-12', email: 'not-an-email' },
      onInvalidContact: 'drop',
    });
    expect(lead.firstName).toBe('Bob');
    expect(lead.phone).toBeUndefined();
    expect(warnings.map((w) => w.field).sort()).toEqual(['email', 'phone']);
    expect(warnings[0]?.message).toMatch(/kept without it/);
  });

  it('refuses a lead with no name, email or phone', async () => {
    const error = await rejection(core.invoke('leads-create', { lead: { notes: 'hello' } }));
    expect(error.fieldErrors).toHaveProperty('firstName');
  });

  it('reports duplicates by email or phone', async () => {
    const first = await core.invoke('leads-create', { lead: { firstName: 'A', email: 'dup@example.com' } });
    const second = await core.invoke('leads-create', { lead: { firstName: 'B', email: 'DUP@example.com' } });
    expect(second.duplicateIds).toEqual([first.lead.id]);
  });
});

describe('leads-update', () => {
  it('changes only the given fields and re-derives the time zone when the phone changes', async () => {
    const { lead } = await core.invoke('leads-create', {
      lead: { firstName: 'Lee', lastName: 'Kim', phone: '212-555-0100' },
    });
    const updated = await core.invoke('leads-update', { id: lead.id, patch: { phone: '206-555-0100' } });
    expect(updated.lead).toMatchObject({
      firstName: 'Lee',
      lastName: 'Kim',
      timeZone: 'America/Los_Angeles',
    });
  });

  it('keeps a time zone a person chose, and refuses an unknown one', async () => {
    const { lead } = await core.invoke('leads-create', {
      lead: { firstName: 'Z', timeZone: 'Europe/Lisbon' },
    });
    expect(lead.timeZoneSource).toBe('given');
    const error = await rejection(
      core.invoke('leads-update', { id: lead.id, patch: { timeZone: 'Mars/Olympus' } }),
    );
    expect(error.fieldErrors).toHaveProperty('timeZone');
  });

  it('refuses to update a lead that does not exist', async () => {
    const error = await rejection(core.invoke('leads-update', { id: 'nope', patch: { firstName: 'X' } }));
    expect(error.code).toBe('not_found');
  });
});

describe('leads-query', () => {
  it('filters, searches, sorts and pages on the server side', async () => {
    for (const [firstName, stage] of [
      ['Alice', 'new'],
      ['Bruno', 'contacted'],
      ['Carla', 'new'],
      ['Dmitri', 'lost'],
    ] as const) {
      await core.invoke('leads-create', { lead: { firstName, lastName: 'Test', stage } });
    }
    const page = await core.invoke('leads-query', {
      stages: ['new', 'contacted'],
      sort: { field: 'name', direction: 'desc' },
      limit: 2,
    });
    expect(page.total).toBe(3);
    expect(page.rows.map((r) => r.firstName)).toEqual(['Carla', 'Bruno']);
    const search = await core.invoke('leads-query', { search: 'dmi' });
    expect(search.rows.map((r) => r.firstName)).toEqual(['Dmitri']);
  });

  it('finds a phone by what a person types: the +44 prefix alone, with spaces or a (0), a part', async () => {
    await core.invoke('leads-create', { lead: { firstName: 'Uk', phone: '+44 20 7946 0958' } });
    await core.invoke('leads-create', { lead: { firstName: 'Us', phone: '(312) 555-0142' } });
    for (const typed of [
      '+4',
      '+44',
      '+44 20 7946 0958',
      '+442079460958',
      '+44 (0)20 7946 0958',
      '7946 0958',
    ]) {
      const found = await core.invoke('leads-query', { search: typed });
      expect(
        found.rows.map((r) => r.firstName),
        typed,
      ).toEqual(['Uk']);
    }
    expect((await core.invoke('leads-query', { search: '(312) 555' })).rows.map((r) => r.firstName)).toEqual([
      'Us',
    ]);
  });

  it('sorts the soonest follow-up first and puts leads without one last', async () => {
    const make = async (firstName: string, nextFollowUpAt?: number) => {
      const { lead } = await core.invoke('leads-create', { lead: { firstName } });
      if (nextFollowUpAt !== undefined)
        await core.ctx.db.leads.findOne(lead.id).update({ $set: { nextFollowUpAt } });
    };
    await make('None');
    await make('Later', 2_000_000_000_000);
    await make('Soon', 1_900_000_000_000);
    const page = await core.invoke('leads-query', { sort: { field: 'nextFollowUpAt', direction: 'asc' } });
    expect(page.rows.map((r) => r.firstName)).toEqual(['Soon', 'Later', 'None']);
  });

  it('moves deleted leads to the bin and restores them', async () => {
    const { lead } = await core.invoke('leads-create', { lead: { firstName: 'Gone' } });
    expect(await core.invoke('leads-delete', { ids: [lead.id] })).toEqual({ deleted: 1 });
    expect((await core.invoke('leads-query', {})).total).toBe(0);
    expect((await core.invoke('leads-query', { deleted: true })).rows[0]?.id).toBe(lead.id);
    expect(await core.invoke('leads-restore', { ids: [lead.id] })).toEqual({ restored: 1 });
    expect((await core.invoke('leads-counts', {})).total).toBe(1);
  });
});

describe('leads-merge', () => {
  it('keeps one lead, fills its blanks and moves every touch to it', async () => {
    const keep = await core.invoke('leads-create', {
      lead: { firstName: 'Sam', email: 'sam@example.com', tags: ['a'] },
    });
    const other = await core.invoke('leads-create', {
      lead: { firstName: 'Samuel', email: 'sam@example.com', phone: '312-555-0101', tags: ['b'] },
    });
    await core.ctx.db.messages.insert({
      id: 'm1',
      teamId: 'team-test',
      ownerId: 'agent-test',
      updatedAt: 1,
      leadId: other.lead.id,
      direction: 'inbound',
      channel: 'sms',
      status: 'received',
      createdAt: 1,
      body: 'hi',
      attempt: 0,
      authoredBy: 'lead',
      statusHistory: [],
      demo: false,
    });
    const merged = await core.invoke('leads-merge', { keepId: keep.lead.id, mergeIds: [other.lead.id] });
    expect(merged).toMatchObject({ firstName: 'Sam', phone: '+13125550101', tags: ['a', 'b'] });
    expect((await core.ctx.db.messages.findOne('m1').exec())?.leadId).toBe(keep.lead.id);
    const gone = await core.invoke('leads-get', { id: other.lead.id });
    expect(gone?.mergedInto).toBe(keep.lead.id);
    expect(gone?.deletedAt).toBeGreaterThan(0);
  });
});

describe('the contract', () => {
  it('refuses unknown handlers and invalid arguments with named fields', async () => {
    expect((await rejection(core.app.invoke('leads-explode', {}))).code).toBe('unknown_handler');
    const error = await rejection(core.app.invoke('leads-query', { limit: 0 }));
    expect(error.code).toBe('invalid_args');
    expect(error.message).toContain('limit');
  });

  it('announces leads-changed for every write, from the store', async () => {
    const seen: string[][] = [];
    core.ctx.events.on('leads-changed', (payload) => seen.push(payload.ids));
    const { lead } = await core.invoke('leads-create', { lead: { firstName: 'Evt' } });
    await core.documentEvents.flushed();
    await core.invoke('leads-delete', { ids: [lead.id] });
    await core.documentEvents.flushed();
    expect(seen).toEqual([[lead.id], [lead.id]]);
  });
});

describe('leads-query order', () => {
  it('pages through score, name and stage orders exactly as a full sort would, ties broken by id', async () => {
    const stages = ['new', 'contacted', 'lost'] as const;
    const leads = Array.from({ length: 40 }, (_, i) =>
      makeLead({
        id: `lead-${String(i).padStart(2, '0')}`,
        score: (i * 7) % 5,
        stage: stages[i % 3] ?? 'new',
        nameKey: `name ${(i * 11) % 13}`,
      }),
    );
    await core.ctx.db.leads.bulkInsert(leads);
    const expected = (filter: (s: string) => boolean, key: 'score' | 'nameKey', dir: 1 | -1): string[] =>
      leads
        .filter((l) => filter(l.stage))
        .sort((a, b) => (a[key] < b[key] ? -dir : a[key] > b[key] ? dir : a.id < b.id ? -1 : 1))
        .map((l) => l.id);
    const paged = async (args: Parameters<typeof core.invoke<'leads-query'>>[1]): Promise<string[]> => {
      const ids: string[] = [];
      for (let offset = 0; offset < 40; offset += 7) {
        ids.push(...(await core.invoke('leads-query', { ...args, offset, limit: 7 })).rows.map((r) => r.id));
      }
      return ids;
    };
    expect(await paged({ sort: { field: 'score', direction: 'desc' } })).toEqual(
      expected(() => true, 'score', -1),
    );
    expect(await paged({ sort: { field: 'name', direction: 'asc' } })).toEqual(
      expected(() => true, 'nameKey', 1),
    );
    expect(await paged({ stages: ['lost'], sort: { field: 'score', direction: 'desc' } })).toEqual(
      expected((s) => s === 'lost', 'score', -1),
    );
  });
});
