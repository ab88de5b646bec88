// Imports people from Follow Up Boss: pages of people, newest change first, until one older
// than the checkpoint (the newest change the last run took), so a run reads only what changed.
// Each person becomes a lead (id `fub-<person id>`, the same on every run) or is merged into the
// lead it is linked to, or into a live lead with the same email or phone (which is then linked).
// A merge fills empty fields and adds tags and notes; a stage changed in Follow Up Boss since
// it was last read moves the lead's stage. Reading a person twice changes nothing more.
import { isDeepStrictEqual } from 'node:util';
import type { Lead } from '../../../src-shared/domain';
import type { FubPollReport } from '../../../src-shared/ipc/follow-up-boss';
import { readStage } from '../../../src-shared/imports';
import type { Workspace } from '../context';
import { findDuplicateIds } from '../leads/merge';
import type { FubApi, FubPerson } from '../ports/follow-up-boss';
import { FubError } from '../ports/follow-up-boss';
import type { PorchlightDatabase } from '../store/collections';
import { mergeRowInto } from '../imports/merge-row';
import { readPerson } from './person-lead';

export const PAGE_SIZE = 100;
const RATE_LIMIT_TRIES = 6;
const LONGEST_WAIT_MS = 60_000;

export interface FubRunDeps {
  db: PorchlightDatabase;
  workspace: Workspace;
  api: FubApi;
  now(): number;
  /** Waits on core's clock (a 429's Retry-After). */
  wait(ms: number): Promise<void>;
}

/** Runs a call, waiting as long as Follow Up Boss asks each time it answers 429. */
export async function politely<T>(deps: Pick<FubRunDeps, 'wait'>, call: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof FubError) || error.kind !== 'rate_limited' || attempt >= RATE_LIMIT_TRIES)
        throw error;
      await deps.wait(Math.min(error.retryAfterMs ?? 10_000, LONGEST_WAIT_MS));
    }
  }
}

const timeOf = (updated: string | undefined): number => (updated === undefined ? NaN : Date.parse(updated));

async function linkedLeads(db: PorchlightDatabase): Promise<Map<string, Lead>> {
  const docs = await db.leads.find({ selector: { fubId: { $exists: true } } }).exec();
  return new Map(docs.map((doc) => [doc.fubId ?? '', doc.toMutableJSON()]));
}

async function matchFor(deps: FubRunDeps, linked: Map<string, Lead>, lead: Lead): Promise<Lead | undefined> {
  const byLink = linked.get(lead.fubId ?? '');
  if (byLink !== undefined) return byLink;
  const own = await deps.db.leads.findOne(lead.id).exec();
  if (own !== null) return own.toMutableJSON();
  const [duplicate] = await findDuplicateIds(deps.db, lead);
  if (duplicate === undefined) return undefined;
  return (await deps.db.leads.findOne(duplicate).exec())?.toMutableJSON();
}

/** The lead after taking the person in: merged fields, the link, and a stage moved in Follow Up Boss. */
async function taken(existing: Lead, incoming: Lead, person: FubPerson, now: number): Promise<Lead> {
  const merged = await mergeRowInto(existing, incoming, now);
  const next: Lead = { ...merged, fubId: existing.fubId ?? incoming.fubId };
  if (person.stage !== undefined && person.stage !== '' && person.stage !== existing.fubStage) {
    next.fubStage = person.stage.slice(0, 60);
    const stage = readStage(person.stage);
    if (stage !== undefined) next.stage = stage;
  }
  return { ...next, updatedAt: now };
}

async function takePerson(
  deps: FubRunDeps,
  linked: Map<string, Lead>,
  person: FubPerson,
  report: FubPollReport,
): Promise<void> {
  const now = deps.now();
  const reading = await readPerson(person, deps.workspace, now);
  if ('refused' in reading) {
    report.refused.push(reading.refused);
    return;
  }
  report.problems.push(...reading.problems);
  const existing = await matchFor(deps, linked, reading.lead);
  if (existing === undefined) {
    await deps.db.leads.insert(reading.lead);
    linked.set(reading.lead.fubId ?? '', reading.lead);
    report.created++;
    return;
  }
  // A lead the agent moved to the bin stays there; Follow Up Boss does not bring it back.
  if (existing.deletedAt !== 0) {
    report.unchanged++;
    return;
  }
  const next = await taken(existing, reading.lead, person, now);
  if (isDeepStrictEqual({ ...next, updatedAt: 0 }, { ...existing, updatedAt: 0 })) {
    report.unchanged++;
    return;
  }
  await deps.db.leads.upsert(next);
  linked.set(next.fubId ?? '', next);
  report.merged++;
}

export interface PollResult {
  report: FubPollReport;
  checkpoint: string | undefined;
}

export async function pollPeople(deps: FubRunDeps, checkpoint: string | undefined): Promise<PollResult> {
  const report: FubPollReport = {
    at: deps.now(),
    read: 0,
    created: 0,
    merged: 0,
    unchanged: 0,
    refused: [],
    problems: [],
  };
  const since = timeOf(checkpoint);
  const linked = await linkedLeads(deps.db);
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
      await takePerson(deps, linked, person, report);
    }
  } while (next !== undefined);
  report.refused = report.refused.slice(0, 50);
  report.problems = report.problems.slice(0, 50);
  return { report, checkpoint: newest };
}
