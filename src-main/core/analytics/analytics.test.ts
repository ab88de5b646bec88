import { DateTime } from 'luxon';
import { afterEach, describe, expect, it } from 'vitest';
import type { EngineTestCore } from '../testing/engine-harness';
import { createEngineTestCore } from '../testing/engine-harness';

const ZONE = 'America/Los_Angeles';
const START = DateTime.fromISO('2026-05-04T09:00', { zone: ZONE }).toMillis(); // a Monday
let core: EngineTestCore | undefined;
afterEach(async () => {
  await core?.close();
  core = undefined;
});

describe('analytics from the store alone', () => {
  it('AN1: channel performance, response times, heatmap and step effectiveness', async () => {
    core = await createEngineTestCore({ start: START });
    const { lead } = await core.invoke('leads-create', {
      lead: {
        firstName: 'Kim',
        email: 'kim@example.com',
        phone: '+1 415 555 0123',
        timeZone: ZONE,
        intent: 'buy',
        source: 'zillow',
      },
    });
    await core.engine.idle();
    await core.runFor(30 * 60_000);
    // Kim answers the welcome text 20 minutes later, on Monday 09:50 her time.
    await core.invoke('messages-record-inbound', { leadId: lead.id, channel: 'sms', body: 'Hi! Yes please' });
    await core.runFor(10 * 60_000);
    await core.invoke('messages-log-outbound', { leadId: lead.id, channel: 'call', body: 'Talked 10 min' });
    const range = { from: START - 1, to: START + 86_400_000 };
    const perf = await core.invoke('analytics-channel-performance', range);
    expect(perf.find((r) => r.channel === 'sms' && r.authoredBy === 'template')).toMatchObject({
      sent: 1,
      replied: 1,
    });
    expect(perf.find((r) => r.channel === 'email' && r.authoredBy === 'template')).toMatchObject({
      sent: 1,
      replied: 0,
    });
    const times = await core.invoke('analytics-response-times', range);
    expect(times.agentResponseMinutes).toMatchObject({ count: 1, p50: 10 });
    expect(times.leadReplyMinutes.count).toBe(1);
    const heat = await core.invoke('analytics-reply-heatmap', range);
    expect(heat.total).toBe(1);
    expect(heat.cells[0]?.[9]).toBe(1);
    // The welcome email went out at once: one lead, first touched within 5 minutes.
    const speed = await core.invoke('analytics-speed-to-lead', range);
    expect(speed).toMatchObject({ leads: 1, touched: 1, p50: 0, withinFiveMinutes: 1 });
    expect((await core.invoke('analytics-funnel', range))[0]).toEqual({ stage: 'new', leads: 1 });
    expect(await core.invoke('analytics-sources', range)).toMatchObject([
      { source: 'zillow', leads: 1, replied: 1 },
    ]);
    const steps = await core.invoke('analytics-step-effectiveness', {
      ...range,
      sequenceId: 'builtin-new-buyer',
    });
    expect(steps.map((s) => [s.stepIndex, s.channel, s.sent, s.replied])).toEqual([
      [0, 'email', 1, 0],
      [1, 'sms', 1, 1],
      // The call step became a task (rerouted): nothing was sent, so it is not counted.
    ]);
  });
});
