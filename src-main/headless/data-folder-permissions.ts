// The data folder holds leads' personal data and the secrets file: only its owner may read it.
// Porchlight creates it 0700, but a folder made by hand, restored from a backup or copied
// keeps looser bits. On start the folder is tightened to 0700 and every file in it (the
// database, its WAL and shared-memory files, the lock, the secrets file) to 0600; a folder
// that cannot be tightened (another user's) is refused with the commands that fix it.
// Windows has no such mode bits (its folder under AppData is the user's own): nothing to do.
import { chmodSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export class DataFolderPermissionError extends Error {
  override readonly name = 'DataFolderPermissionError';
}

export interface Tightened {
  /** Paths whose permissions were looser than they should be, now fixed. */
  fixed: string[];
}

export function tightenDataFolder(dir: string, platform: NodeJS.Platform = process.platform): Tightened {
  if (platform === 'win32') return { fixed: [] };
  const fixed: string[] = [];
  const tighten = (path: string, mode: number): void => {
    const current = statSync(path).mode & 0o777;
    if ((current & ~mode) === 0) return;
    try {
      chmodSync(path, current & mode);
    } catch {
      throw new DataFolderPermissionError(
        `${path} can be read by other users (mode ${current.toString(8)}) and Porchlight cannot change that ` +
          `(is it another user's?). Run "chmod 700 '${dir}' && chmod 600 '${dir}'/*" as its owner, then start again.`,
      );
    }
    fixed.push(path);
  };
  tighten(dir, 0o700);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isFile()) tighten(join(dir, entry.name), 0o600);
    else if (entry.isDirectory()) tighten(join(dir, entry.name), 0o700);
  }
  return { fixed };
}
