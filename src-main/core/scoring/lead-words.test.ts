// The lead's own words move the score (issue: a Zillow lead whose notes said "pre-approved
// $650k" scored cold with pre-approval empty): the content factor and the insights read the
// inquiry, the notes and every inbound message, and quote the phrase they read.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestCore } from '../testing/test-core';
import { createTestCore } from '../testing/test-core';
import type { ScoringJob } from './index';
import { startScoring } from './index';

let core: TestCore;
let job: ScoringJob;
beforeEach(async () => {
  core = await createTestCore({ start: '2026-06-01T15:00:00Z' });
  job = startScoring(core.ctx, { nightly: null });
});
afterEach(async () => {
  job.stop();
  await job.idle();
  await core.close();
});

async function settle(): Promise<void> {
  await core.clock.advance(1_000);
  await job.idle();
}

describe("the lead's words in the score", () => {
  it('LW1: a Zillow lead whose notes say "pre-approved $650k" scores higher, with the phrase as the reason', async () => {
    const fields = {
      firstName: 'Priya',
      lastName: 'Shah',
      email: 'priya@example.com',
      source: 'zillow' as const,
    };
    const { lead: plain } = await core.invoke('leads-create', { lead: fields });
    const { lead } = await core.invoke('leads-create', {
      lead: {
        ...fields,
        email: 'priya.shah@example.com',
        notes: 'Zillow: pre-approved $650k, wants a 3-bed',
      },
    });
    await settle();
    const before = await core.invoke('scoring-explain', { id: plain.id });
    const after = await core.invoke('scoring-explain', { id: lead.id });
    expect(after.score).toBeGreaterThan(before.score);
    const content = after.factors.find((f) => f.name === 'content');
    const plainContent = before.factors.find((f) => f.name === 'content');
    expect(content?.contribution ?? 0).toBeGreaterThan(plainContent?.contribution ?? 0);
    expect(content?.reason).toBe(
      'Asked about price ("$650k"); mentioned pre-approval or cash ("pre-approved")',
    );

    const insights = await core.invoke('lead-insights', { id: lead.id });
    expect(insights.preApproval).toMatchObject({ value: 'pre_approved', evidence: ['pre-approved'] });
    expect(insights.budget).toMatchObject({ value: { max: 650_000 }, evidence: ['pre-approved $650k'] });
    expect(insights.propertyType?.value).toBe('single-family');
  });

  it('LW2: a note added later and an inbound reply are read too, each quoted', async () => {
    const { lead } = await core.invoke('leads-create', {
      lead: { firstName: 'Sam', email: 'sam@example.com', source: 'zillow' },
    });
    await settle();
    const first = (await core.invoke('scoring-explain', { id: lead.id })).score;
    await core.invoke('leads-update', { id: lead.id, patch: { notes: 'Lease ends in June, needs to move' } });
    await settle();
    const noted = await core.invoke('scoring-explain', { id: lead.id });
    expect(noted.score).toBeGreaterThan(first);
    expect(noted.factors.find((f) => f.name === 'content')?.reason).toMatch(
      /^Sounds urgent \("Lease ends"\)/,
    );
  });
});
