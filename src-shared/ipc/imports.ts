// The imports feature's contract: handing a CSV file to core (in base64 chunks, or by path on
// the desktop), inspecting it (encoding, delimiter, mapping, a preview), running, cancelling,
// resuming and undoing a batch, its report, and CSV export of a grid view.
import { z } from 'zod';
import type { LeadSource, LeadStage } from '../domain';
import { idSchema } from '../domain';
import type {
  ColumnMapping,
  ImportBatch,
  ImportCounts,
  ImportDelimiter,
  ImportEncoding,
  ImportOutcome,
  ImportPreset,
  ImportRow,
  ImportStatus,
} from '../imports';
import {
  columnMappingSchema,
  duplicateChoiceSchema,
  importOutcomeSchema,
  importPresetSchema,
} from '../imports';
import { leadsQuerySchema } from './leads';
import { newLeadOwnerSchema } from './routing';

/** Base64 of at most 1 MiB of the file per call. */
export const UPLOAD_CHUNK_BYTES = 1_048_576;
export const MAX_IMPORT_FILE_BYTES = 512 * 1_048_576;

export const exportColumns = [
  'name',
  'firstName',
  'lastName',
  'email',
  'phone',
  'temperature',
  'score',
  'stage',
  'source',
  'tags',
  'intent',
  'city',
  'state',
  'zip',
  'createdAt',
  'lastContactAt',
  'nextFollowUpAt',
  'notes',
] as const;
export type ExportColumn = (typeof exportColumns)[number];

export const importArgs = {
  /** The first chunk (offset 0, no id) opens a batch; `done` on the last one. */
  'imports-upload': z.object({
    id: idSchema.optional(),
    fileName: z.string().trim().min(1).max(200),
    fileSize: z.number().int().min(0).max(MAX_IMPORT_FILE_BYTES),
    offset: z.number().int().min(0),
    data: z.string().max(Math.ceil(UPLOAD_CHUNK_BYTES / 3) * 4),
  }),
  /** Desktop only: the shell's file dialog gives a path; core copies the file. */
  'imports-stage-path': z.object({ path: z.string().min(1).max(4096) }),
  'imports-inspect': z.object({
    id: idSchema,
    preset: importPresetSchema.optional(),
    mapping: columnMappingSchema.optional(),
    previewRows: z.number().int().min(1).max(50).default(10),
  }),
  'imports-start': z.object({
    id: idSchema,
    preset: importPresetSchema,
    mapping: columnMappingSchema,
    duplicates: duplicateChoiceSchema,
    sequenceId: idSchema.optional(),
    /** In a team: `team` hands the new leads to the team's routing; `mine` keeps them. */
    owner: newLeadOwnerSchema,
  }),
  'imports-resume': z.object({ id: idSchema }),
  'imports-cancel': z.object({ id: idSchema }),
  'imports-undo': z.object({ id: idSchema }),
  'imports-list': z.object({}).default({}),
  'imports-get': z.object({ id: idSchema }),
  'imports-report': z.object({
    id: idSchema,
    outcomes: z.array(importOutcomeSchema).optional(),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(500).default(100),
  }),
  'imports-report-csv': z.object({ id: idSchema }),
  'leads-export-csv': z.object({
    query: leadsQuerySchema.omit({ offset: true, limit: true }),
    columns: z.array(z.enum(exportColumns)).min(1).max(exportColumns.length),
  }),
};

/** A batch as the screen shows it; `interrupted` = it was running when the app stopped. */
export type ImportView = ImportBatch & { state: ImportStatus | 'interrupted' };

export interface PreviewLead {
  row: number;
  outcome: 'imported' | 'refused';
  name: string;
  email?: string;
  phone?: string;
  stage: LeadStage;
  source: LeadSource;
  tags: string[];
  messages: string[];
}

export interface ImportInspection {
  batch: ImportView;
  encoding: ImportEncoding;
  delimiter: ImportDelimiter;
  headers: string[];
  /** The detected preset, or the one asked for. */
  preset: ImportPreset;
  /** Remembered for this preset, else detected; or the one asked for. */
  mapping: ColumnMapping;
  mappingRemembered: boolean;
  /** What stops the import from starting with this mapping, in words. */
  problems: string[];
  preview: PreviewLead[];
}

export interface ImportProgress {
  id: string;
  state: ImportView['state'];
  counts: ImportCounts;
  bytesRead: number;
  fileSize: number;
  /** Estimated from the rate so far; absent until there is one. */
  msLeft?: number;
}

/** The rows with something to say (a row imported cleanly is only in the CSV report). */
export interface ImportReportPage {
  rows: ImportRow[];
  total: number;
  offset: number;
}

export interface ImportResults {
  'imports-upload': { id: string; bytesStaged: number; complete: boolean };
  'imports-stage-path': { id: string };
  'imports-inspect': ImportInspection;
  'imports-start': ImportView;
  'imports-resume': ImportView;
  'imports-cancel': ImportView;
  'imports-undo': { removed: number; reverted: number; batch: ImportView };
  'imports-list': ImportView[];
  'imports-get': ImportView | null;
  'imports-report': ImportReportPage;
  'imports-report-csv': { fileName: string; csv: string };
  'leads-export-csv': { fileName: string; csv: string; rows: number };
}

export interface ImportEvents {
  'imports-progress': ImportProgress;
  'imports-changed': { ids: string[] };
}

export type { ImportOutcome };
