// The follow-up engine, started by a shell once the database is open:
//   const engine = await startEngine(ctx, { sms, mailer, notifier, ... });  …  await engine.stop();
// Start-up order: built-in playbooks installed (idempotent) and untouched ones upgraded -> outbox recovered (claimed
// released, sending made uncertain and reconciled) -> reactions to store changes -> the
// dispatcher's one timer -> daily jobs (aged-lead scan, nightly reconciliation) -> the tray's
// overdue-task count -> the property-alert watcher. Everything runs on ctx.clock, so tests drive it with a FakeClock.
import type { EngineSettings } from '../../../src-shared/playbooks/engine-settings';
import { ENGINE_SETTINGS_ID, parseEngineSettings } from '../../../src-shared/playbooks/engine-settings';
import type { CoreContext } from '../context';
import { upgradeBuiltIns } from '../sequences/builtin-upgrade';
import { installBuiltIns } from '../sequences/sequence-store';
import { OverdueWatcher } from '../tasks/overdue-watch';
import { PropertyAlertWatcher } from '../listings/alert-watch';
import { scanAgedLeads } from './aged-leads';
import { nodeScheduleCalendar } from './calendar-jobs';
import { OutboxDispatcher } from './dispatcher';
import type { ChannelSender, SendChannel } from '../ports/channels';
import type { EnginePorts } from './ports';
import { senderFor } from './send-pipeline';
import { releaseWaiting, releaseWaitingForProfile } from './waiting';
import { PROFILE_SETTING_ID } from '../../../src-shared/ipc/profile';
import { startReactions } from './reactions';
import type { CatchUpReport } from './catch-up';
import { catchUpReactions } from './catch-up';
import type { RecoveryReport } from './recovery';
import { recoverOutbox } from './recovery';
import { readEngineSettings } from './settings';
import { ClaimRouter } from './claim-router';
import { KeyedWorkQueue } from './work-queue';

export type { EnginePorts } from './ports';

export interface Engine {
  /** What start-up recovery found in the outbox. */
  readonly recovery: RecoveryReport;
  /** What start-up catch-up found: reactions a stop had cut short (catch-up.ts). */
  readonly catchUp: CatchUpReport;
  /** Resolves when no reaction or dispatch is running (tests, bench). */
  idle(): Promise<void>;
  /** The daily aged-lead scan, on demand. */
  scanAgedLeads(): Promise<number>;
  /**
   * Connects a channel's sender while running (undefined disconnects it): a shell calls this when
   * a provider's settings or keys change. Messages waiting for the channel go out; returns how many.
   */
  setSender(channel: SendChannel, sender: ChannelSender | undefined): Promise<number>;
  stop(): Promise<void>;
}

const SEND_CHANNELS: readonly SendChannel[] = ['sms', 'whatsapp', 'email', 'notification'];

function setPort(ports: EnginePorts, channel: SendChannel, sender: ChannelSender | undefined): void {
  const key = ({ sms: 'sms', whatsapp: 'whatsapp', email: 'mailer', notification: 'notifier' } as const)[
    channel
  ];
  if (sender === undefined) delete ports[key];
  // The sender for a channel is that channel's port type (the shell built it for this channel).
  else Object.assign(ports, { [key]: sender });
}

function parseTime(hhmm: string): { hour: number; minute: number } {
  const [hour, minute] = hhmm.split(':').map(Number);
  return { hour: hour ?? 7, minute: minute ?? 30 };
}

export async function startEngine(ctx: CoreContext, given: EnginePorts = {}): Promise<Engine> {
  await installBuiltIns(ctx);
  await upgradeBuiltIns(ctx);
  let settings: EngineSettings = await readEngineSettings(ctx);
  // One mutable set of ports, read at every dispatch: a channel can connect while running.
  const ports: EnginePorts = { ...given };
  const recovery = await recoverOutbox(ctx, ports);
  for (const channel of SEND_CHANNELS)
    if (senderFor(ports, channel) !== undefined) await releaseWaiting(ctx, channel);
  await releaseWaitingForProfile(ctx);
  const queue = new KeyedWorkQueue((error) => console.error('Porchlight engine:', error));
  const stopReactions = startReactions(ctx, queue);
  const catchUp = await catchUpReactions(ctx, queue);
  const claims = ports.claims ?? new ClaimRouter(ctx);
  claims.start?.();
  const dispatcher = new OutboxDispatcher(ctx, ports, claims, settings);
  dispatcher.start();
  const settingsSubscription = ctx.db.settings.$.subscribe((event) => {
    // A saved profile may hold what waiting messages need: they are dispatched again.
    if (event.documentId === PROFILE_SETTING_ID)
      return void queue.run('profile-saved', async () => {
        if ((await releaseWaitingForProfile(ctx)) > 0) dispatcher.wake();
      });
    if (event.documentId !== ENGINE_SETTINGS_ID) return;
    settings = parseEngineSettings(event.documentData.value);
    dispatcher.updateSettings(settings);
  });
  const calendar = ports.calendar ?? nodeScheduleCalendar;
  const zone = settings.teamTimeZone;
  const jobs = [
    calendar.daily('porchlight-aged-lead-scan', { ...parseTime(settings.dailyScanAt), zone }, () =>
      queue.run('aged-lead-scan', async () => void (await scanAgedLeads(ctx))),
    ),
    calendar.daily('porchlight-nightly', { hour: 3, minute: 15, zone }, () =>
      queue.run('nightly', async () => void (await recoverOutbox(ctx, ports))),
    ),
  ];
  const overdue = new OverdueWatcher(ctx);
  overdue.start();
  // New homes and price cuts that match a lead enroll it in the property-alert sequence.
  const alerts = new PropertyAlertWatcher(ctx, (key, work) => queue.run(key, work));
  alerts.start();

  async function idle(): Promise<void> {
    // Reactions create messages, dispatches advance enrollments: wait until both are quiet
    // for two turns of the event loop (sends waiting on a provider's answer do not count).
    let quietTurns = 0;
    while (quietTurns < 2) {
      await queue.idle();
      await dispatcher.idle();
      await new Promise<void>((resolve) => setImmediate(resolve));
      quietTurns = !queue.busy && !dispatcher.busy ? quietTurns + 1 : 0;
    }
  }

  return {
    recovery,
    catchUp,
    idle,
    scanAgedLeads: () => scanAgedLeads(ctx),
    async setSender(channel, sender) {
      setPort(ports, channel, sender);
      if (sender === undefined) return 0;
      const released = await releaseWaiting(ctx, channel);
      dispatcher.wake();
      return released;
    },
    async stop() {
      jobs.forEach((job) => job.cancel());
      overdue.stop();
      alerts.stop();
      settingsSubscription.unsubscribe();
      stopReactions();
      await dispatcher.stop();
      await claims.stop?.();
      await queue.idle();
    },
  };
}
