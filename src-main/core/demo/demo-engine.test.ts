// The demo's running playbooks meet the engine: when their first touches fall due, a provider
// that reaches real leads is never handed a demo lead, and each message says why it was held.
import { afterEach, expect, it } from 'vitest';
import type { EngineTestCore } from '../testing/engine-harness';
import { createEngineTestCore } from '../testing/engine-harness';
import { ensureFirstRun } from './demo-workspace';

let core: EngineTestCore | undefined;
afterEach(async () => {
  await core?.close();
  core = undefined;
});

it('DEMO-ENG1: the demo buyers’ welcome emails fall due within hours and are held, never sent', async () => {
  core = await createEngineTestCore({ start: '2026-06-02T15:00:00Z' });
  await core.invoke('profile-set', { firstName: 'Dana', lastName: 'Reyes', phone: '+15125550100' });
  core.channels.mailer.reachesLeads = true;
  // As at boot: first-run set-up, then the engine (the demo's history is not a burst of new leads).
  await core.engine.stop();
  await ensureFirstRun(core.ctx, { demo: true });
  await core.restart();
  await core.runFor(4 * 3_600_000);
  const held = await core.ctx.db.messages
    .find({ selector: { demo: true, enrollmentId: { $exists: true }, channel: 'email' } })
    .exec();
  const welcomes = held.filter((m) => m.stepIndex === 0);
  expect(welcomes.length).toBe(3);
  for (const message of welcomes) {
    expect(message.status).toBe('failed');
    expect(message.error).toEqual({
      code: 'demo_lead',
      message: 'Demo lead: not sent through a real provider (demo data uses fictional numbers).',
    });
  }
  expect(core.channels.mailer.sent).toEqual([]);
});
