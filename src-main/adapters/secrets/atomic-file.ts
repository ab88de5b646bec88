// Replacing a file whole: a temporary file created with `mode`, written and fsynced, renamed
// over the target, then the folder fsynced, so after a crash the old or the new content is
// there, never a mix. Errors name the path and the errno only, never the content.
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync } from 'node:fs';
import { open, rename, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { SecretStoreError } from './errors';

export async function writeFileAtomic(
  path: string,
  content: string | Uint8Array,
  mode: number,
): Promise<void> {
  const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    const handle = await open(temp, 'wx', mode);
    try {
      await handle.writeFile(content);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
    if (process.platform !== 'win32') {
      const fd = openSync(dirname(path), 'r');
      try {
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    }
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw fileError('write', path, error);
  }
}

export function isMissing(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOENT';
}

export function fileError(action: 'read' | 'write', path: string, error: unknown): SecretStoreError {
  if (error instanceof SecretStoreError) return error;
  const code = error instanceof Error && 'code' in error ? String(error.code) : 'unknown error';
  return new SecretStoreError('io', `Could not ${action} ${path} (${code}).`);
}
