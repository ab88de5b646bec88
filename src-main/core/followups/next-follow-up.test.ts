import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Message } from '../../../src-shared/domain';
import type { TestCore } from '../testing/test-core';
import { createTestCore } from '../testing/test-core';
import { startNextFollowUps, type NextFollowUpJob } from './next-follow-up';

let core: TestCore;
let job: NextFollowUpJob;
beforeEach(async () => {
  core = await createTestCore();
  job = startNextFollowUps(core.ctx);
});
afterEach(async () => {
  job.stop();
  await core.close();
});

function scheduled(id: string, leadId: string, sendAt: number): Message {
  return {
    id,
    teamId: 'team-test',
    ownerId: 'agent-test',
    updatedAt: 1,
    leadId,
    direction: 'outbound',
    channel: 'email',
    status: 'scheduled',
    createdAt: 1,
    sendAt,
    body: 'Hi',
    attempt: 0,
    authoredBy: 'template',
    statusHistory: [],
    demo: false,
  };
}

describe('next follow-up', () => {
  it('is the earliest scheduled message or open task, and clears when none is left', async () => {
    const { lead } = await core.invoke('leads-create', { lead: { firstName: 'Nia' } });
    const now = core.clock.now();
    await core.ctx.db.messages.insert(scheduled('m1', lead.id, now + 3_600_000));
    await core.clock.advance(500);
    await job.idle();
    expect((await core.invoke('leads-get', { id: lead.id }))?.nextFollowUpAt).toBe(now + 3_600_000);

    const task = await core.invoke('tasks-create', {
      task: { leadId: lead.id, kind: 'call', title: 'Call Nia', dueAt: now + 600_000 },
    });
    await core.clock.advance(500);
    await job.idle();
    expect((await core.invoke('leads-get', { id: lead.id }))?.nextFollowUpAt).toBe(now + 600_000);

    await core.invoke('tasks-set-status', { id: task.id, status: 'done' });
    await (await core.ctx.db.messages.findOne('m1').exec())?.incrementalPatch({ status: 'cancelled' });
    await core.clock.advance(500);
    await job.idle();
    expect((await core.invoke('leads-get', { id: lead.id }))?.nextFollowUpAt).toBeUndefined();
  });
});
