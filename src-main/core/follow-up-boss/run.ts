// One Follow Up Boss run, on the work state it is given (the caller saves it):
//   full:   write back (stages, then messages), import what changed (poll), register the
//           webhooks (once per address), then read the webhook events the team server
//           received since the last reading;
//   events: only the webhook events (often: one request to the team server when none came).
// The linked leads are read once and shared by the steps (linked-leads.ts); the people the
// poll read are not fetched again for an event that is not newer (webhook-events.ts).
// A failure talking to Follow Up Boss ends its step with the reason in the state; a failure
// reaching the team server leaves polling alone. RunStopped (the service stopping) ends the run.
import { FubError, type FubEventSource } from '../ports/follow-up-boss';
import { SyncTransportError } from '../ports/sync-transport';
import { LinkedLeads } from './linked-leads';
import { pollPeople } from './poll';
import { registerWebhooks } from './register-webhooks';
import type { FubRunDeps } from './run-deps';
import type { FubSettings, FubWorkState } from './state';
import { WebhookEventReader, type PeopleRead } from './webhook-events';
import { WriteBack } from './write-back';

export type RunKind = 'full' | 'events';
export type EventsSource = FubEventSource | 'not_admin' | undefined;

async function readEvents(
  deps: FubRunDeps,
  linked: LinkedLeads,
  state: FubWorkState,
  source: FubEventSource,
  read: PeopleRead,
  register: boolean,
): Promise<void> {
  if (register) {
    try {
      await registerWebhooks(deps, state, source);
    } catch (error) {
      if (!(error instanceof FubError) && !(error instanceof SyncTransportError)) throw error;
      // Events already kept are still read; the status says why none may come.
      state.eventsError = error.message;
    }
  }
  const cursor = state.eventsCursor?.origin === source.origin ? state.eventsCursor.seq : 0;
  const reader = new WebhookEventReader(deps, linked, read);
  try {
    const seq = await reader.readAll(source, cursor);
    state.eventsCursor = { origin: source.origin, seq };
    // Registered, or events arrive (webhooks added in Follow Up Boss by hand): nothing to say.
    if (state.webhooksFor !== undefined || reader.report.events > 0) state.eventsError = null;
    // A reading that found nothing keeps the last report that did something.
    if (reader.report.events > 0 || state.lastEvents === undefined) state.lastEvents = reader.report;
  } catch (error) {
    if (error instanceof FubError || error instanceof SyncTransportError) state.eventsError = error.message;
    else throw error;
    if (error instanceof FubError && error.kind === 'auth') state.error = error.message;
  }
}

export async function runFollowUpBoss(
  deps: FubRunDeps,
  settings: FubSettings,
  state: FubWorkState,
  kind: RunKind,
  events: EventsSource,
): Promise<void> {
  // The memory of merged people is the state's own object: what the run learns is saved with it.
  const linked =
    kind === 'full'
      ? await LinkedLeads.read(deps.db, state.personLeads)
      : LinkedLeads.onDemand(deps.db, state.personLeads);
  const read: PeopleRead = new Map();
  if (kind === 'full') {
    try {
      if (settings.writeBack) {
        const writeBack = new WriteBack(deps, state, linked);
        await writeBack.stages();
        await writeBack.messages();
      }
      const poll = await pollPeople(deps, linked, state.checkpoint);
      state.lastPoll = poll.report;
      if (poll.checkpoint !== undefined) state.checkpoint = poll.checkpoint;
      for (const [id, updated] of poll.read) read.set(id, updated);
      state.error = null;
    } catch (error) {
      if (!(error instanceof FubError)) throw error;
      state.error = error.message;
      return;
    }
  }
  if (events === undefined || events === 'not_admin') {
    state.eventsError = null;
    return;
  }
  await readEvents(deps, linked, state, events, read, kind === 'full');
}
