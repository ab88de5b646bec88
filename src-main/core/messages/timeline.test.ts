import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Message } from '../../../src-shared/domain';
import type { TestCore } from '../testing/test-core';
import { createTestCore } from '../testing/test-core';

let core: TestCore;
beforeEach(async () => {
  core = await createTestCore({ start: '2026-02-10T15:00:00Z' });
});
afterEach(async () => {
  await core.close();
});

function message(id: string, leadId: string, fields: Partial<Message>): Message {
  return {
    id,
    teamId: 'team-test',
    ownerId: 'agent-test',
    updatedAt: 1,
    leadId,
    direction: 'outbound',
    channel: 'sms',
    status: 'sent',
    createdAt: 1,
    body: 'hello',
    attempt: 0,
    authoredBy: 'human',
    statusHistory: [],
    demo: false,
    ...fields,
  };
}

describe('the lead timeline', () => {
  it('TL1: pages through every touch newest first, ties on one millisecond included, none twice', async () => {
    const { lead } = await core.invoke('leads-create', { lead: { firstName: 'Ann' } });
    // 25 touches, five on each of five milliseconds.
    await core.ctx.db.messages.bulkInsert(
      Array.from({ length: 25 }, (_, i) =>
        message(`m${String(i).padStart(2, '0')}`, lead.id, { createdAt: 1000 + Math.floor(i / 5) }),
      ),
    );
    const seen: string[] = [];
    let before: { createdAt: number; id: string } | undefined;
    for (let page = 0; page < 10; page++) {
      const rows = await core.invoke('messages-for-lead', {
        leadId: lead.id,
        limit: 7,
        ...(before ? { before } : {}),
      });
      seen.push(...rows.map((m) => m.id));
      const last = rows.at(-1);
      if (rows.length < 7 || last === undefined) break;
      before = { createdAt: last.createdAt, id: last.id };
    }
    expect(seen).toHaveLength(25);
    expect(new Set(seen).size).toBe(25);
    expect(seen[0]).toBe('m24');
    expect(seen.at(-1)).toBe('m00');
  });

  it('TL2: shows a waiting message as it will go out, and says when it would be refused', async () => {
    await core.invoke('engine-settings-update', { patch: { sender: { agentName: 'Dana Reyes' } } });
    const { lead } = await core.invoke('leads-create', {
      lead: { firstName: 'Maria', phone: '(312) 555-0142' },
    });
    await core.ctx.db.messages.bulkInsert([
      message('w1', lead.id, {
        status: 'scheduled',
        sendAt: 5000,
        body: 'Hi {{first_name}}, {{agent_name}} here.',
      }),
      message('w2', lead.id, { status: 'waiting_for_channel', body: 'Still looking in {{city}}?' }),
      message('s1', lead.id, { status: 'sent', body: 'Hi {{first_name}}' }),
    ]);
    const previews = await core.invoke('messages-previews', { leadId: lead.id });
    expect(previews.find((p) => p.id === 'w1')).toEqual({ id: 'w1', body: 'Hi Maria, Dana Reyes here.' });
    expect(previews.find((p) => p.id === 'w2')?.problem).toContain('No value for {{city}}');
    expect(previews.find((p) => p.id === 's1')).toBeUndefined();
  });

  it('TL3: a message cancelled before it went out is shown filled in, and said never to have gone', async () => {
    await core.invoke('engine-settings-update', {
      patch: { sender: { agentName: 'Dana Reyes', physicalAddress: '1 Main St, Austin, TX 78701' } },
    });
    const { lead } = await core.invoke('leads-create', {
      lead: { firstName: 'Maria', email: 'maria@example.com' },
    });
    const history = (status: Message['status']) => [
      { status: 'scheduled' as const, at: 1 },
      { status, at: 2 },
    ];
    await core.ctx.db.messages.bulkInsert([
      message('c1', lead.id, {
        channel: 'email',
        status: 'cancelled',
        subject: 'Homes for {{first_name}}',
        body: 'Hi {{first_name}}, {{agent_name}} here.',
        statusHistory: history('cancelled'),
      }),
      message('c2', lead.id, {
        status: 'skipped',
        body: 'Still looking in {{city}}?',
        statusHistory: history('skipped'),
      }),
      // Cancelled after it was filled in (an uncertain send the agent cancelled): its text is what went.
      message('c3', lead.id, {
        status: 'cancelled',
        body: 'Hi Maria',
        statusHistory: [...history('sending'), { status: 'cancelled', at: 3 }],
      }),
      message('c4', lead.id, { status: 'cancelled', body: 'Plain words, no template' }),
    ]);
    const previews = await core.invoke('messages-previews', { leadId: lead.id });
    expect(previews.find((p) => p.id === 'c1')).toMatchObject({
      unsent: true,
      subject: 'Homes for Maria',
      body: expect.stringMatching(/^Hi Maria, Dana Reyes here\./) as unknown,
    });
    expect(previews.find((p) => p.id === 'c2')).toMatchObject({ unsent: true });
    expect(previews.find((p) => p.id === 'c2')?.problem).toMatch(/^It was never filled in: .*\{\{city\}\}/);
    expect(previews.find((p) => p.id === 'c3')).toBeUndefined();
    expect(previews.find((p) => p.id === 'c4')).toBeUndefined();
  });
});
