import { describe, expect, it } from 'vitest';
import type { Sequence } from '../../../src-shared/domain';
import { makeLead } from '../../../src-shared/scoring/test-fixtures';
import { triggeredSequences } from './triggers';

const now = Date.parse('2026-01-05T14:00:00Z');
const firstTouch: Sequence = {
  id: 'seq-first-touch',
  teamId: 'team',
  ownerId: 'agent',
  updatedAt: now,
  name: 'New lead first touch',
  status: 'active',
  version: 1,
  trigger: { type: 'new_lead' },
  steps: [],
  pastVersions: [],
  builtIn: true,
  createdAt: now,
  demo: false,
};

describe('new-lead trigger', () => {
  it('starts the first touch for a lead typed in today', () => {
    const lead = makeLead({ createdAt: now });
    expect(triggeredSequences([firstTouch], undefined, lead, now)).toEqual([firstTouch]);
  });

  it('leaves an imported lead alone, even one dated today', () => {
    const lead = makeLead({ createdAt: now, importId: 'batch-1' });
    expect(triggeredSequences([firstTouch], undefined, lead, now)).toEqual([]);
  });
});
