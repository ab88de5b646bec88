// Reads the Follow Up Boss events the team server received by webhook (FE-1), from the position
// this desktop last read to (its checkpoint), a page at a time. Each event names resources by
// id; they are fetched from Follow Up Boss itself:
//   peopleCreated / peopleUpdated / peopleStageUpdated / peopleTagsCreated -> the person, taken
//     in as a poll would (take-person.ts); a person gone by the time it is fetched is unlinked;
//   peopleDeleted -> the linked lead is unlinked (a merge in Follow Up Boss deletes one person
//     and updates the other, so deletions of a page go first and the survivor can link by email);
//   notesCreated / textMessagesCreated / emailsCreated / callsCreated -> the activity, recorded on
//     the person's lead once (activity.ts), the person taken in first if not linked yet.
// Dedupe: the server keeps each eventId once (a webhook delivered twice is one event); within a
// page each person and each activity is fetched once; a person this run's poll already read at
// or after the event's time is not fetched again; reading a person twice changes nothing more.
import type { FubEventsReport } from '../../../src-shared/ipc/follow-up-boss';
import type { FubActivityKind, FubEventSource } from '../ports/follow-up-boss';
import { recordActivity } from './activity';
import type { LinkedLeads } from './linked-leads';
import { politely, type FubRunDeps } from './run-deps';
import { takePerson } from './take-person';
import { unlinkPerson } from './unlink';

const PAGE = 100;
const PERSON_EVENTS = new Set(['peopleCreated', 'peopleUpdated', 'peopleStageUpdated', 'peopleTagsCreated']);
const activityEvents: Record<string, FubActivityKind> = {
  notesCreated: 'notes',
  textMessagesCreated: 'textMessages',
  emailsCreated: 'emails',
  callsCreated: 'calls',
};

/** Person id -> Follow Up Boss's `updated` of the copy this run took in. */
export type PeopleRead = Map<number, string | undefined>;

const idsOf = (ids: readonly (number | string)[]): number[] =>
  ids.map(Number).filter((id) => Number.isSafeInteger(id) && id > 0);

const timeOf = (at: string | undefined): number => (at === undefined ? NaN : Date.parse(at));

export function emptyEventsReport(at: number): FubEventsReport {
  return {
    at,
    events: 0,
    people: 0,
    created: 0,
    merged: 0,
    unchanged: 0,
    teammates: 0,
    activities: 0,
    unlinked: 0,
    gone: 0,
    refused: [],
    problems: [],
  };
}

class EventPage {
  readonly deleted = new Set<number>();
  /** Person id -> the newest eventCreated naming it. */
  readonly people = new Map<number, number>();
  readonly activities = new Map<string, { kind: FubActivityKind; id: number }>();
}

export class WebhookEventReader {
  readonly report: FubEventsReport;

  constructor(
    private readonly deps: FubRunDeps,
    private readonly linked: LinkedLeads,
    private readonly read: PeopleRead,
  ) {
    this.report = emptyEventsReport(deps.now());
  }

  /** Reads every event after `after`; the position read to (save it as the checkpoint). */
  async readAll(source: FubEventSource, after: number): Promise<number> {
    let position = after;
    for (;;) {
      const { events, checkpoint } = await source.list(position, PAGE);
      const page = new EventPage();
      for (const event of events) {
        this.report.events++;
        const ids = idsOf(event.resourceIds);
        const kind = activityEvents[event.event];
        if (event.event === 'peopleDeleted') for (const id of ids) page.deleted.add(id);
        else if (PERSON_EVENTS.has(event.event)) {
          const at = timeOf(event.eventCreated);
          for (const id of ids)
            page.people.set(id, Math.max(page.people.get(id) ?? -Infinity, Number.isNaN(at) ? Infinity : at));
        } else if (kind !== undefined)
          for (const id of ids) page.activities.set(`${kind}:${id}`, { kind, id });
      }
      await this.take(page);
      const next = Math.max(position, checkpoint);
      if (events.length < PAGE || next === position) {
        this.report.refused = this.report.refused.slice(0, 50);
        this.report.problems = this.report.problems.slice(0, 50);
        return next;
      }
      position = next;
    }
  }

  private async take(page: EventPage): Promise<void> {
    for (const id of page.deleted) {
      page.people.delete(id);
      if (await unlinkPerson(this.deps, this.linked, String(id))) this.report.unlinked++;
    }
    for (const [id, at] of page.people) {
      const readAt = timeOf(this.read.get(id));
      // The poll of this run read the person as it was at (or after) the event: nothing new.
      if (this.read.has(id) && readAt >= at) continue;
      await this.person(id);
    }
    for (const { kind, id } of page.activities.values()) await this.activity(kind, id);
  }

  private async person(id: number) {
    const person = await politely(this.deps, () => this.deps.api.getPerson(id));
    if (person === undefined) {
      // Deleted (or merged away) between the webhook and this fetch.
      this.report.gone++;
      if (await unlinkPerson(this.deps, this.linked, String(id))) this.report.unlinked++;
      return undefined;
    }
    this.report.people++;
    this.read.set(id, person.updated);
    return takePerson(this.deps, this.linked, person, this.report);
  }

  private async activity(kind: FubActivityKind, id: number): Promise<void> {
    const activity = await politely(this.deps, () => this.deps.api.getActivity(kind, id));
    if (activity === undefined || activity.personId === undefined) {
      this.report.gone++;
      return;
    }
    const lead = (await this.linked.get(String(activity.personId))) ?? (await this.person(activity.personId));
    if (lead === undefined || lead.deletedAt !== 0) return;
    if ((await recordActivity(this.deps, lead, kind, activity)) === 'recorded') this.report.activities++;
  }
}
