// Takes one Follow Up Boss person in, whether a poll page or a webhook event named it: a new
// person becomes lead `fub-<id>` (the same on every run); otherwise it merges into the lead it
// is linked to, or into a live lead with the same email or phone (which is then linked). A
// merge fills empty fields and adds tags and notes; a stage changed in Follow Up Boss since it
// was last read moves the lead's stage. Reading a person twice changes nothing more, so a
// person both a webhook and the poll bring in is one lead, merged once. A person whose lead the
// team gave to a teammate is left to them (counted as `teammates`), never made again here,
// whether its lead was `fub-<id>` or a lead it was merged into (remembered in LinkedLeads).
import { isDeepStrictEqual } from 'node:util';
import type { Lead } from '../../../src-shared/domain';
import type { FubPollReport } from '../../../src-shared/ipc/follow-up-boss';
import { readStage } from '../../../src-shared/imports';
import { mergeRowInto } from '../imports/merge-row';
import { leadsLeftForTeammates } from '../leads/left-for-teammates';
import { findDuplicateIds } from '../leads/merge';
import type { FubPerson } from '../ports/follow-up-boss';
import { ownerOfNewLead } from '../routing/new-lead-owner';
import type { LinkedLeads } from './linked-leads';
import { readPerson } from './person-lead';
import type { FubRunDeps } from './run-deps';

export type PersonCounts = Pick<
  FubPollReport,
  'created' | 'merged' | 'unchanged' | 'teammates' | 'refused' | 'problems'
>;

async function matchFor(deps: FubRunDeps, linked: LinkedLeads, lead: Lead): Promise<Lead | undefined> {
  const byLink = await linked.get(lead.fubId);
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

/** Takes the person in; the lead it now is (undefined when refused), counted in `report`. */
export async function takePerson(
  deps: FubRunDeps,
  linked: LinkedLeads,
  person: FubPerson,
  report: PersonCounts,
): Promise<Lead | undefined> {
  const now = deps.now();
  const reading = await readPerson(person, deps.workspace, now);
  if ('refused' in reading) {
    report.refused.push(reading.refused);
    return undefined;
  }
  report.problems.push(...reading.problems);
  const existing = await matchFor(deps, linked, reading.lead);
  if (existing === undefined) {
    // Its lead went to a teammate: making it again would be refused by the server as out of
    // scope (or, for a person merged into a lead of another id, be a second lead of them), and
    // count a "new lead" that is not.
    const person = reading.lead.fubId ?? '';
    if ((await leadsLeftForTeammates(deps.db, linked.leadIdsOf(person, reading.lead.id))).length > 0) {
      report.teammates = (report.teammates ?? 0) + 1;
      return undefined;
    }
    // A new person in a team goes to the team's routing, as every new lead does (0901).
    const lead: Lead = { ...reading.lead, ownerId: ownerOfNewLead(deps.workspace, false) };
    await deps.db.leads.insert(lead);
    linked.wrote(lead);
    report.created++;
    return lead;
  }
  // A lead the agent moved to the bin stays there; Follow Up Boss does not bring it back.
  if (existing.deletedAt !== 0) {
    report.unchanged++;
    return existing;
  }
  const next = await taken(existing, reading.lead, person, now);
  if (isDeepStrictEqual({ ...next, updatedAt: 0 }, { ...existing, updatedAt: 0 })) {
    report.unchanged++;
    return existing;
  }
  await deps.db.leads.upsert(next);
  linked.wrote(next);
  report.merged++;
  return next;
}
