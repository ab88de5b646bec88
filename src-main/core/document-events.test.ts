// Document events come from the store: a write that no handler made (an adapter, replication,
// a test writing to RxDB directly) still reaches the UI as its *-changed event, once per turn.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TWILIO_SETTINGS_ID } from '../../src-shared/ipc/channels';
import { ENGINE_SETTINGS_ID } from '../../src-shared/playbooks/engine-settings';
import { EMAIL_SETTINGS_ID } from './email/settings';
import type { AnyEvent } from './events';
import type { TestCore } from './testing/test-core';
import { createTestCore } from './testing/test-core';

let core: TestCore;
let heard: AnyEvent[];

beforeEach(async () => {
  core = await createTestCore();
  heard = [];
  core.ctx.events.on('*', (...event) => heard.push(event));
});
afterEach(() => core.close());

const keys = () => ({ teamId: 'team-test', ownerId: 'agent-test', updatedAt: core.clock.now() });

describe('document events', () => {
  it('announces a lead written straight to the store, a bulk as one event', async () => {
    const { lead } = await core.invoke('leads-create', { lead: { firstName: 'Ada' } });
    const stored = await core.ctx.db.leads.findOne(lead.id).exec();
    await core.documentEvents.flushed();
    heard = [];
    await stored?.incrementalPatch({ firstName: 'Ada Mae', updatedAt: core.clock.now() + 1 });
    await core.ctx.db.leads.bulkUpsert([
      { ...lead, id: 'other-1' },
      { ...lead, id: 'other-2' },
    ]);
    await core.documentEvents.flushed();
    expect(heard).toEqual([['leads-changed', { ids: [lead.id, 'other-1', 'other-2'] }]]);
  });

  it('names the message and its lead, and the enrollment by its lead', async () => {
    const { lead } = await core.invoke('leads-create', { lead: { firstName: 'Bo', phone: '312-555-0142' } });
    await core.documentEvents.flushed();
    heard = [];
    await core.invoke('messages-log-outbound', {
      leadId: lead.id,
      channel: 'note',
      body: 'Called, no answer',
    });
    await core.documentEvents.flushed();
    const messages = heard.filter(([name]) => name === 'messages-changed');
    expect(messages).toHaveLength(1);
    expect(messages[0]?.[1]).toMatchObject({ leadIds: [lead.id] });
    await core.ctx.db.enrollments.insert({
      ...keys(),
      id: 'enr-1',
      leadId: lead.id,
      sequenceId: 'seq-1',
      sequenceVersion: 1,
      cycle: 0,
      status: 'paused',
      nextStepIndex: 0,
      anchorAt: core.clock.now(),
      startedAt: core.clock.now(),
      demo: false,
    });
    await core.documentEvents.flushed();
    expect(heard).toContainEqual(['enrollments-changed', { leadIds: [lead.id] }]);
  });

  it('tells the lead when it is suppressed, and each settings document by its own event', async () => {
    await core.ctx.db.suppressions.insert({
      ...keys(),
      id: 'sup-1',
      channel: 'sms',
      address: '+13125550142',
      reason: 'stop',
      leadId: 'lead-9',
      createdAt: core.clock.now(),
    });
    for (const id of [ENGINE_SETTINGS_ID, EMAIL_SETTINGS_ID, TWILIO_SETTINGS_ID, 'something-else'])
      await core.ctx.db.settings.upsert({ ...keys(), id, value: {} });
    await core.documentEvents.flushed();
    expect(heard).toEqual([
      ['leads-changed', { ids: ['lead-9'] }],
      ['engine-settings-changed', {}],
      ['email-settings-changed', { at: core.clock.now() }],
      ['channels-changed', {}],
    ]);
  });
});
