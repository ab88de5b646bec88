// CSV export of a grid view: the same filter and order as the grid (its sort, ties by id as
// the grid pages them), the columns it shows in the order it shows them, every matching lead
// (read in pages). Cells go through csvCell, which neutralises formulas.
import type { Lead } from '../../../src-shared/domain';
import { leadDisplayName, leadSourceLabels } from '../../../src-shared/domain';
import { CSV_BOM, csvLine } from '../../../src-shared/imports';
import type { ValidArgs } from '../../../src-shared/ipc/contract';
import type { ExportColumn } from '../../../src-shared/ipc/imports';
import { leadIndex, leadSelector, leadSort } from '../leads/query';
import type { PorchlightDatabase } from '../store/collections';

const PAGE = 1_000;

const dateOf = (at: number | undefined): string =>
  at === undefined || at === 0 ? '' : new Date(at).toISOString();

export const exportColumnHeaders: Record<ExportColumn, [string, (lead: Lead) => string | number]> = {
  name: ['Name', (l) => leadDisplayName(l)],
  firstName: ['First Name', (l) => l.firstName],
  lastName: ['Last Name', (l) => l.lastName],
  email: ['Email', (l) => l.email ?? ''],
  phone: ['Phone', (l) => l.phone ?? ''],
  temperature: ['Temperature', (l) => l.temperature],
  score: ['Score', (l) => l.score],
  stage: ['Stage', (l) => l.stage],
  source: ['Source', (l) => leadSourceLabels[l.source]],
  tags: ['Tags', (l) => l.tags.join(', ')],
  intent: ['Looking To', (l) => l.intent],
  city: ['City', (l) => l.address?.city ?? ''],
  state: ['State', (l) => l.address?.state ?? ''],
  zip: ['Zip', (l) => l.address?.zip ?? ''],
  createdAt: ['Created', (l) => dateOf(l.createdAt)],
  lastContactAt: ['Last Contact', (l) => dateOf(l.lastContactAt)],
  nextFollowUpAt: ['Next Follow-up', (l) => dateOf(l.nextFollowUpAt)],
  notes: ['Notes', (l) => l.notes ?? ''],
};

export async function exportLeadsCsv(
  db: PorchlightDatabase,
  args: ValidArgs<'leads-export-csv'>,
): Promise<{ csv: string; rows: number }> {
  const columns = args.columns.map((c) => exportColumnHeaders[c]);
  let csv = CSV_BOM + csvLine(columns.map(([header]) => header));
  const selector = leadSelector(args.query);
  const index = leadIndex(args.query);
  let rows = 0;
  for (let offset = 0; ; offset += PAGE) {
    const page = await db.leads
      .find({
        selector,
        sort: leadSort(args.query.sort),
        skip: offset,
        limit: PAGE,
        ...(index === undefined ? {} : { index }),
      })
      .exec();
    for (const doc of page) csv += csvLine(columns.map(([, value]) => value(doc)));
    rows += page.length;
    if (page.length < PAGE) break;
    await new Promise((resolve) => setImmediate(resolve));
  }
  return { csv, rows };
}
