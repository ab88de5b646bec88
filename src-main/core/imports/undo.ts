// Undoing an import batch: every lead it merged into gets back the values it had, field by
// field, where nobody changed that field since (rows undone from the last to the first, so two
// merges into one lead unwind in order); then every lead the batch created goes to the bin
// (which stops any sequence it was enrolled in, as deleting does). Created leads are found by
// their ids (batch + row), so no index is needed. Work goes in pages; the event loop turns
// between them. An import handed to the team had leads routed to teammates: this replica holds
// only their tombstones (decision 0410), so the team server bins those (its import-undo),
// which only the agent who handed the import in, or an admin, may ask.
import { PorchlightError } from '../../../src-shared/ipc/errors';
import type { ImportBatch, ImportRow } from '../../../src-shared/imports';
import type { CoreContext } from '../context';
import { leadsLeftForTeammates } from '../leads/left-for-teammates';
import { SyncTransportError } from '../ports/sync-transport';
import { revertChanges } from './merge-row';
import { importedLeadId } from './row-lead';
import { GROUP_SIZE } from './run-import';

const PAGE = 500;
const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export async function undoImport(
  ctx: CoreContext,
  batch: ImportBatch,
): Promise<{ removed: number; reverted: number }> {
  const reverted = await revertMerges(ctx, batch);
  const { db, clock } = ctx;
  let removed = 0;
  const withTeammates: string[] = [];
  // A crash may have written one group's leads past the checkpoint.
  const lastRow = batch.checkpointRow + GROUP_SIZE;
  for (let first = 2; first <= lastRow; first += PAGE) {
    const ids = Array.from({ length: Math.min(PAGE, lastRow - first + 1) }, (_, i) =>
      importedLeadId(batch.id, first + i),
    );
    const docs = await db.leads.findByIds(ids).exec();
    const toBin = [...docs.values()].filter((d) => d.deletedAt === 0 && d.importId === batch.id);
    if (toBin.length > 0) {
      const now = clock.now();
      await db.leads.bulkUpsert(toBin.map((d) => ({ ...d.toMutableJSON(), deletedAt: now, updatedAt: now })));
      removed += toBin.length;
    }
    withTeammates.push(
      ...(await leadsLeftForTeammates(
        db,
        ids.filter((id) => !docs.has(id)),
      )),
    );
    await turn();
  }
  removed += await binOnTeamServer(ctx, batch.id, withTeammates);
  return { removed, reverted };
}

const SERVER_PAGE = 1000;

async function binOnTeamServer(ctx: CoreContext, importId: string, ids: readonly string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const handlers = ctx.sync?.teamClaims()?.handlers;
  const notReached = (why: string): PorchlightError =>
    new PorchlightError(
      'unavailable',
      `The leads of this import on this computer are in the bin, but ${ids.length} the team gave to teammates are not yet: ${why}`,
    );
  if (handlers === undefined)
    throw notReached(
      'you are signed out of your team. Sign in under Settings → Team, then choose Undo again.',
    );
  let removed = 0;
  try {
    for (let start = 0; start < ids.length; start += SERVER_PAGE)
      removed += (await handlers.undoImport(importId, ids.slice(start, start + SERVER_PAGE))).removed;
  } catch (error) {
    if (error instanceof SyncTransportError && error.kind === 'refused')
      throw new PorchlightError('validation', error.message);
    if (error instanceof SyncTransportError)
      throw notReached('the team server is out of reach. Choose Undo again once this computer is online.');
    throw error;
  }
  return removed;
}

async function revertMerges(ctx: CoreContext, batch: ImportBatch): Promise<number> {
  const { db, clock } = ctx;
  let reverted = 0;
  let beforeRow = Number.MAX_SAFE_INTEGER;
  for (;;) {
    const page: ImportRow[] = (
      await db.import_rows
        .find({
          selector: { batchId: batch.id, row: { $lt: beforeRow } },
          sort: [{ batchId: 'desc' }, { row: 'desc' }],
          limit: PAGE,
        })
        .exec()
    ).map((d) => d.toMutableJSON());
    if (page.length === 0) return reverted;
    beforeRow = page[page.length - 1]?.row ?? 0;
    const changed: string[] = [];
    for (const row of page) {
      if (row.outcome !== 'merged' || row.changes === undefined || row.leadId === undefined) continue;
      const doc = await db.leads.findOne(row.leadId).exec();
      if (doc === null || doc.importId === batch.id) continue;
      const next = revertChanges(doc.toMutableJSON(), row.changes, clock.now());
      if (next === undefined) continue;
      await doc.incrementalModify(() => next);
      changed.push(doc.id);
      reverted += 1;
    }
    await turn();
  }
}
