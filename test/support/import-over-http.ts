// Imports a CSV file into a headless shell through its contract, as the Import screen does for
// a small file (one chunk): upload, inspect, start with the detected mapping, then wait until
// the batch is done. Used by the cross-process suites.
import { expect } from 'vitest';
import type { HandlerArgs } from '../../src-shared/ipc/contract';
import type { httpInvoker } from './invoke-http';

type Invoke = ReturnType<typeof httpInvoker>;

/** The import's id once it is done. */
export async function importOverHttp(
  invoke: Invoke,
  text: string,
  options: Pick<HandlerArgs<'imports-start'>, 'duplicates' | 'owner'> & {
    fileName: string;
    wait: { timeout: number; interval: number };
  },
): Promise<string> {
  const csv = Buffer.from(text);
  const { id } = await invoke('imports-upload', {
    fileName: options.fileName,
    fileSize: csv.length,
    offset: 0,
    data: csv.toString('base64'),
  });
  const inspection = await invoke('imports-inspect', { id });
  await invoke('imports-start', {
    id,
    preset: inspection.preset,
    mapping: inspection.mapping,
    duplicates: options.duplicates,
    ...(options.owner === undefined ? {} : { owner: options.owner }),
  });
  await expect.poll(async () => (await invoke('imports-get', { id }))?.state, options.wait).toBe('done');
  return id;
}
