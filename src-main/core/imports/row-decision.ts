// What happens to a row whose lead shares an email or phone with a lead already there: the
// batch's choice (skip, merge, create anyway). Matches are looked for in the run's contact map
// (rows earlier in the file, and every live lead of the store when contact-index.ts read them
// in), then, when the store was not read in, by a query per contact.
import type { Lead } from '../../../src-shared/domain';
import { leadDisplayName } from '../../../src-shared/domain';
import type { DuplicateChoice, ImportOutcome } from '../../../src-shared/imports';
import { findDuplicateIds } from '../leads/merge';
import type { PorchlightDatabase } from '../store/collections';

export interface Decision {
  outcome: ImportOutcome;
  leadId?: string;
  message?: string;
}

/** Contacts (email, phone) of the leads this run created or merged into -> that lead's id. */
export type RunContacts = Map<string, string>;

export function rememberContacts(contacts: RunContacts, lead: Lead): void {
  if (lead.email !== undefined) contacts.set(lead.email, lead.id);
  if (lead.phone !== undefined) contacts.set(lead.phone, lead.id);
}

export function labelOf(lead: Pick<Lead, 'firstName' | 'lastName' | 'email' | 'phone'>): string {
  return (leadDisplayName(lead) || lead.email || lead.phone || 'Unnamed').slice(0, 200);
}

export interface RunDedupe {
  contacts: RunContacts;
  /** Every live lead of the store is in `contacts`: no query is needed. */
  storeIndexed: boolean;
}

export async function decideRow(
  db: PorchlightDatabase,
  dedupe: RunDedupe,
  lead: Lead,
  choice: DuplicateChoice,
  row: number,
  findLead: (id: string) => Promise<Lead | undefined>,
): Promise<Decision> {
  if (choice === 'create') return { outcome: 'imported', leadId: lead.id };
  const { contacts } = dedupe;
  const viaRun = [lead.email, lead.phone].find((c) => c !== undefined && contacts.has(c));
  const matchId =
    viaRun !== undefined
      ? contacts.get(viaRun)
      : dedupe.storeIndexed
        ? undefined
        : (await findDuplicateIds(db, lead))[0];
  // A resumed run meets the lead an earlier run of this row wrote: that is this row, not a duplicate.
  const match = matchId === undefined || matchId === lead.id ? undefined : await findLead(matchId);
  if (match === undefined) return { outcome: 'imported', leadId: lead.id };
  const same =
    lead.email !== undefined && match.email === lead.email
      ? `email ${lead.email}`
      : `phone ${lead.phone ?? ''}`;
  if (choice === 'skip') {
    return {
      outcome: 'skipped',
      leadId: match.id,
      message: `Row ${row}: ${labelOf(match)} already has the ${same}; the row was skipped.`,
    };
  }
  return {
    outcome: 'merged',
    leadId: match.id,
    message: `Row ${row}: merged into ${labelOf(match)} (same ${same}).`,
  };
}
