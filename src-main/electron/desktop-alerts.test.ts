import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Message } from '../../src-shared/domain';
import { createTestCore, type TestCore } from '../core/testing/test-core';
import type { DesktopAlert } from './desktop-alerts';
import { watchDesktopAlerts } from './desktop-alerts';

let core: TestCore;
let alerts: DesktopAlert[];
let stop: () => void;

beforeEach(async () => {
  core = await createTestCore();
  alerts = [];
  stop = watchDesktopAlerts(core.ctx, (alert) => alerts.push(alert));
});

afterEach(async () => {
  stop();
  await core.close();
});

async function lead(firstName: string, temperature: 'hot' | 'cold'): Promise<string> {
  const { lead: created } = await core.invoke('leads-create', {
    lead: { firstName, lastName: 'Reyes', phone: '312-555-0142' },
  });
  await core.ctx.db.leads.findOne(created.id).patch({ temperature });
  return created.id;
}

function message(id: string, leadId: string, fields: Partial<Message>): Message {
  return {
    id,
    teamId: 'team-test',
    ownerId: 'agent-test',
    updatedAt: core.clock.now(),
    leadId,
    direction: 'inbound',
    channel: 'sms',
    status: 'received',
    createdAt: core.clock.now(),
    body: 'Yes, can we see it Saturday?',
    attempt: 0,
    authoredBy: 'lead',
    statusHistory: [],
    demo: false,
    ...fields,
  };
}

/** Waits until the watcher's queue has settled on `count` alerts. */
async function settled(count: number): Promise<DesktopAlert[]> {
  await expect.poll(() => alerts.length).toBe(count);
  return alerts;
}

describe('desktop alerts', () => {
  it('announces a reply from a hot lead, once, and not one from a cold lead', async () => {
    const hot = await lead('Ana', 'hot');
    const cold = await lead('Ben', 'cold');
    await core.ctx.db.messages.insert(message('m-cold', cold, {}));
    await core.ctx.db.messages.insert(message('m-hot', hot, {}));
    await core.ctx.db.messages.findOne('m-hot').patch({ classification: 'positive' });
    expect(await settled(1)).toEqual([
      {
        key: 'reply:m-hot',
        title: 'Hot reply from Ana Reyes',
        body: 'Yes, can we see it Saturday?',
        leadId: hot,
      },
    ]);
  });

  it('announces a send that failed, with the provider reason, once', async () => {
    const id = await lead('Cleo', 'cold');
    const out = message('m-out', id, {
      direction: 'outbound',
      status: 'sending',
      authoredBy: 'template',
      body: 'Hi Cleo',
    });
    await core.ctx.db.messages.insert(out);
    await core.ctx.db.messages.findOne('m-out').patch({
      status: 'failed',
      error: { code: '21211', message: 'The number is not a valid phone number.' },
    });
    await core.ctx.db.messages.findOne('m-out').patch({ updatedAt: core.clock.now() + 1 });
    expect(await settled(1)).toEqual([
      {
        key: 'failed:m-out',
        title: 'A message to Cleo Reyes failed',
        body: 'The number is not a valid phone number.',
        leadId: id,
      },
    ]);
  });

  it('announces a task that falls overdue while running, not those already overdue at the start', async () => {
    const id = await lead('Dee', 'cold');
    await core.invoke('tasks-create', {
      task: { leadId: id, title: 'Old call', dueAt: core.clock.now() - 1000 },
    });
    stop();
    stop = watchDesktopAlerts(core.ctx, (alert) => alerts.push(alert));
    await core.invoke('tasks-create', {
      task: { leadId: id, title: 'Call about the offer', dueAt: core.clock.now() + 60_000 },
    });
    await core.clock.advance(120_000);
    core.ctx.events.emit('tasks-overdue-changed', { overdue: 2 });
    expect(await settled(1)).toEqual([
      {
        key: expect.stringMatching(/^overdue:/) as unknown,
        title: 'Overdue: Call about the offer',
        body: 'Dee Reyes: this follow-up is past due.',
        leadId: id,
      },
    ]);
    core.ctx.events.emit('tasks-overdue-changed', { overdue: 2 });
    await core.invoke('tasks-create', {
      task: { title: 'Renew the listing agreement', dueAt: core.clock.now() - 1 },
    });
    core.ctx.events.emit('tasks-overdue-changed', { overdue: 3 });
    const [, unlinked] = await settled(2);
    expect(unlinked).toEqual({
      key: expect.stringMatching(/^overdue:/) as unknown,
      title: 'Overdue: Renew the listing agreement',
      body: 'This follow-up is past due.',
    });
  });
});
