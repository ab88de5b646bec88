// The per-row report of a batch: a page of the rows with something to say, for the screen,
// and the whole report as CSV to download: every row in file order (a row imported cleanly
// reads "Imported" with its lead's name), with what happened to it in words.
import { leadDisplayName } from '../../../src-shared/domain';
import type { ImportBatch, ImportRow } from '../../../src-shared/imports';
import { CSV_BOM, csvLine } from '../../../src-shared/imports';
import type { ValidArgs } from '../../../src-shared/ipc/contract';
import type { ImportReportPage } from '../../../src-shared/ipc/imports';
import type { PorchlightDatabase } from '../store/collections';
import { importedLeadId } from './row-lead';
import { importRowId } from './run-import';

export async function reportPage(
  db: PorchlightDatabase,
  args: ValidArgs<'imports-report'>,
): Promise<ImportReportPage> {
  const selector = {
    batchId: args.id,
    ...(args.outcomes === undefined ? {} : { outcome: { $in: args.outcomes } }),
  };
  const [docs, total] = await Promise.all([
    db.import_rows
      .find({ selector, sort: [{ batchId: 'asc' }, { row: 'asc' }], skip: args.offset, limit: args.limit })
      .exec(),
    db.import_rows.count({ selector }).exec(),
  ]);
  return { rows: docs.map((d) => d.toMutableJSON()), total, offset: args.offset };
}

const outcomeWords: Record<ImportRow['outcome'], string> = {
  imported: 'Imported',
  merged: 'Merged',
  skipped: 'Skipped',
  refused: 'Refused',
};

const PAGE = 1_000;

export async function reportCsv(db: PorchlightDatabase, batch: ImportBatch): Promise<string> {
  let csv = CSV_BOM + csvLine(['Row', 'Result', 'Lead', 'Details']);
  for (let first = 2; first <= batch.checkpointRow; first += PAGE) {
    const rows = Array.from({ length: Math.min(PAGE, batch.checkpointRow - first + 1) }, (_, i) => first + i);
    const [records, leads] = await Promise.all([
      db.import_rows.findByIds(rows.map((row) => importRowId(batch.id, row))).exec(),
      db.leads.findByIds(rows.map((row) => importedLeadId(batch.id, row))).exec(),
    ]);
    for (const row of rows) {
      const record = records.get(importRowId(batch.id, row));
      const lead = leads.get(importedLeadId(batch.id, row));
      if (record !== undefined)
        csv += csvLine([row, outcomeWords[record.outcome], record.label, record.messages.join(' ')]);
      else if (lead !== undefined)
        csv += csvLine([row, 'Imported', leadDisplayName(lead) || lead.email || lead.phone, '']);
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
  return csv;
}

export function reportFileName(batch: ImportBatch): string {
  return `${batch.fileName.replace(/\.[^.]*$/, '')} - import report.csv`;
}
