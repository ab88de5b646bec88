import { describe, expect, it } from 'vitest';
import { makeLead } from '../../../src-shared/scoring/test-fixtures';
import { createTestCore } from '../testing/test-core';
import { groupDuplicates } from './duplicate-groups';

describe('groups of duplicate leads', () => {
  it('DG1: joins leads sharing an email or a phone, chains included, oldest first and largest group first', () => {
    const groups = groupDuplicates([
      makeLead({ id: 'a', email: 'sam@example.com', createdAt: 3 }),
      makeLead({ id: 'b', email: 'sam@example.com', phone: '+13125550101', createdAt: 1 }),
      makeLead({ id: 'c', phone: '+13125550101', createdAt: 2 }),
      makeLead({ id: 'd', email: 'solo@example.com', createdAt: 4 }),
      makeLead({ id: 'e', phone: '+13125550199', createdAt: 6 }),
      makeLead({ id: 'f', phone: '+13125550199', createdAt: 5 }),
    ]);
    expect(groups.map((g) => g.leads.map((l) => l.id))).toEqual([
      ['b', 'c', 'a'],
      ['f', 'e'],
    ]);
    expect(groups[0]?.shared).toEqual(
      expect.arrayContaining([
        { field: 'email', value: 'sam@example.com' },
        { field: 'phone', value: '+13125550101' },
      ]),
    );
  });

  it('DG2: leaves out leads in the bin, and a merge empties the group', async () => {
    const core = await createTestCore();
    try {
      const make = async (firstName: string) => {
        await core.clock.advanceTo(core.clock.now() + 1000);
        return (await core.invoke('leads-create', { lead: { firstName, email: 'twin@example.com' } })).lead
          .id;
      };
      const [one, two, three] = [await make('One'), await make('Two'), await make('Three')];
      await core.invoke('leads-delete', { ids: [three] });
      const [group] = await core.invoke('leads-duplicate-groups', {});
      expect(group?.leads.map((l) => l.id)).toEqual([one, two]);
      await core.invoke('leads-merge', { keepId: one, mergeIds: [two] });
      expect(await core.invoke('leads-duplicate-groups', {})).toEqual([]);
    } finally {
      await core.close();
    }
  });
});
