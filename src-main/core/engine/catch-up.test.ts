// Start-up catch-up (catch-up.ts): the engine stopped between a write and the reaction to it,
// as kill -9 would leave the store; the restart finishes the work once, never twice.
import { DateTime } from 'luxon';
import { afterEach, describe, expect, it } from 'vitest';
import type { EngineTestCore } from '../testing/engine-harness';
import { createEngineTestCore } from '../testing/engine-harness';

const ZONE = 'America/Chicago';
const START = DateTime.fromISO('2026-06-01T10:00', { zone: ZONE }).toMillis();
const HOUR = 3_600_000;

let core: EngineTestCore | undefined;
afterEach(async () => {
  await core?.close();
  core = undefined;
});

async function newSeller(c: EngineTestCore, n: number): Promise<string> {
  const { lead } = await c.invoke('leads-create', {
    lead: {
      firstName: `Lee${n}`,
      lastName: 'Park',
      phone: `+1 512 555 01${String(n).padStart(2, '0')}`,
      timeZone: ZONE,
      intent: 'sell',
      source: 'zillow',
    },
  });
  return lead.id;
}

async function enrollmentsOf(c: EngineTestCore, leadId: string) {
  return (await c.ctx.db.enrollments.find({ selector: { leadId } }).exec()).map((d) => d.toMutableJSON());
}

async function stepMessages(c: EngineTestCore, enrollmentId: string, stepIndex: number) {
  return c.ctx.db.messages.find({ selector: { enrollmentId, stepIndex } }).exec();
}

describe('start-up catch-up', () => {
  it('CU1: a new lead stored just before the stop is enrolled at the restart and texted once', async () => {
    core = await createEngineTestCore({ start: START });
    await core.engine.stop();
    const leadId = await newSeller(core, 1);
    expect(await enrollmentsOf(core, leadId)).toHaveLength(0);

    await core.restart();
    expect(core.engine.catchUp).toEqual({ enrolled: 1, resumed: 0, advanced: 0 });
    await core.runFor(HOUR);
    expect(core.channels.sms.sent.filter((s) => s.to === '+15125550101')).toHaveLength(1);

    await core.restart();
    expect(core.engine.catchUp).toEqual({ enrolled: 0, resumed: 0, advanced: 0 });
    await core.runFor(HOUR);
    expect(core.channels.sms.sent.filter((s) => s.to === '+15125550101')).toHaveLength(1);
    expect(await enrollmentsOf(core, leadId)).toHaveLength(1);
  });

  it('CU2: an enrollment that never learnt of its written message adopts it: no second message', async () => {
    core = await createEngineTestCore({ start: START });
    const leadId = await newSeller(core, 2);
    await core.engine.idle();
    const [enrollment] = await enrollmentsOf(core, leadId);
    expect(enrollment?.pendingMessageId).toBeDefined();
    await core.engine.stop();
    // The stop fell between the message's write and the enrollment's.
    const doc = await core.ctx.db.enrollments.findOne(enrollment?.id ?? '').exec();
    await doc?.incrementalModify(({ pendingMessageId: _dropped, ...rest }) => rest);

    await core.restart();
    expect(core.engine.catchUp).toEqual({ enrolled: 0, resumed: 1, advanced: 0 });
    await core.runFor(HOUR);
    expect(await stepMessages(core, enrollment?.id ?? '', 0)).toHaveLength(1);
    expect(core.channels.sms.sent.filter((s) => s.to === '+15125550102')).toHaveLength(1);
  });

  it('CU3: an enrollment stored without its first message gets it written at the restart', async () => {
    core = await createEngineTestCore({ start: START });
    await core.engine.stop();
    const leadId = await newSeller(core, 3);
    // The enrollment was written; its first step's message was not.
    const { insertEnrollment } = await import('../enrollments/enroll');
    const outcome = await insertEnrollment(core.ctx, leadId, 'builtin-new-seller', {
      reason: 'trigger new_lead',
    });
    expect('enrolled' in outcome).toBe(true);

    await core.restart();
    expect(core.engine.catchUp).toEqual({ enrolled: 0, resumed: 1, advanced: 0 });
    await core.runFor(HOUR);
    expect(core.channels.sms.sent.filter((s) => s.to === '+15125550103')).toHaveLength(1);
  });

  it('CU5: a step settled with the enrollment never moved on moves on at the restart, once', async () => {
    core = await createEngineTestCore({ start: START });
    const leadId = await newSeller(core, 5);
    await core.runFor(HOUR);
    const [enrollment] = await enrollmentsOf(core, leadId);
    const pendingId = enrollment?.pendingMessageId ?? '';
    const step = enrollment?.nextStepIndex ?? -1;
    expect(pendingId).not.toBe('');
    await core.engine.stop();
    // The pending step went out, and the stop fell before the enrollment moved on.
    const { transitionMessage } = await import('../messages/outbox-state');
    expect(
      await transitionMessage(core.ctx.db, pendingId, 'sent', core.clock.now(), { from: ['scheduled'] }),
    ).not.toBeNull();

    await core.restart();
    expect(core.engine.catchUp).toEqual({ enrolled: 0, resumed: 0, advanced: 1 });
    const [moved] = await enrollmentsOf(core, leadId);
    expect(moved?.nextStepIndex).toBe(step + 1);
    expect(moved?.pendingMessageId).not.toBe(pendingId);
    expect(await stepMessages(core, enrollment?.id ?? '', step + 1)).toHaveLength(1);

    await core.restart();
    expect(core.engine.catchUp).toEqual({ enrolled: 0, resumed: 0, advanced: 0 });
    expect(await stepMessages(core, enrollment?.id ?? '', step + 1)).toHaveLength(1);
  });

  it('CU4: a sequence switched on after the lead arrived does not reach back to it', async () => {
    core = await createEngineTestCore({ start: START });
    await core.invoke('sequences-set-status', { id: 'builtin-new-seller', status: 'paused' });
    await core.engine.stop();
    const leadId = await newSeller(core, 4);
    await core.clock.advance(60_000);
    await core.invoke('sequences-set-status', { id: 'builtin-new-seller', status: 'active' });

    await core.restart();
    expect(core.engine.catchUp).toEqual({ enrolled: 0, resumed: 0, advanced: 0 });
    expect(await enrollmentsOf(core, leadId)).toHaveLength(0);
  });
});
