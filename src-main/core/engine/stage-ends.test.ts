// Stages that end a sequence (docs/engine.md, "Reactions"): a new-lead plan ends once the lead
// has an appointment; nurture keeps running then and ends on closed or lost; a sequence can name
// its own stages.
import { DateTime } from 'luxon';
import { afterEach, describe, expect, it } from 'vitest';
import type { EngineTestCore } from '../testing/engine-harness';
import { createEngineTestCore } from '../testing/engine-harness';

const ZONE = 'America/Chicago';
const START = DateTime.fromISO('2026-06-01T10:00', { zone: ZONE }).toMillis();

let core: EngineTestCore | undefined;
afterEach(async () => {
  await core?.close();
  core = undefined;
});

async function addLead(c: EngineTestCore): Promise<string> {
  const { lead } = await c.invoke('leads-create', {
    lead: {
      firstName: 'Maria',
      lastName: 'Lopez',
      email: 'maria@example.com',
      timeZone: ZONE,
      intent: 'buy',
      source: 'zillow',
    },
  });
  await c.engine.idle();
  return lead.id;
}

const setStage = async (c: EngineTestCore, id: string, stage: 'appointment' | 'closed' | 'qualified') => {
  await c.invoke('leads-update', { id, patch: { stage } });
  await c.engine.idle();
};

const enrollmentsOf = async (c: EngineTestCore, leadId: string) =>
  Object.fromEntries((await c.invoke('enrollments-for-lead', { leadId })).map((e) => [e.sequenceId, e]));

describe('stages that end a sequence', () => {
  it('SE1: an appointment ends the new-buyer plan with that reason; nurture runs on until closed', async () => {
    core = await createEngineTestCore({ start: START });
    const leadId = await addLead(core);
    await core.invoke('enrollments-enroll', { sequenceId: 'builtin-long-term-nurture', leadIds: [leadId] });
    await core.engine.idle();
    await setStage(core, leadId, 'qualified');
    expect((await enrollmentsOf(core, leadId))['builtin-new-buyer']?.status).toBe('active');

    await setStage(core, leadId, 'appointment');
    let enrollments = await enrollmentsOf(core, leadId);
    expect(enrollments['builtin-new-buyer']).toMatchObject({
      status: 'stopped',
      stopReason: 'the lead reached appointment',
    });
    expect(enrollments['builtin-long-term-nurture']?.status).toBe('active');

    await setStage(core, leadId, 'closed');
    enrollments = await enrollmentsOf(core, leadId);
    expect(enrollments['builtin-long-term-nurture']).toMatchObject({
      status: 'stopped',
      stopReason: 'the lead is closed',
    });
  });

  it('SE2: a sequence naming its own end stages stops on them', async () => {
    core = await createEngineTestCore({ start: START });
    const leadId = await addLead(core);
    await core.invoke('sequences-update', { id: 'builtin-new-buyer', patch: { endStages: ['qualified'] } });
    await setStage(core, leadId, 'qualified');
    expect((await enrollmentsOf(core, leadId))['builtin-new-buyer']).toMatchObject({
      status: 'stopped',
      stopReason: 'the lead reached qualified',
    });
  });
});
