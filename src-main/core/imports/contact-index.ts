// Dedupe of an import against the leads already in the store without two queries per row:
// before the first group, the emails and phones of every live lead are read into the run's
// contact map (in pages of 2,000 by id, the event loop turning between pages), so a row's
// duplicate is a map lookup. The first lead (by id) holding a contact keeps it, as a query
// would answer. Worth it when the file is large beside the store; a few rows into a large
// store keep the per-row queries (row-decision.ts), which read only what they need.
// Leads written by others while the import runs are not in the map (a duplicate of one shows
// in Duplicates, where it can be merged).
import type { PorchlightDatabase } from '../store/collections';
import type { RunContacts } from './row-decision';

const PAGE = 2_000;
/** A CSV row takes about this many bytes or more (the bench's Follow Up Boss export: ~105). */
const BYTES_PER_ROW_AT_LEAST = 50;
/** Below this many leads in the store, reading them all costs less than any import's queries. */
const ALWAYS_UP_TO = 5_000;

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Whether reading the store's contacts pays for an import of a file this size. */
export async function worthIndexing(db: PorchlightDatabase, fileSize: number): Promise<boolean> {
  const leads = await db.leads.count().exec();
  return leads <= Math.max(ALWAYS_UP_TO, fileSize / BYTES_PER_ROW_AT_LEAST);
}

/** Adds every live lead's email and phone to `contacts` (those already there are kept). */
export async function indexStoreContacts(db: PorchlightDatabase, contacts: RunContacts): Promise<void> {
  let after = '';
  for (;;) {
    const page = await db.leads
      .find({ selector: { id: { $gt: after } }, sort: [{ id: 'asc' }], limit: PAGE })
      .exec();
    for (const doc of page) {
      if (doc.deletedAt !== 0) continue;
      if (doc.email !== undefined && !contacts.has(doc.email)) contacts.set(doc.email, doc.id);
      if (doc.phone !== undefined && !contacts.has(doc.phone)) contacts.set(doc.phone, doc.id);
    }
    const last = page.at(-1);
    if (page.length < PAGE || last === undefined) return;
    after = last.id;
    await yieldToEventLoop();
  }
}
