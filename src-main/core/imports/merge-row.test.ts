// A merge that brings nothing new leaves the lead as it is (the same lead, nothing to write);
// one that brings something fills, joins and appends, and an unscored lead gets its score.
import { describe, expect, it } from 'vitest';
import type { Lead } from '../../../src-shared/domain';
import { changesBetween, mergeRowInto } from './merge-row';
import { readLeadRow, type RowContext } from './row-lead';

const NOW = Date.UTC(2026, 2, 1);
const ctx: RowContext = {
  batchId: 'b1',
  preset: 'generic',
  mapping: { Name: 'fullName', Email: 'email', Phone: 'phone', Tags: 'tags', Notes: 'notes' },
  workspace: { teamId: 't1', agentId: 'a1', defaultCountry: 'US' },
  ownerId: 'a1',
  importedAt: NOW,
  now: NOW,
};

async function rowLead(row: number, cells: Record<string, string>): Promise<Lead> {
  const reading = await readLeadRow({ row, cells: new Map(Object.entries(cells)), extraCells: 0 }, ctx);
  if (!('lead' in reading)) throw new Error(reading.refused);
  return reading.lead;
}

const person = { Name: 'Ann Lee', Email: 'ann@example.com', Tags: 'buyer', Notes: 'wants a yard' };

describe('merging a row into a lead', () => {
  it('returns the scored lead itself when the row brings nothing new', async () => {
    const stored = { ...(await rowLead(2, person)), scoredAt: NOW - 1000 };
    const merged = await mergeRowInto(stored, await rowLead(9, person), NOW + 5000);
    expect(merged).toBe(stored);
    expect(changesBetween(stored, merged)).toEqual({});
  });

  it('fills, joins and appends what the row brings, with the time of the merge', async () => {
    const stored = { ...(await rowLead(2, person)), scoredAt: NOW - 1000 };
    const row = await rowLead(9, { ...person, Phone: '(312) 555-0142', Tags: 'seller', Notes: 'has a dog' });
    const merged = await mergeRowInto(stored, row, NOW + 5000);
    expect(merged.phone).toBe('+13125550142');
    expect(merged.tags).toEqual(['buyer', 'seller']);
    expect(merged.notes).toBe('Notes: wants a yard\n\nNotes: has a dog');
    expect(merged.updatedAt).toBe(NOW + 5000);
    expect(Object.keys(changesBetween(stored, merged)).sort()).toEqual(
      expect.arrayContaining(['notes', 'phone', 'tags']),
    );
  });

  it('gives a lead never scored its provisional score even when the row brings nothing new', async () => {
    const unscored = await rowLead(2, person);
    const merged = await mergeRowInto(unscored, await rowLead(9, person), NOW + 5000);
    expect(merged).not.toBe(unscored);
    expect(merged.scoreFactors).toBeDefined();
    expect(merged.updatedAt).toBe(NOW + 5000);
  });
});
