// Undoing an import batch: every lead it merged into gets back the values it had, field by
// field, where nobody changed that field since (rows undone from the last to the first, so two
// merges into one lead unwind in order); then every lead the batch created goes to the bin
// (which stops any sequence it was enrolled in, as deleting does). Created leads are found by
// their ids (batch + row), so no index is needed. Work goes in pages; the event loop turns
// between them.
import type { ImportBatch, ImportRow } from '../../../src-shared/imports';
import type { CoreContext } from '../context';
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
    await turn();
  }
  return { removed, reverted };
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
