// Drives an import through the contract the way the Import screen does: the file in base64
// chunks, inspect, start, then wait for the batch to leave "running" (told by imports-changed).
import type { HandlerArgs } from '../../../src-shared/ipc/contract';
import type { ImportInspection, ImportView } from '../../../src-shared/ipc/imports';
import type { TestCore } from './test-core';

export async function uploadFile(
  core: TestCore,
  fileName: string,
  bytes: Uint8Array,
  chunk = 1_048_576,
): Promise<string> {
  let id: string | undefined;
  for (let offset = 0; offset < bytes.length || offset === 0; offset += chunk) {
    const data = Buffer.from(bytes.subarray(offset, offset + chunk)).toString('base64');
    const result = await core.invoke('imports-upload', {
      ...(id === undefined ? {} : { id }),
      fileName,
      fileSize: bytes.length,
      offset,
      data,
    });
    id = result.id;
    if (bytes.length === 0) break;
  }
  if (id === undefined) throw new Error('nothing uploaded');
  return id;
}

export function finished(core: TestCore, id: string): Promise<ImportView> {
  return new Promise((resolve, reject) => {
    const check = (): void => {
      void core.invoke('imports-get', { id }).then((batch) => {
        if (batch !== null && batch.state !== 'running') {
          stop();
          resolve(batch);
        }
      }, reject);
    };
    const stop = core.ctx.events.on('imports-changed', (payload) => {
      if (payload.ids.includes(id)) check();
    });
    check();
  });
}

export interface ImportedFile {
  id: string;
  inspection: ImportInspection;
  batch: ImportView;
}

export async function importFile(
  core: TestCore,
  text: string | Uint8Array,
  options: Partial<Omit<HandlerArgs<'imports-start'>, 'id'>> & { fileName?: string; chunk?: number } = {},
): Promise<ImportedFile> {
  const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text;
  const id = await uploadFile(core, options.fileName ?? 'leads.csv', bytes, options.chunk);
  const inspection = await core.invoke('imports-inspect', { id });
  await core.invoke('imports-start', {
    id,
    preset: options.preset ?? inspection.preset,
    mapping: options.mapping ?? inspection.mapping,
    duplicates: options.duplicates ?? 'merge',
    ...(options.sequenceId === undefined ? {} : { sequenceId: options.sequenceId }),
  });
  return { id, inspection, batch: await finished(core, id) };
}
