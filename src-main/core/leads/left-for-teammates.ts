// Leads this replica no longer holds because they left its scope: the team routed them (or an
// admin gave them) to a teammate, and the replica keeps only their scope-exit tombstones
// (decision 0410). Read with deleted documents, by id, so no index is needed.
import { isScopeExitTombstone } from '../../../src-shared/sync';
import type { PorchlightDatabase } from '../store/collections';

/** Of `ids`, those whose lead went to a teammate. */
export async function leadsLeftForTeammates(
  db: PorchlightDatabase,
  ids: readonly string[],
): Promise<string[]> {
  if (ids.length === 0) return [];
  const stored = await db.leads.storageInstance.findDocumentsById([...ids], true);
  return stored.filter((doc) => isScopeExitTombstone('leads', doc)).map((doc) => doc.id);
}
