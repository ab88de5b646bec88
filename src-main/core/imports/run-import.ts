// Runs (or resumes) one import batch. The file is read in groups of rows; each group is
// written in this order, so a crash at any point leaves a state the next run completes:
//   1. the group's report rows (what each row became: imported / merged / skipped / refused);
//   2. the leads: new ones under ids made from batch + row (a second insert is a no-op), merges
//      into existing leads (a merge applied twice changes nothing more);
//   3. the batch's checkpoint (last row written) with its counts.
// A resumed run starts after the checkpoint; a row that already has a report row keeps the
// decision recorded there instead of deciding again (a clean row decided again is imported
// again under the same id: a no-op). Within a group every row is read first, the stored leads
// the rows match are fetched in one query, then each row is decided in file order. Duplicates
// are found in the run's contact map (contact-index.ts), new leads carry the scoring job's
// own score (import-scoring.ts), and writes go in slices of 100. The event loop turns every
// few rows, between slices and between groups (progress events go out, a cancel is seen), so
// the window stays responsive.
import type { Lead, Sequence } from '../../../src-shared/domain';
import type { ImportBatch, ImportCounts, ImportRow } from '../../../src-shared/imports';
import type { CoreContext } from '../context';
import { enrollLead } from '../enrollments/materialise';
import { changesBetween, mergeRowInto, type FieldChanges } from './merge-row';
import { readRowGroups, type CsvRow } from './read-rows';
import { indexStoreContacts, worthIndexing } from './contact-index';
import { rememberingContactReaders } from './contact-readers';
import { loadImportScoring, scoredLikeTheJob, type ImportScoring } from './import-scoring';
import { decideRow, labelOf, rememberContacts, type Decision, type RunDedupe } from './row-decision';
import { readLeadRow, type RowContext, type RowReading } from './row-lead';
import { removeStaged, stagedPath } from './staged-file';

export const GROUP_SIZE = 500;
/** Rows read between two turns of the event loop (a row costs well under a millisecond). */
const ROWS_PER_TURN = 40;

export function importRowId(batchId: string, row: number): string {
  return `${batchId}:${row}`;
}

export interface RunOptions {
  signal: AbortSignal;
  groupSize?: number;
  /** Called after each group is written (progress for the shell's events). */
  onProgress?: (batch: ImportBatch, bytesRead: number) => void;
}

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export async function runImport(
  ctx: CoreContext,
  batchId: string,
  options: RunOptions,
): Promise<ImportBatch> {
  const { db } = ctx;
  const doc = await db.imports.findOne(batchId).exec();
  if (doc === null) throw new Error(`import ${batchId} does not exist`);
  const batch = doc.toMutableJSON();
  const { encoding, delimiter, mapping, preset, duplicates } = batch;
  if (encoding === undefined || delimiter === undefined || mapping === undefined || preset === undefined)
    throw new Error(`import ${batchId} was started before it was inspected`);
  const sequence =
    batch.sequenceId === undefined
      ? undefined
      : (await db.sequences.findOne(batch.sequenceId).exec())?.toMutableJSON();
  const counts: ImportCounts = { ...batch.counts };
  const dedupe: RunDedupe = { contacts: new Map(), storeIndexed: false };
  const scoring = await loadImportScoring(ctx);
  const readers = rememberingContactReaders();
  let checkpointRow = batch.checkpointRow;
  try {
    if (duplicates !== 'create' && (await worthIndexing(db, batch.fileSize))) {
      await indexStoreContacts(db, dedupe.contacts);
      dedupe.storeIndexed = true;
    }
    const groups = readRowGroups(stagedPath(ctx.dataDir, batchId), {
      encoding,
      delimiter,
      groupSize: options.groupSize ?? GROUP_SIZE,
      afterRow: checkpointRow,
    });
    for await (const group of groups) {
      if (options.signal.aborted) break;
      if (group.rows.length === 0) continue;
      const rowCtx: RowContext = {
        batchId,
        preset,
        mapping,
        workspace: ctx.workspace,
        ownerId: batch.ownerId,
        importedAt: batch.startedAt ?? batch.createdAt,
        now: ctx.clock.now(),
        readers,
        scoredByCaller: true,
      };
      await writeGroup(ctx, rowCtx, group.rows, {
        duplicates: duplicates ?? 'merge',
        counts,
        dedupe,
        sequence,
        scoring,
      });
      checkpointRow = group.rows[group.rows.length - 1]?.row ?? checkpointRow;
      const saved = await doc.incrementalPatch({
        counts: { ...counts },
        checkpointRow,
        updatedAt: ctx.clock.now(),
      });
      options.onProgress?.(saved.toMutableJSON(), group.bytesRead);
      await yieldToEventLoop();
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const failed = await doc.incrementalPatch({
      status: 'failed',
      error: `The import stopped after row ${checkpointRow}: ${message}`.slice(0, 200),
      updatedAt: ctx.clock.now(),
    });
    return failed.toMutableJSON();
  }
  const cancelled = options.signal.aborted;
  const finished = await doc.incrementalPatch({
    status: cancelled ? 'cancelled' : 'done',
    finishedAt: ctx.clock.now(),
    updatedAt: ctx.clock.now(),
  });
  await removeStaged(ctx.dataDir, batchId);
  return finished.toMutableJSON();
}

interface GroupState {
  duplicates: NonNullable<ImportBatch['duplicates']>;
  counts: ImportCounts;
  dedupe: RunDedupe;
  sequence: Sequence | undefined;
  scoring: ImportScoring;
}

async function writeGroup(
  ctx: CoreContext,
  rowCtx: RowContext,
  rows: CsvRow[],
  state: GroupState,
): Promise<void> {
  const { db } = ctx;
  const recorded = await db.import_rows.findByIds(rows.map((r) => importRowId(rowCtx.batchId, r.row))).exec();
  const creates = new Map<string, Lead>();
  const merges = new Map<string, { before: Lead; after: Lead }>();
  const reports: ImportRow[] = [];
  // Every row is read first; the leads they match in the store (by the run's contact map) are
  // then fetched in one query, so a merge into a lead of an earlier group costs no query of its own.
  const readings: RowReading[] = [];
  for (const [index, csv] of rows.entries()) {
    if (index > 0 && index % ROWS_PER_TURN === 0) await yieldToEventLoop();
    readings.push(await readLeadRow(csv, rowCtx));
  }
  const stored = await storedMatches(db, readings, state.dedupe.contacts);
  const findLead = async (id: string): Promise<Lead | undefined> =>
    creates.get(id) ??
    merges.get(id)?.after ??
    stored.get(id) ??
    (await db.leads.findOne(id).exec())?.toMutableJSON();

  for (const [index, csv] of rows.entries()) {
    const reading = readings[index];
    if (reading === undefined) continue;
    if (index > 0 && index % (ROWS_PER_TURN * 5) === 0) await yieldToEventLoop();
    const prior = recorded.get(importRowId(rowCtx.batchId, csv.row))?.toMutableJSON();
    let decision: Decision;
    let changes: FieldChanges | undefined;
    if ('refused' in reading) decision = { outcome: 'refused', message: reading.refused };
    else if (prior !== undefined)
      decision = { outcome: prior.outcome, ...(prior.leadId ? { leadId: prior.leadId } : {}) };
    else decision = await decideRow(db, state.dedupe, reading.lead, state.duplicates, csv.row, findLead);

    if ('lead' in reading && decision.outcome === 'imported') {
      creates.set(reading.lead.id, reading.lead);
      rememberContacts(state.dedupe.contacts, reading.lead);
    } else if ('lead' in reading && decision.outcome === 'merged' && decision.leadId !== undefined) {
      const target = await findLead(decision.leadId);
      if (target !== undefined) {
        const after = await mergeRowInto(target, reading.lead, rowCtx.now);
        if (creates.has(target.id)) creates.set(target.id, after);
        else {
          changes = after === target ? {} : changesBetween(target, after);
          merges.set(target.id, { before: merges.get(target.id)?.before ?? target, after });
        }
        rememberContacts(state.dedupe.contacts, after);
      }
    }
    const messages = [...reading.messages, ...(decision.message === undefined ? [] : [decision.message])];
    state.counts.rowsRead += 1;
    state.counts[decision.outcome] += 1;
    if (reading.messages.length > 0 && (decision.outcome === 'imported' || decision.outcome === 'merged'))
      state.counts.withWarnings += 1;
    if (prior !== undefined) continue;
    if (decision.outcome === 'imported' && messages.length === 0) continue;
    const label = 'lead' in reading ? labelOf(reading.lead) : undefined;
    reports.push({
      id: importRowId(rowCtx.batchId, csv.row),
      teamId: ctx.workspace.teamId,
      ownerId: ctx.workspace.agentId,
      updatedAt: rowCtx.now,
      batchId: rowCtx.batchId,
      row: csv.row,
      outcome: decision.outcome,
      ...(decision.leadId === undefined ? {} : { leadId: decision.leadId }),
      ...(label === undefined ? {} : { label }),
      messages: messages.slice(0, 30),
      ...(changes === undefined || Object.keys(changes).length === 0 ? {} : { changes }),
    });
  }

  // 1. report rows, 2. leads, (3. the checkpoint is written by the caller).
  await insertIgnoringExisting(db.import_rows, reports);
  const created = [...creates.values()].map((lead) => scoredLikeTheJob(lead, state.scoring, rowCtx.now));
  await insertIgnoringExisting(db.leads, created);
  const changed = [...merges.values()].filter((m) => m.after !== m.before).map((m) => m.after);
  for (const slice of slices(changed)) {
    await db.leads.bulkUpsert(slice);
    await yieldToEventLoop();
  }
  if (state.sequence !== undefined) {
    for (const lead of created)
      await enrollLead(ctx, lead, state.sequence, { reason: 'chosen for the leads of an import' });
  }
}

/** The stored leads the run's contact map names for these readings' emails and phones. */
async function storedMatches(
  db: CoreContext['db'],
  readings: readonly RowReading[],
  contacts: RunDedupe['contacts'],
): Promise<Map<string, Lead>> {
  const ids = new Set<string>();
  for (const reading of readings) {
    if (!('lead' in reading)) continue;
    for (const contact of [reading.lead.email, reading.lead.phone]) {
      const id = contact === undefined ? undefined : contacts.get(contact);
      if (id !== undefined && id !== reading.lead.id) ids.add(id);
    }
  }
  if (ids.size === 0) return new Map();
  const docs = await db.leads.findByIds([...ids]).exec();
  return new Map([...docs.values()].map((doc) => [doc.id, doc.toMutableJSON()]));
}

async function insertIgnoringExisting<T extends { id: string }>(
  collection: { bulkInsert(docs: T[]): Promise<{ error: { status: number; documentId: string }[] }> },
  docs: T[],
): Promise<void> {
  for (const slice of slices(docs)) {
    const { error } = await collection.bulkInsert(slice);
    const real = error.filter((e) => e.status !== 409);
    if (real.length > 0)
      throw new Error(`${real.length} document(s) could not be written (${real[0]?.documentId})`);
    // What reacts to each written lead (scores, the engine, the screens) runs before the next slice.
    await yieldToEventLoop();
  }
}

/** Writes go to the store this many documents at a time: each is one short synchronous commit. */
const WRITE_SLICE = 100;

function slices<T>(docs: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < docs.length; i += WRITE_SLICE) out.push(docs.slice(i, i + WRITE_SLICE));
  return out;
}
