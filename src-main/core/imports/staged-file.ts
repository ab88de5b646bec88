// Where a file being imported lives: a copy in the workspace's `imports` folder, named for its
// batch, kept until the batch is undone or the import finishes. Keeping a copy (not the
// user's path) is what lets an interrupted import resume from its checkpoint after a crash,
// and lets the headless shell receive the file over the contract in chunks.
import { copyFile, mkdir, open, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

export function stagedPath(dataDir: string, batchId: string): string {
  return join(dataDir, 'imports', `${batchId}.csv`);
}

async function ensureFolder(dataDir: string): Promise<void> {
  await mkdir(join(dataDir, 'imports'), { recursive: true, mode: 0o700 });
}

/** Writes `bytes` at `offset` (a chunk re-sent after a lost answer lands in the same place). */
export async function writeStagedChunk(
  dataDir: string,
  batchId: string,
  offset: number,
  bytes: Uint8Array,
): Promise<number> {
  await ensureFolder(dataDir);
  const handle = await open(stagedPath(dataDir, batchId), offset === 0 ? 'w' : 'r+', 0o600);
  try {
    await handle.write(bytes, 0, bytes.length, offset);
    await handle.truncate(offset + bytes.length);
  } finally {
    await handle.close();
  }
  return offset + bytes.length;
}

/** Copies a file the desktop's file dialog chose; returns its size. */
export async function stageFromPath(dataDir: string, batchId: string, path: string): Promise<number> {
  await ensureFolder(dataDir);
  await copyFile(path, stagedPath(dataDir, batchId));
  return (await stat(stagedPath(dataDir, batchId))).size;
}

export async function removeStaged(dataDir: string, batchId: string): Promise<void> {
  await rm(stagedPath(dataDir, batchId), { force: true });
}
