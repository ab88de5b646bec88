import type { DuplicateChoice, ImportOutcome } from '../../../src-shared/imports';
import type { ImportView } from '../../../src-shared/ipc/imports';

export const duplicateLabels: Record<DuplicateChoice, string> = {
  merge: 'Merge into the existing lead (fill empty fields, add tags and notes)',
  skip: 'Skip the row',
  create: 'Create a new lead anyway',
};

export const outcomeLabels: Record<ImportOutcome, string> = {
  imported: 'Imported',
  merged: 'Merged',
  skipped: 'Skipped',
  refused: 'Refused',
};

export const stateLabels: Record<ImportView['state'], string> = {
  staged: 'Not started',
  running: 'Importing',
  interrupted: 'Interrupted',
  cancelled: 'Cancelled',
  done: 'Done',
  failed: 'Stopped',
  undone: 'Undone',
};

export const encodingLabels = {
  'utf-8': 'UTF-8',
  'utf-8-bom': 'UTF-8 (with BOM)',
  'windows-1252': 'Windows-1252',
};
export const delimiterLabels = { ',': 'commas', ';': 'semicolons', '\t': 'tabs' };

export function formatDuration(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}
