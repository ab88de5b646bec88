import { afterEach, describe, expect, it } from 'vitest';
import type { EngineTestCore } from '../testing/engine-harness';
import { TEAM_POOL_OWNER_ID } from '../../../src-shared/sync';
import { createEngineTestCore } from '../testing/engine-harness';

let core: EngineTestCore | undefined;
afterEach(async () => {
  await core?.close();
  core = undefined;
});

describe('tasks', () => {
  it('TK1: today / overdue, and tasks-overdue-changed as tasks fall due', async () => {
    core = await createEngineTestCore({ start: '2026-02-10T15:00:00Z' });
    const counts: number[] = [];
    core.ctx.events.on('tasks-overdue-changed', (payload) => counts.push(payload.overdue));
    const now = core.clock.now();
    const soon = await core.invoke('tasks-create', {
      task: { kind: 'call', title: 'Call back Sam', dueAt: now + 60 * 60_000 },
    });
    await core.invoke('tasks-create', { task: { title: 'Send comps', dueAt: now + 3 * 86_400_000 } });
    let today = await core.invoke('tasks-today', {});
    expect([today.overdue.length, today.dueToday.map((t) => t.title)]).toEqual([0, ['Call back Sam']]);
    await core.runFor(2 * 60 * 60_000);
    today = await core.invoke('tasks-today', {});
    expect(today.overdue.map((t) => t.id)).toEqual([soon.id]);
    expect(counts.at(-1)).toBe(1);
    await core.invoke('tasks-set-status', { id: soon.id, status: 'done' });
    await core.engine.idle();
    await core.runFor(1000);
    expect(counts.at(-1)).toBe(0);
    expect(await core.invoke('tasks-overdue', {})).toEqual([]);
  });

  it("TK2: a teammate's to-dos are not on this agent's day, the team pool's are", async () => {
    core = await createEngineTestCore({ start: '2026-02-10T15:00:00Z' });
    const now = core.clock.now();
    const base = {
      teamId: core.ctx.workspace.teamId,
      kind: 'todo' as const,
      status: 'open' as const,
      demo: false,
    };
    await core.ctx.db.tasks.bulkInsert([
      {
        ...base,
        id: 't-mine',
        ownerId: core.ctx.workspace.agentId,
        updatedAt: now,
        title: 'Mine',
        dueAt: now - 60_000,
      },
      {
        ...base,
        id: 't-pool',
        ownerId: TEAM_POOL_OWNER_ID,
        updatedAt: now,
        title: 'Pool',
        dueAt: now - 60_000,
      },
      { ...base, id: 't-bob', ownerId: 'agent-bob', updatedAt: now, title: "Bob's", dueAt: now - 60_000 },
    ]);
    const counts: number[] = [];
    core.ctx.events.on('tasks-overdue-changed', (payload) => counts.push(payload.overdue));
    await core.runFor(1000);
    expect((await core.invoke('tasks-today', {})).overdue.map((t) => t.id)).toEqual(['t-mine', 't-pool']);
    expect((await core.invoke('tasks-overdue', {})).map((t) => t.id)).toEqual(['t-mine', 't-pool']);
    expect(counts.at(-1)).toBe(2);
  });
});
