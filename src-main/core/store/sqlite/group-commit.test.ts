import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GroupCommit, type GroupStep } from './group-commit';

let db: Database.Database;

beforeEach(() => {
  db = new Database(':memory:');
  db.exec('CREATE TABLE t (v INTEGER PRIMARY KEY)');
});

afterEach(() => db.close());

/** A write of one row; `fail` throws inside its savepoint, after the insert. */
function insert(v: number, fail = false): GroupStep<number> {
  return {
    execute: () => {
      db.prepare('INSERT INTO t (v) VALUES (?)').run(v);
      if (fail) throw new Error(`refused ${v}`);
      return v;
    },
    applied: () => undefined,
    committed: () => undefined,
    rolledBack: () => undefined,
    explain: (error) => (error instanceof Error ? error : new Error(String(error))),
  };
}

const stored = () => db.prepare('SELECT v FROM t ORDER BY v').pluck().all() as number[];

describe('group commit', () => {
  it('commits the writes of one turn as one group, in order, and none before the turn ends', async () => {
    const group = new GroupCommit(db);
    const order: number[] = [];
    const writes = [3, 1, 2].map((v) => group.add(insert(v)).then((r) => order.push(r)));
    expect(stored()).toEqual([]);
    await Promise.all(writes);
    expect(order).toEqual([3, 1, 2]);
    expect(stored()).toEqual([1, 2, 3]);
    expect(group.stats).toEqual({ groups: 1, writes: 3 });
  });

  it('commits what is queued at once on flush (before a close)', async () => {
    const group = new GroupCommit(db);
    const writes = [1, 2].map((v) => group.add(insert(v)));
    group.flush();
    expect(stored()).toEqual([1, 2]);
    await Promise.all(writes);
    expect(group.stats.groups).toBe(1);
  });

  it('rolls back a failing write alone: the others of its group commit', async () => {
    const group = new GroupCommit(db);
    const ok = group.add(insert(1));
    const refused = group.add(insert(2, true));
    const after = group.add(insert(3));
    await expect(refused).rejects.toThrow('refused 2');
    expect(await Promise.all([ok, after])).toEqual([1, 3]);
    expect(stored()).toEqual([1, 3]);
  });
});
