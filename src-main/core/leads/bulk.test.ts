import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestCore } from '../testing/test-core';
import { createTestCore } from '../testing/test-core';

let core: TestCore;
beforeEach(async () => {
  core = await createTestCore();
});
afterEach(async () => {
  await core.close();
});

async function leads(count: number, lastName = 'Bulk'): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++)
    ids.push(
      (await core.invoke('leads-create', { lead: { firstName: `L${i}`, lastName, tags: ['a'] } })).lead.id,
    );
  return ids;
}

describe('bulk changes from the grid', () => {
  it('LB1: selects every lead a filter matches, tags them with one event, and the undo takes back only that tag', async () => {
    const ids = await leads(5);
    await leads(2, 'Other');
    const selected = await core.invoke('leads-ids', { search: 'bulk' });
    expect(selected.total).toBe(5);
    expect(new Set(selected.ids)).toEqual(new Set(ids));

    await core.documentEvents.flushed();
    const events: string[][] = [];
    core.ctx.events.on('leads-changed', (p) => events.push(p.ids));
    const result = await core.invoke('leads-bulk-update', {
      ids: selected.ids,
      change: { kind: 'add-tag', tag: 'open-house' },
    });
    await core.documentEvents.flushed();
    expect(result.changed).toBe(5);
    expect(events).toHaveLength(1);
    expect((await core.invoke('leads-get', { id: ids[0] ?? '' }))?.tags).toEqual(['a', 'open-house']);

    // A lead that already has the tag is neither changed nor put back by the undo.
    const again = await core.invoke('leads-bulk-update', {
      ids,
      change: { kind: 'add-tag', tag: 'open-house' },
    });
    expect(again).toEqual({ changed: 0, before: [], refused: [] });

    expect(await core.invoke('leads-bulk-undo', { before: result.before })).toEqual({ restored: 5 });
    for (const id of ids) expect((await core.invoke('leads-get', { id }))?.tags).toEqual(['a']);
  });

  it('LB2: sets the stage and the owner of many leads and undoes each', async () => {
    const ids = await leads(3);
    const staged = await core.invoke('leads-bulk-update', {
      ids,
      change: { kind: 'stage', stage: 'nurture' },
    });
    expect(staged.changed).toBe(3);
    expect((await core.invoke('leads-query', { stages: ['nurture'] })).total).toBe(3);
    await core.invoke('leads-bulk-undo', { before: staged.before });
    expect((await core.invoke('leads-query', { stages: ['new'] })).total).toBe(3);

    const assigned = await core.invoke('leads-bulk-update', {
      ids,
      change: { kind: 'assign', ownerId: 'agent-2' },
    });
    expect(assigned.before.map((b) => b.ownerId)).toEqual(['agent-test', 'agent-test', 'agent-test']);
    expect((await core.invoke('leads-get', { id: ids[1] ?? '' }))?.ownerId).toBe('agent-2');
    await core.invoke('leads-bulk-undo', { before: assigned.before });
    expect((await core.invoke('leads-get', { id: ids[1] ?? '' }))?.ownerId).toBe('agent-test');
  });

  it('LB3: refuses a lead in the bin or at 50 tags with the reason, and changes the rest', async () => {
    const [binned, full, fine] = await leads(3);
    if (binned === undefined || full === undefined || fine === undefined) throw new Error('three leads');
    await core.invoke('leads-delete', { ids: [binned] });
    await core.invoke('leads-update', {
      id: full,
      patch: { tags: Array.from({ length: 50 }, (_, i) => `t${i}`) },
    });
    const result = await core.invoke('leads-bulk-update', {
      ids: [binned, full, fine],
      change: { kind: 'add-tag', tag: 'new' },
    });
    expect(result.changed).toBe(1);
    expect(result.refused).toEqual([
      { id: binned, reason: 'no longer in the grid (deleted or merged)' },
      { id: full, reason: 'already has 50 tags' },
    ]);
  });

  it('LB4: says what is wrong with a bad bulk request in the product’s words', async () => {
    await expect(
      core.invoke('leads-bulk-update', { ids: [], change: { kind: 'add-tag', tag: ' ' } }),
    ).rejects.toMatchObject({
      fieldErrors: { ids: 'Select at least one lead', 'change.tag': 'Enter a tag' },
    });
  });
});

describe('agents a lead can be assigned to', () => {
  it('AG1: alone, lists only this workspace’s agent, named from the sender profile', async () => {
    await core.invoke('engine-settings-update', { patch: { sender: { agentName: 'Dana Reyes' } } });
    expect(await core.invoke('agents-list', {})).toEqual([
      { id: 'agent-test', name: 'Dana Reyes', email: '', role: 'admin', isYou: true },
    ]);
  });

  it('AG2: with a team, lists its active members from the replica, you first', async () => {
    const agent = (id: string, name: string, active = true) => ({
      id,
      teamId: 'team-test',
      ownerId: id,
      updatedAt: 1,
      name,
      email: `${id}@example.com`,
      role: 'agent' as const,
      active,
    });
    await core.ctx.db.agents.bulkInsert([
      agent('agent-test', 'Me Myself'),
      agent('agent-b', 'Bea Lin'),
      agent('agent-a', 'Al Ray'),
      agent('agent-gone', 'Gone Person', false),
    ]);
    const list = await core.invoke('agents-list', {});
    expect(list.map((a) => [a.name, a.isYou])).toEqual([
      ['Me Myself', true],
      ['Al Ray', false],
      ['Bea Lin', false],
    ]);
  });
});
