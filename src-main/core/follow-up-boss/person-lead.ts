// A Follow Up Boss person -> a lead, through the same reader as a Follow Up Boss CSV export
// (imports/row-lead.ts): the person's fields are laid out under the export's own headers, so
// names, phones, emails, stages, sources and prices are read, corrected and reported in the
// same words as an imported file ("phone "555-12" is not a valid US number; …").
import type { Lead, LeadStage } from '../../../src-shared/domain';
import { presetDefinitions, readStage } from '../../../src-shared/imports';
import type { Workspace } from '../context';
import type { CsvRow } from '../imports/read-rows';
import { readLeadRow } from '../imports/row-lead';
import type { FubContact, FubPerson } from '../ports/follow-up-boss';

/** Marks leads that came from Follow Up Boss: not new inquiries (no new-lead first touch). */
export const FUB_IMPORT_ID = 'follow-up-boss';

/** A person's lead id when Porchlight creates it: the same on every run (no duplicate). */
export function fubLeadId(personId: number): string {
  return `fub-${personId}`;
}

/** Follow Up Boss's default stage names for ours (an account's own names are read on import). */
export const fubStageNames: Record<LeadStage, string> = {
  new: 'Lead',
  contacted: 'Prospect',
  qualified: 'Active Client',
  appointment: 'Active Client',
  under_contract: 'Pending',
  closed: 'Closed',
  lost: 'Trash',
  nurture: 'Nurture',
};

/** Whether the Follow Up Boss stage already says what ours does (nothing to write back). */
export function fubStageMatches(fubStage: string | undefined, stage: LeadStage): boolean {
  if (fubStage === undefined) return false;
  return fubStage === fubStageNames[stage] || readStage(fubStage) === stage;
}

function primary(contacts: readonly FubContact[] | undefined): string | undefined {
  if (contacts === undefined || contacts.length === 0) return undefined;
  const chosen = contacts.find((c) => c.isPrimary === true || c.isPrimary === 1) ?? contacts[0];
  return chosen?.value;
}

const headers = Object.fromEntries(
  Object.entries(presetDefinitions.follow_up_boss.columns).map(([header, target]) => [target, header]),
);

export function personRow(person: FubPerson): CsvRow {
  const address = person.addresses?.[0];
  const values: [string, string | undefined][] = [
    ['firstName', person.firstName ?? (person.lastName === undefined ? person.name : undefined)],
    ['lastName', person.lastName],
    ['stage', person.stage],
    ['source', person.source],
    ['email', primary(person.emails)],
    ['phone', primary(person.phones)],
    ['street', address?.street],
    ['city', address?.city],
    ['state', address?.state],
    ['zip', address?.code],
    ['tags', person.tags?.join(', ')],
    ['notes', person.background],
    ['price', person.price === undefined || person.price === 0 ? undefined : String(person.price)],
    ['createdAt', person.created],
  ];
  const cells = new Map<string, string>();
  for (const [target, value] of values) {
    const header = headers[target];
    if (header !== undefined && value !== undefined && value !== '') cells.set(header, value);
  }
  // The report's "Row N" becomes the person's id: "Person 123: phone … is not valid".
  return { row: person.id, cells, extraCells: 0 };
}

export type PersonReading = { lead: Lead; problems: string[] } | { refused: string };

/** Reads a person as a lead owned by this agent, linked to the person. */
export async function readPerson(
  person: FubPerson,
  workspace: Workspace,
  now: number,
): Promise<PersonReading> {
  const reading = await readLeadRow(personRow(person), {
    batchId: FUB_IMPORT_ID,
    preset: 'follow_up_boss',
    mapping: presetDefinitions.follow_up_boss.columns,
    workspace,
    ownerId: workspace.agentId,
    importedAt: now,
    now,
  });
  const words = (text: string): string =>
    text.replace(/^Row (\d+)/, 'Person $1 in Follow Up Boss').replace(/the row was/g, 'the person was');
  if ('refused' in reading) return { refused: words(reading.refused) };
  const lead: Lead = {
    ...reading.lead,
    id: fubLeadId(person.id),
    fubId: String(person.id),
    ...(person.stage === undefined || person.stage === '' ? {} : { fubStage: person.stage.slice(0, 60) }),
  };
  return { lead, problems: reading.messages.map(words) };
}
