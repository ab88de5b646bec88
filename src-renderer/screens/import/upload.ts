// Hands a chosen file to core in 1 MiB base64 chunks (the contract carries text, and the
// headless shell has no path to the browser's file). Core writes each chunk at its offset.
import type { Bridge } from '../../../src-shared/ipc/contract';
import { UPLOAD_CHUNK_BYTES } from '../../../src-shared/ipc/imports';

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export async function uploadFile(
  bridge: Bridge,
  file: File,
  onProgress: (sent: number) => void,
): Promise<string> {
  let id: string | undefined;
  let offset = 0;
  do {
    const bytes = new Uint8Array(await file.slice(offset, offset + UPLOAD_CHUNK_BYTES).arrayBuffer());
    const result = await bridge.invoke('imports-upload', {
      ...(id === undefined ? {} : { id }),
      fileName: file.name,
      fileSize: file.size,
      offset,
      data: toBase64(bytes),
    });
    id = result.id;
    offset = result.bytesStaged;
    onProgress(offset);
  } while (offset < file.size);
  return id;
}
