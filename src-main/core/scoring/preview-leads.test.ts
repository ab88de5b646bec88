// Previewing scoring settings on the current leads: the counts before and after, the biggest
// moves, and nothing saved until the agent saves.
import { afterEach, describe, expect, it } from 'vitest';
import type { TestCore } from '../testing/test-core';
import { createTestCore } from '../testing/test-core';

let core: TestCore | undefined;
afterEach(async () => {
  await core?.close();
  core = undefined;
});

describe('scoring preview on the current leads', () => {
  it('SC-PREV1: a stricter hot threshold cools the hot leads in the preview only', async () => {
    core = await createTestCore();
    const inquiry = 'Pre-approved, cash buyer, want to see 12 Oak St this weekend and make an offer';
    for (const firstName of ['Ann', 'Bo', 'Cy']) {
      await core.invoke('leads-create', {
        lead: {
          firstName,
          email: `${firstName.toLowerCase()}@example.com`,
          source: 'referral',
          notes: inquiry,
        },
      });
    }
    await core.invoke('leads-create', { lead: { firstName: 'Di', source: 'other' } });
    const saved = await core.invoke('scoring-settings-get', {});
    const same = await core.invoke('scoring-preview-leads', { settings: {} });
    expect(same).toMatchObject({ scored: 4, total: 4, changedScore: 0, changedTemperature: 0 });
    expect(same.before).toEqual(same.after);

    const strict = await core.invoke('scoring-preview-leads', {
      settings: { thresholds: { hot: 100, warm: 99 } },
    });
    expect(strict.after).toEqual({ hot: 0, warm: 0, cold: 4 });
    expect(strict.changedTemperature).toBe(4 - same.before.cold);
    expect(strict.movers.every((m) => m.toTemperature === 'cold')).toBe(true);
    // Source weight to zero moves scores, largest move first.
    const noSource = await core.invoke('scoring-preview-leads', { settings: { weights: { source: 0 } } });
    expect(noSource.changedScore).toBeGreaterThan(0);
    const deltas = noSource.movers.map((m) => Math.abs(m.to - m.from));
    expect(deltas).toEqual([...deltas].sort((a, b) => b - a));
    expect(await core.invoke('scoring-settings-get', {})).toEqual(saved);
  });
});
