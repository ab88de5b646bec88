// Enrollment rules a user notices: the agent reaching the lead first cancels the queued first
// touch; pause/resume never bursts; editing a sequence leaves running enrollments on their
// version until migrated; replies move or mark the lead; reactivation repeats after 30 days.
import { DateTime } from 'luxon';
import { afterEach, describe, expect, it } from 'vitest';
import type { EngineTestCore } from '../testing/engine-harness';
import { createEngineTestCore } from '../testing/engine-harness';

const ZONE = 'America/Denver';
const DAY = 86_400_000;
const at = (iso: string) => DateTime.fromISO(iso, { zone: ZONE }).toMillis();
const local = (ms: number) => DateTime.fromMillis(ms, { zone: ZONE }).toFormat('MM-dd HH:mm');

let core: EngineTestCore | undefined;
afterEach(async () => {
  await core?.close();
  core = undefined;
});

async function buyer(c: EngineTestCore, extra: Record<string, unknown> = {}): Promise<string> {
  const { lead } = await c.invoke('leads-create', {
    lead: {
      firstName: 'Rae',
      lastName: 'Lin',
      email: 'rae@example.com',
      phone: '+1 303 555 0150',
      timeZone: ZONE,
      intent: 'buy',
      source: 'website',
      ...extra,
    },
  });
  await c.engine.idle();
  return lead.id;
}

describe('enrollments', () => {
  it('EN1: the agent calling first cancels the queued first touch; the sequence carries on', async () => {
    core = await createEngineTestCore({ start: at('2026-04-06T22:30') });
    const leadId = await buyer(core);
    // 22:30 is quiet: the welcome email waits for 08:00; the agent calls at 07:45.
    await core.runUntil(at('2026-04-07T07:45'));
    await core.invoke('messages-log-outbound', { leadId, channel: 'call', body: 'Left a voicemail' });
    await core.engine.idle();
    await core.runUntil(at('2026-04-09T12:00'));
    expect(core.channels.all().map((s) => `${s.channel} ${local(s.at)}`)).toEqual(['sms 04-08 08:00']);
    const messages = await core.invoke('messages-for-lead', { leadId });
    const cancelled = messages.find((m) => m.status === 'cancelled');
    expect(cancelled?.statusHistory.at(-1)?.detail).toBe('the agent reached the lead first');
  });

  it('EN2: resuming runs the next step its delay after the resume, never a burst of missed ones', async () => {
    core = await createEngineTestCore({ start: at('2026-04-06T10:00') });
    const leadId = await buyer(core);
    await core.runUntil(at('2026-04-06T12:00'));
    const [enrollment] = await core.invoke('enrollments-for-lead', { leadId });
    await core.invoke('enrollments-pause', { ids: [enrollment?.id ?? ''] });
    await core.runUntil(at('2026-04-16T09:00'));
    const during = core.channels.all().length;
    expect(during).toBe(2);
    await core.invoke('enrollments-resume', { ids: [enrollment?.id ?? ''] });
    await core.runUntil(at('2026-04-18T12:00'));
    // Next step (day-1 text, 1 day) runs at resume + 1 day; nothing in between.
    expect(
      core.channels
        .all()
        .slice(during)
        .map((s) => `${s.channel} ${local(s.at)}`),
    ).toEqual(['sms 04-17 09:00']);
  });

  it('EN3: editing a sequence keeps running enrollments on their version until migrated', async () => {
    core = await createEngineTestCore({ start: at('2026-04-06T10:00') });
    const leadId = await buyer(core);
    await core.runUntil(at('2026-04-06T11:00'));
    const sequence = await core.invoke('sequences-get', { id: 'builtin-new-buyer' });
    const steps = sequence?.steps ?? [];
    const edited = await core.invoke('sequences-update', {
      id: 'builtin-new-buyer',
      patch: {
        steps: steps.map((s, i) => (i === 3 ? { ...s, delay: { amount: 3, unit: 'days' as const } } : s)),
      },
    });
    expect(edited.version).toBe(2);
    const [enrollment] = await core.invoke('enrollments-for-lead', { leadId });
    expect(enrollment?.sequenceVersion).toBe(1);
    const upcoming = await core.invoke('messages-upcoming', {});
    expect(upcoming.map((m) => local(m.sendAt ?? 0))).toEqual(['04-07 10:12']);
    expect(await core.invoke('enrollments-migrate', { sequenceId: 'builtin-new-buyer' })).toEqual({
      migrated: 1,
    });
    await core.engine.idle();
    const moved = await core.invoke('messages-upcoming', {});
    expect(moved.map((m) => [m.sequenceVersion, local(m.sendAt ?? 0)])).toEqual([[2, '04-09 10:12']]);
  });

  it('EN4: a positive reply moves the lead to nurture; a negative one stops and marks it', async () => {
    core = await createEngineTestCore({ start: at('2026-04-06T10:00') });
    const happy = await buyer(core);
    const grumpy = await buyer(core, { email: 'grumpy@example.com', phone: '+1 303 555 0151' });
    await core.invoke('messages-record-inbound', {
      leadId: happy,
      channel: 'sms',
      body: 'Love to see it!',
      classification: 'positive',
    });
    const reply = await core.invoke('messages-record-inbound', {
      leadId: grumpy,
      channel: 'email',
      body: 'Not interested',
    });
    await core.invoke('messages-classify', { id: reply.id, classification: 'negative' });
    await core.engine.idle();
    const happyRuns = await core.invoke('enrollments-for-lead', { leadId: happy });
    expect(happyRuns.map((e) => [e.sequenceId, e.status]).sort()).toEqual([
      ['builtin-long-term-nurture', 'active'],
      ['builtin-new-buyer', 'stopped'],
    ]);
    expect((await core.invoke('leads-get', { id: grumpy }))?.tags).toContain('not-interested');
    expect(
      (await core.invoke('enrollments-for-lead', { leadId: grumpy })).every((e) => e.status === 'stopped'),
    ).toBe(true);
  });

  it('EN5: an aged lead gets the reactivation; no answer schedules the next one 30 days later', async () => {
    core = await createEngineTestCore({ start: at('2026-01-05T09:00') });
    const leadId = await buyer(core, {
      email: 'old@example.com',
      phone: '+1 303 555 0160',
      intent: 'unknown',
      source: 'import',
    });
    // Imported: no welcome sequence.
    expect(await core.invoke('enrollments-for-lead', { leadId })).toEqual([]);
    // The daily scan (07:30 team time) enrolls it once 60 days pass without contact; the
    // text goes at 08:00 Denver time, the email 2 days later, then the run is complete.
    await core.runUntil(at('2026-01-05T09:00') + 65 * DAY);
    const runs = await core.invoke('enrollments-for-lead', { leadId });
    const reactivations = runs.filter((e) => e.sequenceId === 'builtin-reactivation');
    expect(reactivations.map((e) => [e.cycle, e.status]).sort()).toEqual([
      [0, 'completed'],
      [1, 'active'],
    ]);
    const texts = core.channels.sms.sent.filter((s) =>
      s.body.includes('Still thinking about buying or selling'),
    );
    expect(texts).toHaveLength(1);
    const next = reactivations.find((e) => e.cycle === 1);
    const done = reactivations.find((e) => e.cycle === 0);
    expect((next?.anchorAt ?? 0) - (done?.stoppedAt ?? 0)).toBe(30 * DAY);
  });

  it('EN6: a score crossing a threshold upward enrolls; sequences pause and resume as a whole', async () => {
    core = await createEngineTestCore({ start: at('2026-04-06T10:00') });
    const hot = await core.invoke('sequences-create', {
      sequence: {
        name: 'Hot lead call',
        trigger: { type: 'score_threshold', threshold: 70 },
        steps: [
          {
            id: 'hot-1',
            channel: 'sms',
            delay: { amount: 1, unit: 'hours' },
            condition: { type: 'always' },
            templateId: 'tpl-checkin-sms',
          },
        ],
      },
    });
    const leadId = await buyer(core, { source: 'import' });
    const doc = await core.ctx.db.leads.findOne(leadId).exec();
    await doc?.incrementalPatch({ score: 65 });
    await core.engine.idle();
    expect(await core.invoke('enrollments-for-lead', { leadId })).toEqual([]);
    await doc?.getLatest().incrementalPatch({ score: 82 });
    await core.engine.idle();
    const [run] = await core.invoke('enrollments-for-lead', { leadId });
    expect(run).toMatchObject({ sequenceId: hot.id, status: 'active' });
    await core.invoke('sequences-set-status', { id: hot.id, status: 'paused' });
    expect((await core.invoke('enrollments-for-lead', { leadId }))[0]).toMatchObject({
      status: 'paused',
      pausedBy: 'sequence',
    });
    await core.runFor(3 * 3_600_000);
    expect(core.channels.sms.sent).toHaveLength(0);
    await core.invoke('sequences-set-status', { id: hot.id, status: 'active' });
    await core.runFor(2 * 3_600_000);
    expect(core.channels.sms.sent.map((s) => local(s.at))).toEqual(['04-06 14:00']);
  });
});
