// The server's group commit: the writes of one turn share one transaction, each stays atomic,
// and none is seen or answered before the commit.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteGroupCommit } from './sqlite-group-commit';

describe('SqliteGroupCommit', () => {
  let db: Database.Database;
  let group: SqliteGroupCommit;

  beforeEach(() => {
    db = new Database(':memory:');
    db.exec('CREATE TABLE t (id TEXT PRIMARY KEY, n INTEGER NOT NULL)');
    group = new SqliteGroupCommit(db);
  });
  afterEach(() => db.close());

  const insert = (id: string, n: number) =>
    group.add({ execute: () => db.prepare('INSERT INTO t (id, n) VALUES (?, ?)').run(id, n).changes });
  const count = () => (db.prepare('SELECT count(*) AS c FROM t').get() as { c: number }).c;

  it('commits the writes of one turn as one transaction, in the order they were asked for', async () => {
    const order: string[] = [];
    const writes = ['a', 'b', 'c'].map((id, i) =>
      group.add({
        execute: () => {
          const before = count();
          db.prepare('INSERT INTO t (id, n) VALUES (?, ?)').run(id, i);
          return before;
        },
        committed: () => order.push(id),
      }),
    );
    // Nothing has run yet: a read in the same turn sees none of them.
    expect(count()).toBe(0);
    // Each later write read the earlier ones of its group.
    expect(await Promise.all(writes)).toEqual([0, 1, 2]);
    expect(order).toEqual(['a', 'b', 'c']);
    expect(group.stats).toEqual({ groups: 1, writes: 3 });
    expect(count()).toBe(3);
  });

  it('rolls back a write that fails alone; the others of its group commit', async () => {
    const first = insert('a', 1);
    const duplicate = insert('a', 2);
    const third = insert('b', 3);
    await expect(first).resolves.toBe(1);
    await expect(duplicate).rejects.toThrow(/UNIQUE/);
    await expect(third).resolves.toBe(1);
    expect(db.prepare('SELECT id, n FROM t ORDER BY id').all()).toEqual([
      { id: 'a', n: 1 },
      { id: 'b', n: 3 },
    ]);
  });

  it('a write asked for after a commit goes into the next group', async () => {
    await insert('a', 1);
    await insert('b', 2);
    expect(group.stats).toEqual({ groups: 2, writes: 2 });
  });

  it('rejects every write of a group whose BEGIN fails, and keeps working after', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'group-commit-'));
    const file = join(dir, 'busy.sqlite');
    const mine = new Database(file);
    mine.pragma('busy_timeout = 0');
    mine.exec('CREATE TABLE t (id TEXT PRIMARY KEY, n INTEGER NOT NULL)');
    const other = new Database(file);
    const fileGroup = new SqliteGroupCommit(mine);
    const write = (id: string) =>
      fileGroup.add({ execute: () => mine.prepare('INSERT INTO t (id, n) VALUES (?, 1)').run(id).changes });
    try {
      other.exec('BEGIN IMMEDIATE'); // another process holds the file's write lock
      await expect(Promise.all([write('a'), write('b')])).rejects.toThrow(/locked|busy/i);
      other.exec('ROLLBACK');
      await expect(write('c')).resolves.toBe(1);
      expect(mine.prepare('SELECT id FROM t').all()).toEqual([{ id: 'c' }]);
    } finally {
      other.close();
      mine.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('flush commits what is queued at once (before the file closes)', async () => {
    const write = insert('a', 1);
    group.flush();
    expect(count()).toBe(1);
    await expect(write).resolves.toBe(1);
  });
});
