// Undoing a desktop's import for the team. An import the agent handed to the team (decision
// 0901) is routed lead by lead, and the leads given to teammates leave the importing desktop
// (its replica keeps only their tombstones), so the desktop's undo cannot reach them. Here:
//   1. who imported: the first push of an import's pool leads records its agent, by
//      compare-and-set ("importer:<import>" in server.routing_marks), never moved after;
//   2. `POST /team/imports/:id/undo { leadIds }`: the importing agent (or an admin) names the
//      leads the import created that their desktop no longer holds; each one still live, still
//      of that import and made by it (its id is the import's id and row), goes to the bin, with
//      a note on its timeline for whoever holds it now;
//   3. what routing left for it is settled: an open offer is removed with its "New lead to
//      take" to-dos, and each agent's to-dos about the import are cancelled.
// A lead that is no longer the import's (merged away, already in the bin) is left as it is.
import { leadSchema, taskSchema } from '../../src-shared/domain';
import { TEAM_POOL_OWNER_ID } from '../../src-shared/sync';
import type { ServerStorage } from '../storage/server-storage';
import { changeDocument } from '../team/team-docs';
import { importTaskId } from './apply-route';
import { closeOffers, noteRouting } from './record';
import {
  markImporter,
  readImporter,
  readImportTally,
  readOffer,
  replaceOffer,
  routingAccounts,
} from './store';

/** The most lead ids one undo request may name; the desktop sends more in several. */
export const UNDO_PAGE = 1000;

/**
 * The imports of pool leads in a push, each with its importer recorded. Read first: every push
 * of a large import names it again, and a read is cheaper than a write that changes nothing.
 */
export async function noteImporters(
  storage: ServerStorage,
  teamId: string,
  agentId: string,
  docs: readonly Record<string, unknown>[],
): Promise<void> {
  const imports = new Set<string>();
  for (const doc of docs)
    if (doc.ownerId === TEAM_POOL_OWNER_ID && typeof doc.importId === 'string') imports.add(doc.importId);
  for (const importId of imports)
    if ((await readImporter(storage, teamId, importId)) === null)
      await markImporter(storage, teamId, importId, agentId);
}

/** Bins the named leads the import made; how many went to the bin. */
export async function undoImportOnServer(
  storage: ServerStorage,
  teamId: string,
  by: { id: string; name: string },
  importId: string,
  leadIds: readonly string[],
  now: number,
): Promise<number> {
  const madeByImport = (id: string): boolean => id.startsWith(`${importId}-r`);
  let removed = 0;
  for (const leadId of new Set(leadIds.filter(madeByImport))) {
    const binned = await changeDocument(storage, teamId, 'leads', leadSchema, leadId, (lead) =>
      lead.importId !== importId || lead.deletedAt !== 0 || lead.mergedInto !== undefined
        ? null
        : { ...lead, deletedAt: now, updatedAt: Math.max(lead.updatedAt + 1, now) },
    );
    if (binned === null) continue;
    removed += 1;
    await noteRouting(
      storage,
      teamId,
      binned,
      binned.ownerId,
      'import-undone',
      `Moved to the bin: ${by.name} undid the import this lead came from.`,
      now,
    );
    const offer = await readOffer(storage, teamId, leadId);
    if (offer !== null && (await replaceOffer(storage, teamId, offer, null)))
      await closeOffers(storage, teamId, leadId, offer.group, null, now);
  }
  if (removed > 0) await cancelImportTodos(storage, teamId, importId, now);
  return removed;
}

/** Cancels each agent's open to-dos about the import ("From an import: …"). */
async function cancelImportTodos(
  storage: ServerStorage,
  teamId: string,
  importId: string,
  now: number,
): Promise<void> {
  for (const account of await routingAccounts(storage, teamId)) {
    const tally = await readImportTally(storage, teamId, importId, account.id);
    for (let round = 0; round <= tally.round; round += 1)
      await changeDocument(
        storage,
        teamId,
        'tasks',
        taskSchema,
        importTaskId(importId, account.id, round),
        (task) =>
          task.status !== 'open'
            ? null
            : {
                ...task,
                status: 'cancelled' as const,
                completedAt: now,
                updatedAt: Math.max(task.updatedAt + 1, now),
              },
      );
  }
}
