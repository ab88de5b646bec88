// The imports feature: a CSV file handed over in chunks (or by path on the desktop), inspected,
// imported in the background with progress events, cancelled, resumed after a crash, undone;
// its report as a page or a CSV; and CSV export of a grid view. Running imports live here,
// for the lifetime of the app; a batch stored as running with no job here was interrupted.
import { randomUUID } from 'node:crypto';
import type { ImportBatch } from '../../../src-shared/imports';
import type { ValidArgs } from '../../../src-shared/ipc/contract';
import { PorchlightError } from '../../../src-shared/ipc/errors';
import type { ImportInspection, ImportView } from '../../../src-shared/ipc/imports';
import type { CoreContext } from '../context';
import { ownerOfNewLead } from '../routing/new-lead-owner';
import { exportLeadsCsv } from './export-leads';
import { inspectBatch } from './inspect';
import { rememberMapping } from './remembered-mapping';
import { reportCsv, reportFileName, reportPage } from './report';
import { runImport } from './run-import';
import { removeStaged, stageFromPath, writeStagedChunk } from './staged-file';
import { undoImport } from './undo';
import { mappingConflicts, mappingProblem } from '../../../src-shared/imports';

interface Job {
  controller: AbortController;
  done: Promise<ImportBatch>;
}

const emptyCounts = { rowsRead: 0, imported: 0, merged: 0, skipped: 0, refused: 0, withWarnings: 0 };

export function importHandlers(ctx: CoreContext) {
  const { db, clock, events, workspace } = ctx;
  const jobs = new Map<string, Job>();

  // Running while its job lives (the job's last write lands before the job is gone); a batch
  // left running with no job was interrupted.
  const view = (batch: ImportBatch): ImportView => ({
    ...batch,
    state: jobs.has(batch.id) ? 'running' : batch.status === 'running' ? 'interrupted' : batch.status,
  });

  async function requireBatch(id: string): Promise<ImportBatch> {
    const doc = await db.imports.findOne(id).exec();
    if (doc === null) throw new PorchlightError('not_found', `Import ${id} was not found.`);
    return doc.toMutableJSON();
  }

  function announce(batch: ImportBatch, bytesRead: number, startedAt: number, startBytes: number): void {
    const elapsed = clock.now() - startedAt;
    const rate = elapsed > 0 ? (bytesRead - startBytes) / elapsed : 0;
    const left = batch.fileSize - bytesRead;
    events.emit('imports-progress', {
      id: batch.id,
      state: view(batch).state,
      counts: batch.counts,
      bytesRead,
      fileSize: batch.fileSize,
      ...(rate > 0 && batch.status === 'running' ? { msLeft: Math.max(0, Math.round(left / rate)) } : {}),
    });
  }

  function startJob(id: string, startBytes: number): void {
    const controller = new AbortController();
    const startedAt = clock.now();
    const done = runImport(ctx, id, {
      signal: controller.signal,
      onProgress: (batch, bytesRead) => announce(batch, bytesRead, startedAt, startBytes),
    }).finally(() => jobs.delete(id));
    jobs.set(id, { controller, done });
    void done.then((batch) => {
      announce(batch, batch.fileSize, startedAt, startBytes);
      // The job ended: the batch's view (running or interrupted) reads the jobs too, not only
      // the document, so this one is announced by hand.
      // eslint-disable-next-line no-restricted-syntax -- the job's end is not a document write
      events.emit('imports-changed', { ids: [id] });
    });
  }

  async function patch(id: string, fields: Partial<ImportBatch>): Promise<ImportBatch> {
    const doc = await db.imports.findOne(id).exec();
    if (doc === null) throw new PorchlightError('not_found', `Import ${id} was not found.`);
    const saved = await doc.incrementalPatch({ ...fields, updatedAt: clock.now() });
    return saved.toMutableJSON();
  }

  async function newBatch(fileName: string, fileSize: number): Promise<ImportBatch> {
    const now = clock.now();
    const batch: ImportBatch = {
      id: randomUUID(),
      teamId: workspace.teamId,
      ownerId: workspace.agentId,
      updatedAt: now,
      fileName: fileName.slice(0, 200),
      fileSize,
      bytesStaged: 0,
      status: 'staged',
      counts: { ...emptyCounts },
      checkpointRow: 1,
      createdAt: now,
    };
    await db.imports.insert(batch);
    return batch;
  }

  function requireStaged(batch: ImportBatch): void {
    if (batch.bytesStaged < batch.fileSize)
      throw new PorchlightError(
        'conflict',
        `"${batch.fileName}" has not been received in full; choose the file again.`,
      );
    if (batch.status !== 'staged')
      throw new PorchlightError(
        'conflict',
        `"${batch.fileName}" was already imported; choose the file again to import it once more.`,
      );
  }

  return {
    'imports-upload': async (args: ValidArgs<'imports-upload'>) => {
      const batch =
        args.id === undefined ? await newBatch(args.fileName, args.fileSize) : await requireBatch(args.id);
      if (args.offset !== batch.bytesStaged && args.offset !== 0)
        throw new PorchlightError(
          'conflict',
          `Expected the part of the file from byte ${batch.bytesStaged}.`,
        );
      const bytes = Buffer.from(args.data, 'base64');
      const bytesStaged = await writeStagedChunk(ctx.dataDir, batch.id, args.offset, bytes);
      await patch(batch.id, { bytesStaged });
      return { id: batch.id, bytesStaged, complete: bytesStaged >= batch.fileSize };
    },
    'imports-stage-path': async (args: ValidArgs<'imports-stage-path'>) => {
      if (ctx.shell !== 'desktop')
        throw new PorchlightError(
          'unavailable',
          'Importing by path works in the desktop app; choose the file instead.',
        );
      const name = args.path.split(/[\\/]/).pop() ?? 'import.csv';
      const batch = await newBatch(name, 0);
      const size = await stageFromPath(ctx.dataDir, batch.id, args.path);
      await patch(batch.id, { fileSize: size, bytesStaged: size });
      return { id: batch.id };
    },
    'imports-inspect': async (args: ValidArgs<'imports-inspect'>): Promise<ImportInspection> => {
      const batch = await requireBatch(args.id);
      requireStaged(batch);
      const inspected = await inspectBatch(ctx, batch, args);
      const { encoding, delimiter } = inspected.batch;
      if (encoding === undefined || delimiter === undefined)
        throw new Error('inspection did not save the format');
      return { ...inspected, batch: view(inspected.batch), encoding, delimiter };
    },
    'imports-start': async (args: ValidArgs<'imports-start'>): Promise<ImportView> => {
      const batch = await requireBatch(args.id);
      requireStaged(batch);
      if (batch.encoding === undefined) throw new PorchlightError('conflict', 'Look at the preview first.');
      const problems = [mappingProblem(args.mapping), ...mappingConflicts(args.mapping)].filter(
        (p) => p !== undefined,
      );
      if (problems.length > 0)
        throw new PorchlightError('validation', problems.join(' '), { mapping: problems.join(' ') });
      if (args.sequenceId !== undefined && (await db.sequences.findOne(args.sequenceId).exec()) === null)
        throw new PorchlightError('validation', 'That sequence no longer exists; choose another or none.', {
          sequenceId: 'choose another sequence or none',
        });
      await rememberMapping(ctx, args.preset, args.mapping);
      const started = await patch(args.id, {
        preset: args.preset,
        mapping: args.mapping,
        duplicates: args.duplicates,
        ...(args.sequenceId === undefined ? {} : { sequenceId: args.sequenceId }),
        // The batch stays on this desktop; its owner is whom the leads it makes go to (0901).
        ownerId: ownerOfNewLead(workspace, args.owner === 'mine'),
        status: 'running',
        startedAt: clock.now(),
      });
      startJob(args.id, 0);
      return view(started);
    },
    'imports-resume': async (args: ValidArgs<'imports-resume'>): Promise<ImportView> => {
      const batch = await requireBatch(args.id);
      const state = view(batch).state;
      if (state !== 'interrupted' && state !== 'failed')
        throw new PorchlightError(
          'conflict',
          `This import is ${state}; only an interrupted or failed import can resume.`,
        );
      const resumed = await patch(args.id, { status: 'running' });
      startJob(args.id, 0);
      return view(resumed);
    },
    'imports-cancel': async (args: ValidArgs<'imports-cancel'>): Promise<ImportView> => {
      const job = jobs.get(args.id);
      if (job !== undefined) {
        job.controller.abort();
        return view(await job.done);
      }
      const batch = await requireBatch(args.id);
      if (view(batch).state !== 'interrupted') return view(batch);
      await removeStaged(ctx.dataDir, args.id);
      return view(await patch(args.id, { status: 'cancelled', finishedAt: clock.now() }));
    },
    'imports-undo': async (args: ValidArgs<'imports-undo'>) => {
      const batch = await requireBatch(args.id);
      if (jobs.has(args.id))
        throw new PorchlightError('conflict', 'The import is still running; cancel it first, then undo.');
      if (batch.status === 'undone') throw new PorchlightError('conflict', 'This import was already undone.');
      const result = await undoImport(ctx, batch);
      await removeStaged(ctx.dataDir, args.id);
      const undone = await patch(args.id, { status: 'undone', undoneAt: clock.now() });
      return { ...result, batch: view(undone) };
    },
    'imports-list': async (): Promise<ImportView[]> => {
      const docs = await db.imports.find({ selector: {}, sort: [{ createdAt: 'desc' }], limit: 50 }).exec();
      return docs.map((d) => view(d.toMutableJSON())).filter((b) => b.bytesStaged >= b.fileSize);
    },
    'imports-get': async (args: ValidArgs<'imports-get'>): Promise<ImportView | null> => {
      const doc = await db.imports.findOne(args.id).exec();
      return doc === null ? null : view(doc.toMutableJSON());
    },
    'imports-report': (args: ValidArgs<'imports-report'>) => reportPage(db, args),
    'imports-report-csv': async (args: ValidArgs<'imports-report-csv'>) => {
      const batch = await requireBatch(args.id);
      return { fileName: reportFileName(batch), csv: await reportCsv(db, batch) };
    },
    'leads-export-csv': async (args: ValidArgs<'leads-export-csv'>) => {
      const { csv, rows } = await exportLeadsCsv(db, args);
      const day = new Date(clock.now()).toISOString().slice(0, 10);
      return { fileName: `Porchlight leads ${day}.csv`, csv, rows };
    },
  };
}

export type ImportHandlers = ReturnType<typeof importHandlers>;
