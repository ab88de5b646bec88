// An import batch (one file imported once) and its per-row report, as stored. A batch carries
// its options, its counts and its checkpoint (rows fully written), so an import interrupted by
// a crash continues from there. Each row with something to say (refused, skipped, merged, kept
// with a field dropped) has its own report document, keyed batch + row; a row imported cleanly
// has none: its lead, whose id is made from batch + row, is its record.
import { z } from 'zod';
import { baseDocShape, epochMsSchema, idSchema, shortTextSchema } from '../domain/base';
import { importTargets } from './fields';
import { importPresets } from './presets';

export const duplicateChoices = ['skip', 'merge', 'create'] as const;
export const duplicateChoiceSchema = z.enum(duplicateChoices);
export type DuplicateChoice = z.infer<typeof duplicateChoiceSchema>;

export const importStatuses = ['staged', 'running', 'cancelled', 'done', 'failed', 'undone'] as const;
export const importStatusSchema = z.enum(importStatuses);
export type ImportStatus = z.infer<typeof importStatusSchema>;

export const importEncodingSchema = z.enum(['utf-8', 'utf-8-bom', 'windows-1252']);
export type ImportEncoding = z.infer<typeof importEncodingSchema>;
export const importDelimiterSchema = z.enum([',', ';', '\t']);
export type ImportDelimiter = z.infer<typeof importDelimiterSchema>;

export const columnMappingSchema = z.record(z.string().max(200), z.enum(importTargets));
export const importPresetSchema = z.enum(importPresets);

export const importCountsSchema = z.object({
  /** Data rows read from the file (the header row is not counted). */
  rowsRead: z.number().int().min(0),
  imported: z.number().int().min(0),
  merged: z.number().int().min(0),
  skipped: z.number().int().min(0),
  refused: z.number().int().min(0),
  /** Rows kept with a field dropped or corrected. */
  withWarnings: z.number().int().min(0),
});
export type ImportCounts = z.infer<typeof importCountsSchema>;

export const importBatchSchema = z.object({
  ...baseDocShape,
  fileName: shortTextSchema,
  fileSize: z.number().int().min(0),
  /** Bytes received so far while the file is being handed over. */
  bytesStaged: z.number().int().min(0),
  encoding: importEncodingSchema.optional(),
  delimiter: importDelimiterSchema.optional(),
  preset: importPresetSchema.optional(),
  mapping: columnMappingSchema.optional(),
  duplicates: duplicateChoiceSchema.optional(),
  /** A sequence chosen for the imported leads; without one they start nothing. */
  sequenceId: idSchema.optional(),
  status: importStatusSchema,
  counts: importCountsSchema,
  /** The last row fully written (report and leads); 1 = none yet (row 1 is the header). */
  checkpointRow: z.number().int().min(0),
  createdAt: epochMsSchema,
  startedAt: epochMsSchema.optional(),
  finishedAt: epochMsSchema.optional(),
  undoneAt: epochMsSchema.optional(),
  error: shortTextSchema.optional(),
});
export type ImportBatch = z.infer<typeof importBatchSchema>;

export const importOutcomes = ['imported', 'merged', 'skipped', 'refused'] as const;
export const importOutcomeSchema = z.enum(importOutcomes);
export type ImportOutcome = z.infer<typeof importOutcomeSchema>;

export const importRowSchema = z.object({
  ...baseDocShape,
  batchId: idSchema,
  /** The row's line in a spreadsheet: the header is row 1, the first lead row 2. */
  row: z.number().int().min(0).max(100_000_000).multipleOf(1),
  outcome: importOutcomeSchema,
  leadId: idSchema.optional(),
  /** The lead's name (or email, or phone) as the report shows it. */
  label: shortTextSchema.optional(),
  /** What happened, in words, one sentence each ("Row 14: phone ... was kept without a phone"). */
  messages: z.array(z.string().max(400)).max(30),
  /** For a merge: each field the merge changed, with its value before and after. */
  changes: z.record(z.string().max(40), z.object({ before: z.unknown(), after: z.unknown() })).optional(),
});
export type ImportRow = z.infer<typeof importRowSchema>;
