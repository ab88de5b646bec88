// Backup and restore of the SQLite server (docs/sync.md): an online backup taken while the
// server runs, later changes, then the backup restored: the server serves the state at backup.
import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { PullResponse } from '../../src-shared/sync';
import { TEAM_POOL_OWNER_ID } from '../../src-shared/sync';
import { SqliteServerStorage } from '../../src-sync/storage/sqlite-storage';
import { leadDoc } from './documents';
import { bearer, createTeam, jsonInit, tempDir, testApp } from './harness';
import { repoRoot } from '../support/headless-process';

describe('backup', () => {
  it('the backup command copies a live database; restoring it brings back that state', async () => {
    const dir = tempDir();
    const file = join(dir.path, 'sync.sqlite');
    let storage = new SqliteServerStorage(file);
    await storage.migrate();
    let test = testApp(storage);
    const team = await createTeam(test);
    await test.app.request(
      '/sync/leads/push',
      jsonInit(team.admin, 'POST', {
        rows: [{ newDocumentState: leadDoc(team.teamId, TEAM_POOL_OWNER_ID, 'kept') }],
      }),
    );

    const backup = join(dir.path, 'backup.sqlite');
    execFileSync(
      process.execPath,
      ['--import', 'tsx', 'src-sync/cli.ts', 'backup', '--data', dir.path, '--to', backup],
      { cwd: repoRoot, stdio: 'pipe' },
    );
    await test.app.request(
      '/sync/leads/push',
      jsonInit(team.admin, 'POST', {
        rows: [{ newDocumentState: leadDoc(team.teamId, TEAM_POOL_OWNER_ID, 'after') }],
      }),
    );
    await storage.close();

    for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
    copyFileSync(backup, file);
    storage = new SqliteServerStorage(file);
    await storage.migrate();
    test = testApp(storage);
    const pulled = (await (
      await test.app.request('/sync/leads/pull', { headers: bearer(team.admin) })
    ).json()) as PullResponse;
    expect(pulled.documents.map((doc) => doc.id)).toEqual(['kept']);
    await storage.close();
    dir.remove();
  });
});
