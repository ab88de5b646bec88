// The renderer's document events, derived from the store's change streams in this one place:
// a write from anywhere (a handler, the engine, an adapter, an import, replication) reaches the
// UI and no writer emits by hand. Per collection, the event and its payload:
//   leads           -> leads-changed           { ids: the leads }
//   suppressions    -> leads-changed           { ids: the suppressed lead } (its reachability)
//   messages        -> messages-changed        { ids: the messages, leadIds: their leads }
//   enrollments     -> enrollments-changed     { leadIds: their leads }
//   sequences       -> sequences-changed       { ids }
//   templates       -> templates-changed       { ids }
//   tasks           -> tasks-changed           { ids }
//   imports         -> imports-changed         { ids: the batches }
//   listings        -> listings-changed        { ids: the homes }
//   settings        -> engine-settings-changed {} (engine), email-settings-changed { at }
//                      (email), channels-changed {} (Twilio's settings), assistant-changed {}
//                      (the assistant's switch and every lead's conversation state)
//   scoring_models  -> scoring-model-changed   { using: 'logistic', version } when one activates
// Debounced to one turn of the event loop: everything written in a turn (a bulk, an enrollment
// with its message) leaves as one event per name with the ids merged. Events that are not a
// document's change stay with whoever knows of them: statuses, views and counts (ai, channels,
// sync, first run, outbox attention, overdue tasks), the scoring job's from -> to
// (scores-changed), secrets saved (channels-changed), import progress, demo-changed.
import type { RxChangeEvent } from 'rxdb';
import type { Subscription } from 'rxjs';
import { ASSISTANT_SETTINGS_ID } from '../../src-shared/assistant/state';
import { TWILIO_SETTINGS_ID } from '../../src-shared/ipc/channels';
import type { EventPayloads } from '../../src-shared/ipc/contract';
import { ENGINE_SETTINGS_ID } from '../../src-shared/playbooks/engine-settings';
import { EMAIL_SETTINGS_ID } from './email/settings';
import type { CoreEvents } from './events';
import type { Clock } from './ports/clock';
import type { PorchlightDatabase } from './store/collections';

type IdEvent =
  | 'leads-changed'
  | 'sequences-changed'
  | 'templates-changed'
  | 'tasks-changed'
  | 'imports-changed'
  | 'listings-changed';
type SignalEvent =
  'engine-settings-changed' | 'email-settings-changed' | 'channels-changed' | 'assistant-changed';
/** The settings documents whose change is an event of its own. */
const SETTINGS_EVENTS: Readonly<Record<string, SignalEvent>> = {
  [ENGINE_SETTINGS_ID]: 'engine-settings-changed',
  [EMAIL_SETTINGS_ID]: 'email-settings-changed',
  [TWILIO_SETTINGS_ID]: 'channels-changed',
};

interface Pending {
  ids: Map<IdEvent, Set<string>>;
  messageIds: Set<string>;
  messageLeads: Set<string>;
  enrollmentLeads: Set<string>;
  signals: Set<SignalEvent>;
  model: EventPayloads['scoring-model-changed'] | undefined;
}

function nothingPending(): Pending {
  return {
    ids: new Map(),
    messageIds: new Set(),
    messageLeads: new Set(),
    enrollmentLeads: new Set(),
    signals: new Set(),
    model: undefined,
  };
}

export class DocumentEvents {
  private pending = nothingPending();
  private scheduled: NodeJS.Immediate | undefined;
  private flushedWaiters: (() => void)[] = [];
  private subscriptions: Subscription[] = [];

  constructor(
    private readonly db: PorchlightDatabase,
    private readonly events: CoreEvents,
    private readonly clock: Clock,
  ) {}

  start(): void {
    const { db } = this;
    const ids = (name: IdEvent) => (event: RxChangeEvent<{ id: string }>) =>
      this.add(name, event.documentData.id);
    this.subscriptions = [
      db.leads.$.subscribe(ids('leads-changed')),
      db.suppressions.$.subscribe((event) => {
        const { leadId } = event.documentData;
        if (leadId !== undefined) this.add('leads-changed', leadId);
      }),
      db.messages.$.subscribe((event) => {
        const message = event.documentData;
        this.pending.messageIds.add(message.id);
        this.pending.messageLeads.add(message.leadId);
        this.soon();
      }),
      db.enrollments.$.subscribe((event) => {
        this.pending.enrollmentLeads.add(event.documentData.leadId);
        this.soon();
      }),
      db.sequences.$.subscribe(ids('sequences-changed')),
      db.templates.$.subscribe(ids('templates-changed')),
      db.tasks.$.subscribe(ids('tasks-changed')),
      db.imports.$.subscribe(ids('imports-changed')),
      db.listings.$.subscribe(ids('listings-changed')),
      db.settings.$.subscribe((event) => {
        const signal =
          SETTINGS_EVENTS[event.documentId] ??
          (event.documentId.startsWith(ASSISTANT_SETTINGS_ID) ? 'assistant-changed' : undefined);
        if (signal === undefined) return;
        this.pending.signals.add(signal);
        this.soon();
      }),
      db.scoring_models.$.subscribe((event) => {
        const model = event.documentData;
        const activated =
          model.active && (event.operation === 'INSERT' || !event.previousDocumentData.active);
        if (!activated || model.kind !== 'logistic' || event.operation === 'DELETE') return;
        this.pending.model = { using: 'logistic', version: model.version };
        this.soon();
      }),
    ];
  }

  /** Stops listening; what was written before is still announced. */
  stop(): void {
    for (const subscription of this.subscriptions) subscription.unsubscribe();
    this.subscriptions = [];
    if (this.scheduled !== undefined) clearImmediate(this.scheduled);
    this.flush();
  }

  /** Resolves once every change written so far has been announced (tests). */
  flushed(): Promise<void> {
    if (this.scheduled === undefined) return Promise.resolve();
    return new Promise((resolve) => this.flushedWaiters.push(resolve));
  }

  private add(name: IdEvent, id: string): void {
    const ids = this.pending.ids.get(name) ?? new Set();
    this.pending.ids.set(name, ids.add(id));
    this.soon();
  }

  private soon(): void {
    this.scheduled ??= setImmediate(() => this.flush());
  }

  private flush(): void {
    this.scheduled = undefined;
    const { ids, messageIds, messageLeads, enrollmentLeads, signals, model } = this.pending;
    this.pending = nothingPending();
    const { events } = this;
    for (const [name, changed] of ids) events.emit(name, { ids: [...changed] });
    if (messageIds.size > 0)
      events.emit('messages-changed', { ids: [...messageIds], leadIds: [...messageLeads] });
    if (enrollmentLeads.size > 0) events.emit('enrollments-changed', { leadIds: [...enrollmentLeads] });
    for (const signal of signals)
      if (signal === 'email-settings-changed') events.emit(signal, { at: this.clock.now() });
      else events.emit(signal, {});
    if (model !== undefined) events.emit('scoring-model-changed', model);
    for (const resolve of this.flushedWaiters.splice(0)) resolve();
  }
}
