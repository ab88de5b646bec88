// Follow Up Boss on this desktop: the connection (API key in the SecretStore), a full run every
// few minutes and shortly after a message is sent or a stage changes (write-back, importing
// people, webhook events), a reading of the team server's webhook events every half minute in
// between, and the status Settings → Follow Up Boss shows, announced as `fub-changed`.
// Runs never overlap; a refused key or an unreachable Follow Up Boss stops a run with the
// reason in the status, and the next run tries again. Demo leads never reach Follow Up Boss.
// stop() ends a run at once: a 429's wait and a call under way are cut short.
import type { FubConnectInput, FubStatus } from '../../../src-shared/ipc/follow-up-boss';
import { fubConnectSchema } from '../../../src-shared/ipc/follow-up-boss';
import { PorchlightError } from '../../../src-shared/ipc/errors';
import type { Workspace } from '../context';
import type { CoreEvents } from '../events';
import type { Clock, TimerHandle } from '../ports/clock';
import type { FubApi, FubApiFactory } from '../ports/follow-up-boss';
import { FubError } from '../ports/follow-up-boss';
import type { SecretStore } from '../ports/secret-store';
import type { PorchlightDatabase } from '../store/collections';
import { fubStageMatches } from './person-lead';
import { runFollowUpBoss, type EventsSource, type RunKind } from './run';
import { politely, RunStopped, type FubRunDeps } from './run-deps';
import { readFubSettings, readFubState, writeFubSettings, writeFubState } from './state';
import { readFubStatus } from './status';

export const POLL_EVERY_MS = 5 * 60_000;
/** Webhook events are read this often between full runs (a request to the team server). */
export const EVENTS_EVERY_MS = 30_000;
/** Changes gathered this long before a write-back run. */
const SETTLE_MS = 3_000;
const KEY = 'followUpBoss.apiKey';
const SYSTEM_KEY = 'followUpBoss.systemKey' as const;

export interface FollowUpBossDeps {
  db: PorchlightDatabase;
  clock: Clock;
  events: CoreEvents;
  workspace: Workspace;
  secrets: SecretStore | undefined;
  api: FubApiFactory;
  /** Where the team server's webhook events are read (the sync client); none when solo. */
  webhookEvents?: () => EventsSource;
}

export class FollowUpBoss {
  private timer: TimerHandle | null = null;
  private timerAt = Infinity;
  private eventsTimer: TimerHandle | null = null;
  private running: Promise<void> = Promise.resolve();
  private stopped = false;
  private readonly unsubscribe: (() => void)[] = [];
  /** Aborted by stop(): ends calls under way and the waits of 429s. */
  private readonly stopping = new AbortController();

  constructor(private readonly deps: FollowUpBossDeps) {}

  /** Starts the runs (when connected) and watches for messages sent and stages changed. */
  async start(): Promise<void> {
    const { db } = this.deps;
    const messages = db.messages.$.subscribe((event) => {
      const { status, direction } = event.documentData;
      if (direction === 'outbound' && (status === 'sent' || status === 'delivered')) this.soon();
    });
    // Only a stage Follow Up Boss does not have yet (what the importer writes already matches).
    const leads = db.leads.$.subscribe(({ documentData: lead }) => {
      if (lead.fubId !== undefined && !fubStageMatches(lead.fubStage, lead.stage)) this.soon();
    });
    this.unsubscribe.push(
      () => messages.unsubscribe(),
      () => leads.unsubscribe(),
    );
    if ((await readFubSettings(db)).enabled) this.schedule(this.deps.clock.now());
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.timer?.cancel();
    this.timer = null;
    this.eventsTimer?.cancel();
    this.eventsTimer = null;
    this.stopping.abort();
    for (const off of this.unsubscribe) off();
    await this.running;
  }

  /** Resolves when no run is under way (tests). */
  idle(): Promise<void> {
    return this.running;
  }

  private schedule(at: number): void {
    if (this.stopped || at >= this.timerAt) return;
    this.timer?.cancel();
    this.timerAt = at;
    this.timer = this.deps.clock.setTimer(at, () => {
      this.timer = null;
      this.timerAt = Infinity;
      void this.run('full');
    });
  }

  /** The next reading of webhook events, while there is a team server to read them from. */
  private scheduleEvents(): void {
    this.eventsTimer?.cancel();
    this.eventsTimer = null;
    const source = this.deps.webhookEvents?.();
    if (this.stopped || source === undefined || source === 'not_admin') return;
    const { clock } = this.deps;
    this.eventsTimer = clock.setTimer(clock.now() + EVENTS_EVERY_MS, () => {
      this.eventsTimer = null;
      void this.run('events');
    });
  }

  private soon(): void {
    this.schedule(this.deps.clock.now() + SETTLE_MS);
  }

  private async api(): Promise<FubApi | undefined> {
    const apiKey = await this.deps.secrets?.get(KEY);
    if (apiKey === undefined || apiKey === '') return undefined;
    const systemKey = await this.deps.secrets?.get(SYSTEM_KEY);
    return this.deps.api({
      apiKey,
      ...(systemKey === undefined ? {} : { systemKey }),
      signal: this.stopping.signal,
    });
  }

  private runDeps(api: FubApi): FubRunDeps {
    const { clock } = this.deps;
    return {
      db: this.deps.db,
      workspace: this.deps.workspace,
      api,
      now: () => clock.now(),
      wait: (ms) => this.wait(ms),
    };
  }

  /** A wait on core's clock that stop() cuts short (RunStopped). */
  private wait(ms: number): Promise<void> {
    const { clock } = this.deps;
    const signal = this.stopping.signal;
    if (signal.aborted) return Promise.reject(new RunStopped());
    return new Promise((resolve, reject) => {
      const onStop = (): void => {
        timer.cancel();
        reject(new RunStopped());
      };
      const timer = clock.setTimer(clock.now() + ms, () => {
        signal.removeEventListener('abort', onStop);
        resolve();
      });
      signal.addEventListener('abort', onStop, { once: true });
    });
  }

  /** One run (full: write back, import, events; events: webhook events only). Runs queue, never overlap. */
  run(kind: RunKind = 'full'): Promise<void> {
    this.running = this.running
      .then(() => this.runOnce(kind))
      .catch((error: unknown) => {
        console.error('Porchlight: Follow Up Boss run failed:', error);
      });
    return this.running;
  }

  private async runOnce(kind: RunKind): Promise<void> {
    const { db, clock, workspace } = this.deps;
    const settings = await readFubSettings(db);
    if (this.stopped || !settings.enabled) return;
    const api = await this.api();
    const state = await readFubState(db);
    if (api === undefined) {
      state.error = 'The Follow Up Boss API key is missing; enter it in Settings → Follow Up Boss.';
    } else {
      let cutShort = false;
      try {
        await runFollowUpBoss(this.runDeps(api), settings, state, kind, this.deps.webhookEvents?.());
      } catch (error) {
        if (!(error instanceof RunStopped) && !this.stopped) throw error;
        cutShort = true;
      }
      if (cutShort || this.stopped) {
        // Stopping: what was done is kept (cursors, failures); the status words stay as they
        // were (a call cut short says nothing about Follow Up Boss).
        const saved = await readFubState(db);
        await writeFubState(db, workspace, clock.now(), {
          ...state,
          error: saved.error,
          eventsError: saved.eventsError,
        });
        return;
      }
    }
    await writeFubState(db, workspace, clock.now(), state);
    this.deps.events.emit('fub-changed', await this.status());
    if (kind === 'full') this.schedule(clock.now() + POLL_EVERY_MS);
    this.scheduleEvents();
  }

  status(): Promise<FubStatus> {
    return readFubStatus(this.deps.db, this.deps.secrets, this.deps.webhookEvents?.(), SYSTEM_KEY);
  }

  /** Saves the key(s), checks them against Follow Up Boss, and starts the runs. */
  async connect(input: FubConnectInput): Promise<FubStatus> {
    const { db, clock, workspace, secrets } = this.deps;
    if (secrets === undefined)
      throw new PorchlightError('unavailable', 'This Porchlight has no place to keep the API key.');
    const args = fubConnectSchema.parse(input);
    const apiKey = args.apiKey !== '' ? args.apiKey : await secrets.get(KEY);
    if (apiKey === undefined || apiKey === '')
      throw new PorchlightError('invalid_args', 'Enter the API key from Follow Up Boss (Admin → API).', {
        apiKey: 'Enter the API key from Follow Up Boss (Admin → API).',
      });
    const systemKey = args.systemKey !== '' ? args.systemKey : await secrets.get(SYSTEM_KEY);
    const api = this.deps.api({ apiKey, ...(systemKey === undefined ? {} : { systemKey }) });
    try {
      await politely(this.runDeps(api), () => api.listPeople({ limit: 1 }));
    } catch (error) {
      if (!(error instanceof FubError)) throw error;
      const field = error.kind === 'auth' ? { apiKey: error.message } : undefined;
      throw new PorchlightError('invalid_args', error.message, field);
    }
    if (args.apiKey !== '') await secrets.set(KEY, args.apiKey);
    if (args.systemKey !== '') await secrets.set(SYSTEM_KEY, args.systemKey);
    await writeFubSettings(db, workspace, clock.now(), { enabled: true, writeBack: args.writeBack });
    const state = await readFubState(db);
    // Messages sent before Follow Up Boss was connected are not recorded there.
    state.messageCursor ??= { updatedAt: clock.now(), id: '' };
    state.error = null;
    await writeFubState(db, workspace, clock.now(), state);
    this.schedule(clock.now());
    return this.announce();
  }

  async disconnect(): Promise<FubStatus> {
    const { db, clock, workspace, secrets } = this.deps;
    await secrets?.delete(KEY);
    await secrets?.delete(SYSTEM_KEY);
    const settings = await readFubSettings(db);
    await writeFubSettings(db, workspace, clock.now(), { ...settings, enabled: false });
    this.timer?.cancel();
    this.timer = null;
    this.timerAt = Infinity;
    this.eventsTimer?.cancel();
    this.eventsTimer = null;
    return this.announce();
  }

  async syncNow(): Promise<FubStatus> {
    if (!(await readFubSettings(this.deps.db)).enabled)
      throw new PorchlightError('unavailable', 'Connect Follow Up Boss first (Settings → Follow Up Boss).');
    await this.run('full');
    return this.status();
  }

  async retryWriteBacks(): Promise<FubStatus> {
    const { db, clock, workspace } = this.deps;
    const state = await readFubState(db);
    for (const failure of Object.values(state.failures)) failure.nextAt = 0;
    await writeFubState(db, workspace, clock.now(), state);
    return this.syncNow();
  }

  private async announce(): Promise<FubStatus> {
    const status = await this.status();
    this.deps.events.emit('fub-changed', status);
    return status;
  }
}
