import { afterEach, describe, expect, it } from 'vitest';
import type { TestCore } from '../testing/test-core';
import { createTestCore } from '../testing/test-core';

let core: TestCore | undefined;
afterEach(async () => {
  await core?.close();
  core = undefined;
});

describe('replies waiting for an answer', () => {
  it('RP1: lists the newest unanswered reply per lead, newest first, and drops it once the agent answers', async () => {
    core = await createTestCore({ start: '2026-02-10T15:00:00Z' });
    const c = core;
    const lead = async (firstName: string, phone: string) =>
      (await c.invoke('leads-create', { lead: { firstName, lastName: 'Test', phone } })).lead.id;
    const ana = await lead('Ana', '(312) 555-0101');
    const ben = await lead('Ben', '(312) 555-0102');
    await c.invoke('messages-record-inbound', {
      leadId: ana,
      channel: 'sms',
      body: 'Is it still available?',
    });
    await c.clock.advanceTo(c.clock.now() + 60_000);
    await c.invoke('messages-record-inbound', {
      leadId: ben,
      channel: 'email',
      subject: 'Viewing',
      body: 'Saturday?',
    });
    await c.clock.advanceTo(c.clock.now() + 60_000);
    await c.invoke('messages-record-inbound', { leadId: ana, channel: 'sms', body: 'Hello?' });

    let waiting = await c.invoke('replies-unanswered', {});
    expect(waiting.map((r) => [r.lead.firstName, r.message.body])).toEqual([
      ['Ana', 'Hello?'],
      ['Ben', 'Saturday?'],
    ]);

    await c.clock.advanceTo(c.clock.now() + 60_000);
    await c.invoke('messages-log-outbound', { leadId: ben, channel: 'call', body: 'Talked' });
    waiting = await c.invoke('replies-unanswered', {});
    expect(waiting.map((r) => r.lead.firstName)).toEqual(['Ana']);
  });
});
