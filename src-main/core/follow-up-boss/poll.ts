// Imports people from Follow Up Boss: pages of people, newest change first, until one older
// than the checkpoint (the newest change the last run took), so a run reads only what changed.
// Each person is taken in by take-person.ts (created, merged, or unchanged when read before).
import type { FubPollReport } from '../../../src-shared/ipc/follow-up-boss';
import type { LinkedLeads } from './linked-leads';
import { politely, type FubRunDeps } from './run-deps';
import { takePerson } from './take-person';

export const PAGE_SIZE = 100;

const timeOf = (updated: string | undefined): number => (updated === undefined ? NaN : Date.parse(updated));

export interface PollResult {
  report: FubPollReport;
  checkpoint: string | undefined;
  /** Each person read, with the `updated` it was read at (webhook events need not fetch them again). */
  read: Map<number, string | undefined>;
}

export async function pollPeople(
  deps: FubRunDeps,
  linked: LinkedLeads,
  checkpoint: string | undefined,
): Promise<PollResult> {
  const report: FubPollReport = {
    at: deps.now(),
    read: 0,
    created: 0,
    merged: 0,
    unchanged: 0,
    teammates: 0,
    refused: [],
    problems: [],
  };
  const since = timeOf(checkpoint);
  const read = new Map<number, string | undefined>();
  let newest = checkpoint;
  let next: string | undefined;
  do {
    const cursor = next;
    const page = await politely(deps, () =>
      deps.api.listPeople({ limit: PAGE_SIZE, ...(cursor === undefined ? {} : { next: cursor }) }),
    );
    next = page.next;
    for (const person of page.people) {
      const at = timeOf(person.updated);
      // Equal times are read again (a person changed in the same second as the checkpoint).
      if (at < since) {
        next = undefined;
        break;
      }
      if (!Number.isNaN(at) && (newest === undefined || at > timeOf(newest))) newest = person.updated;
      report.read++;
      read.set(person.id, person.updated);
      await takePerson(deps, linked, person, report);
    }
  } while (next !== undefined);
  report.refused = report.refused.slice(0, 50);
  report.problems = report.problems.slice(0, 50);
  return { report, checkpoint: newest, read };
}
