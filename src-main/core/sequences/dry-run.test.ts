// A dry run plans a sequence on one lead in the lead's own zone, says what moved each step and
// which channel it would take, and writes nothing.
import { DateTime } from 'luxon';
import { afterEach, describe, expect, it } from 'vitest';
import { ConnectionBoard } from '../channels/connections';
import { CoreEvents } from '../events';
import { FakeClock } from '../testing/fake-clock';
import type { TestCore, TestCoreOptions } from '../testing/test-core';
import { createTestCore } from '../testing/test-core';
import { createEngineTestCore } from '../testing/engine-harness';
import { installBuiltIns } from './sequence-store';

// Friday 8 May 2026, 20:30 in New York = 17:30 in Los Angeles.
const START = DateTime.fromISO('2026-05-08T20:30', { zone: 'America/New_York' }).toMillis();
let core: TestCore | undefined;
afterEach(async () => {
  await core?.close();
  core = undefined;
});

/** A core whose connection board has `connected` connected; the board is the test's to move. */
async function coreWithBoard(
  connected: readonly ('sms' | 'email')[],
  options: Pick<TestCoreOptions, 'channelTesters'> = {},
): Promise<{ core: TestCore; board: ConnectionBoard }> {
  const clock = new FakeClock(START);
  const events = new CoreEvents();
  const board = new ConnectionBoard({ clock, events });
  for (const name of connected) board.connected(name);
  return { core: await createTestCore({ clock, events, connections: board, ...options }), board };
}

const emailStep = {
  id: 's1',
  channel: 'email',
  delay: { amount: 0, unit: 'minutes' },
  condition: { type: 'always' },
  templateId: 'tpl-buyer-welcome-email',
} as const;

describe('sequence dry run', () => {
  it('SEQ-DRY1: local times in the lead zone, quiet hours and weekends moved, channel verdicts', async () => {
    ({ core } = await coreWithBoard(['sms', 'email']));
    await installBuiltIns(core.ctx);
    await core.invoke('profile-set', {
      firstName: 'Dana',
      lastName: 'Reyes',
      phone: '(512) 555-0100',
      email: 'dana@example.com',
      brokerage: 'Porchlight Realty',
    });
    const { lead } = await core.invoke('leads-create', {
      lead: { firstName: 'Lena', email: 'lena@example.com', timeZone: 'America/Los_Angeles' },
    });
    const before = await core.ctx.db.messages.count().exec();
    const result = await core.invoke('sequences-dry-run', {
      leadId: lead.id,
      steps: [
        emailStep,
        {
          id: 's2',
          channel: 'sms',
          delay: { amount: 4, unit: 'hours' },
          condition: { type: 'always' },
          templateId: 'tpl-buyer-day1-sms',
        },
        {
          id: 's3',
          channel: 'email',
          delay: { amount: 1, unit: 'business_days' },
          condition: { type: 'always' },
          templateId: 'tpl-buyer-welcome-email',
        },
      ],
    });
    expect(result.zone).toBe('America/Los_Angeles');
    const [first, second, third] = result.steps;
    expect(first).toMatchObject({ sendLocal: 'Fri 8 May 2026, 17:30', timing: { moved: false } });
    expect(first?.channel).toMatchObject({ ok: true, channel: 'email' });
    // 21:30 her time is inside quiet hours (08:00–21:00): the next morning at 08:00.
    expect(second).toMatchObject({ dueLocal: 'Fri 8 May 2026, 21:30', sendLocal: 'Sat 9 May 2026, 08:00' });
    expect(second?.timing.text).toMatch(/quiet hours.*08:00–21:00/);
    // No phone and no fallback on the step: the text would be skipped (never an email), and why.
    expect(second?.channel).toMatchObject({ ok: false, channel: null });
    expect(second?.channel?.text).toMatch(/Skipped.*no phone number/);
    // One business day from Saturday is Monday.
    expect(third?.sendLocal).toBe('Mon 11 May 2026, 08:00');
    expect(first?.render).toMatchObject({ ok: true });
    expect(first?.render?.text).toContain('Hi Lena');
    expect(await core.ctx.db.messages.count().exec()).toBe(before);
    expect(await core.ctx.db.enrollments.count().exec()).toBe(0);
  });

  it('SEQ-DRY3: a saved key is not a connection: email that failed to connect waits, and says where to fix it', async () => {
    // A secret store with the SMTP password, and a tester for email, but the server refused the login.
    const started = await coreWithBoard([], {
      channelTesters: { email: () => Promise.resolve({ channel: 'email', ok: true, answer: 'ok' }) },
    });
    core = started.core;
    const { board } = started;
    await installBuiltIns(core.ctx);
    await core.ctx.secrets?.set('smtp.password', 'pw');
    board.failed('email', '535 authentication failed');
    const { lead } = await core.invoke('leads-create', {
      lead: { firstName: 'Lena', email: 'lena@example.com', timeZone: 'America/Los_Angeles' },
    });
    const waiting = await core.invoke('sequences-dry-run', { leadId: lead.id, steps: [emailStep] });
    expect(waiting.steps[0]?.channel).toMatchObject({ ok: false, channel: 'email' });
    expect(waiting.steps[0]?.channel?.text).toContain('Settings → Email');

    board.connected('email');
    const going = await core.invoke('sequences-dry-run', { leadId: lead.id, steps: [emailStep] });
    expect(going.steps[0]?.channel).toMatchObject({ ok: true, channel: 'email', text: 'goes by email' });
  });

  it('SEQ-DRY2: an unknown lead is refused with what to do', async () => {
    core = await createTestCore({ start: START });
    await expect(
      core.invoke('sequences-dry-run', {
        leadId: 'nobody',
        steps: [
          {
            id: 's1',
            channel: 'sms',
            delay: { amount: 0, unit: 'minutes' },
            condition: { type: 'always' },
            templateId: 'x',
          },
        ],
      }),
    ).rejects.toThrow(/choose another lead/);
  });
});

describe('sequence stats', () => {
  it('SEQ-STATS1: counts running, completed and replied enrollments per sequence', async () => {
    const engine = await createEngineTestCore({ start: START });
    try {
      const { lead } = await engine.invoke('leads-create', {
        lead: { firstName: 'Rae', phone: '+1 415 555 0142', timeZone: 'America/Los_Angeles', intent: 'buy' },
      });
      await engine.engine.idle();
      expect((await engine.invoke('sequences-stats', {}))['builtin-new-buyer']).toEqual({
        enrolled: 1,
        completed: 0,
        replied: 0,
        stopped: 0,
      });
      await engine.invoke('messages-record-inbound', {
        leadId: lead.id,
        channel: 'sms',
        body: 'Yes, call me',
      });
      await engine.engine.idle();
      expect((await engine.invoke('sequences-stats', {}))['builtin-new-buyer']).toMatchObject({
        enrolled: 0,
        replied: 1,
      });
    } finally {
      await engine.close();
    }
  });
});
