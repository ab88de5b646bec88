// Inspecting a staged file before it is imported: encoding and delimiter, headers, the preset
// it looks like, the mapping (remembered for that preset, else detected) and a preview of the
// first rows as the leads they would become, with the same words the report will use.
import type { ColumnMapping, ImportBatch, ImportPreset } from '../../../src-shared/imports';
import { detectMapping, detectPreset, mappingConflicts, mappingProblem } from '../../../src-shared/imports';
import type { PreviewLead } from '../../../src-shared/ipc/imports';
import type { CoreContext } from '../context';
import { detectDelimiter, detectEncoding, readSample } from './file-format';
import { readRowGroups } from './read-rows';
import { labelOf } from './row-decision';
import { readLeadRow } from './row-lead';
import { applyRemembered, rememberedMapping } from './remembered-mapping';
import { stagedPath } from './staged-file';

export interface Inspected {
  batch: ImportBatch;
  headers: string[];
  preset: ImportPreset;
  mapping: ColumnMapping;
  mappingRemembered: boolean;
  problems: string[];
  preview: PreviewLead[];
}

export async function inspectBatch(
  ctx: CoreContext,
  batch: ImportBatch,
  asked: { preset?: ImportPreset | undefined; mapping?: ColumnMapping | undefined; previewRows: number },
): Promise<Inspected> {
  const path = stagedPath(ctx.dataDir, batch.id);
  const encoding = batch.encoding ?? (await detectEncoding(path));
  const delimiter = batch.delimiter ?? detectDelimiter(await readSample(path, encoding));
  let headers: string[] = [];
  const rows = [];
  for await (const group of readRowGroups(path, {
    encoding,
    delimiter,
    groupSize: 1000,
    limit: asked.previewRows,
  })) {
    headers = group.headers;
    rows.push(...group.rows);
  }
  const preset = asked.preset ?? detectPreset(headers);
  const remembered = asked.mapping === undefined ? await rememberedMapping(ctx, preset) : undefined;
  const mapping = asked.mapping ?? applyRemembered(detectMapping(headers, preset), remembered);
  const problems = [mappingProblem(mapping), ...mappingConflicts(mapping)].filter((p) => p !== undefined);
  const now = ctx.clock.now();
  const preview: PreviewLead[] = [];
  for (const row of rows.slice(0, asked.previewRows)) {
    const reading = await readLeadRow(row, {
      batchId: batch.id,
      preset,
      mapping,
      workspace: ctx.workspace,
      ownerId: ctx.workspace.agentId,
      importedAt: now,
      now,
    });
    if ('refused' in reading) {
      preview.push({
        row: row.row,
        outcome: 'refused',
        name: '',
        stage: 'new',
        source: 'import',
        tags: [],
        messages: [reading.refused],
      });
      continue;
    }
    const { lead } = reading;
    preview.push({
      row: row.row,
      outcome: 'imported',
      name: labelOf(lead),
      ...(lead.email === undefined ? {} : { email: lead.email }),
      ...(lead.phone === undefined ? {} : { phone: lead.phone }),
      stage: lead.stage,
      source: lead.source,
      tags: lead.tags,
      messages: reading.messages,
    });
  }
  const doc = await ctx.db.imports.findOne(batch.id).exec();
  const saved = await doc?.incrementalPatch({ encoding, delimiter, updatedAt: now });
  return {
    batch: saved?.toMutableJSON() ?? batch,
    headers,
    preset,
    mapping,
    mappingRemembered: remembered !== undefined,
    problems,
    preview,
  };
}
