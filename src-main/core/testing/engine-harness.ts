// A test core with the engine running on recording fake channels and the FakeClock. `runUntil`
// moves time timer by timer and lets the engine settle between them, so every send happens at
// exactly the time it was planned, as it would with a real clock.
import type { EngineSettingsInput } from '../../../src-shared/playbooks/engine-settings';
import type { Engine, EnginePorts } from '../engine';
import { startEngine } from '../engine';
import { clockCalendar } from '../engine/calendar-jobs';
import { writeEngineSettings } from '../engine/settings';
import type { FakeChannels } from './fake-channels';
import { fakeChannels } from './fake-channels';
import type { TestCore, TestCoreOptions } from './test-core';
import { createTestCore } from './test-core';

export interface EngineTestCore extends TestCore {
  engine: Engine;
  channels: FakeChannels;
  /** Moves time to `target`, firing every timer on the way and settling the engine after each. */
  runUntil(target: number): Promise<void>;
  runFor(ms: number): Promise<void>;
  /** Stops the engine (as if the app closed); `restart` starts a new one on the same store. */
  restart(ports?: Partial<EnginePorts>): Promise<void>;
}

export const TEST_SENDER = {
  agentName: 'Dana Reyes',
  agentPhone: '+15125550100',
  agentEmail: 'dana@example.com',
  teamName: 'Porchlight Realty',
  physicalAddress: '100 Congress Ave, Austin, TX 78701',
  unsubscribeUrlBase: 'https://sync.example.com/u/',
};

export async function createEngineTestCore(
  options: {
    start?: string | number;
    settings?: EngineSettingsInput;
    ports?: Partial<EnginePorts>;
    /** Channels not connected at start (a new user with only email: `without: ['sms', 'whatsapp']`). */
    without?: readonly ('sms' | 'whatsapp' | 'mailer')[];
    /** The clock and AI port the test core is built with (see createTestCore). */
    clock?: TestCoreOptions['clock'];
    ai?: TestCoreOptions['ai'];
  } = {},
): Promise<EngineTestCore> {
  const core = await createTestCore({
    ...(options.start === undefined ? {} : { start: options.start }),
    ...(options.clock === undefined ? {} : { clock: options.clock }),
    ...(options.ai === undefined ? {} : { ai: options.ai }),
  });
  const channels = fakeChannels(core.clock);
  await writeEngineSettings(core.ctx, { sender: TEST_SENDER, ...options.settings });
  const portsFor = (extra: Partial<EnginePorts> = {}): EnginePorts => {
    const ports: EnginePorts = {
      sms: channels.sms,
      whatsapp: channels.whatsapp,
      mailer: channels.mailer,
      notifier: channels.notifier,
      calendar: clockCalendar(core.clock),
      ...options.ports,
    };
    for (const name of options.without ?? []) delete ports[name];
    return { ...ports, ...extra };
  };
  const harness: EngineTestCore = {
    ...core,
    channels,
    engine: await startEngine(core.ctx, portsFor()),
    async runUntil(target) {
      for (;;) {
        await harness.engine.idle();
        const next = core.clock.nextTimerAt();
        if (next === undefined || next > target) break;
        await core.clock.advanceTo(Math.max(next, core.clock.now()));
      }
      await core.clock.advanceTo(target);
      await harness.engine.idle();
    },
    runFor: (ms) => harness.runUntil(core.clock.now() + ms),
    async restart(ports) {
      await harness.engine.stop();
      harness.engine = await startEngine(core.ctx, portsFor(ports));
      await harness.engine.idle();
    },
    async close() {
      await harness.engine.stop();
      await core.close();
    },
  };
  await harness.engine.idle();
  return harness;
}
