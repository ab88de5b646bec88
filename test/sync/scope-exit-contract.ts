// The server-storage contract's pull rules (SS15..SS18): pull pages carry the stored JSON text,
// and a document whose owner changes leaves its former owner's pulls as a scope exit (SY-S6).
// test/sync/server-storage.test.ts runs it on SQLite and PostgreSQL beside the main contract.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WireDocument } from '../../src-shared/sync';
import type { ServerStorage } from '../../src-sync/storage/server-storage';
import type { StorageFactory } from './server-storage-contract';

const doc = (id: string, ownerId: string, fields: Record<string, unknown> = {}): WireDocument => ({
  id,
  ownerId,
  ...fields,
  _deleted: false,
});

async function put(storage: ServerStorage, docs: WireDocument[]): Promise<void> {
  await storage.writeDocuments(
    't1',
    'leads',
    docs.map((d) => String(d.id)),
    () => ({
      writes: docs.map((d) => ({ id: String(d.id), ownerId: String(d.ownerId), doc: d })),
      result: undefined,
    }),
  );
}

const ANN = ['ann', 'team-pool'];

export function registerScopeExitContractTests(factory: StorageFactory): void {
  describe(`server storage contract, pulls and scope exits: ${factory.name}`, () => {
    let storage: ServerStorage;
    let dispose: () => Promise<void>;
    beforeEach(async () => {
      ({ storage, dispose } = await factory.create());
      await storage.createTeam({ id: 't1', name: 'Lakeside Realty', createdAt: 1 });
    });
    afterEach(async () => dispose());

    const pull = async (owners: readonly string[] | null, after = 0, limit = 10) =>
      (await storage.pullChanges('t1', 'leads', after, limit, owners)).map((row) => [
        row.id,
        row.seq,
        row.scopeExit,
      ]);

    it('SS15 a pull page is the stored JSON text, in seq order, filtered by owner', async () => {
      const odd = doc('odd', 'ann', { text: 'Zoë 💩 \u0000', big: 253_402_300_799_999 });
      await put(storage, [odd, doc('bobs', 'bob')]);
      const [row] = await storage.pullChanges('t1', 'leads', 0, 10, ANN);
      expect(row?.scopeExit).toBe(false);
      expect(JSON.parse(row?.data ?? 'null')).toEqual(odd);
      expect(await pull(null)).toEqual([
        ['odd', 1, false],
        ['bobs', 2, false],
      ]);
    });

    it('SS16 a reassigned document leaves its former owner’s pulls at the seq of the change; others keep it', async () => {
      await put(storage, [doc('a', 'ann'), doc('b', 'ann')]);
      await put(storage, [doc('a', 'bob', { v: 2 })]);
      expect(await pull(ANN)).toEqual([
        ['b', 2, false],
        ['a', 3, true],
      ]);
      expect(await pull(ANN, 3)).toEqual([]);
      // Bob sees it as his; an admin sees it; the server still holds it, whole.
      expect(await pull(['bob', 'team-pool'])).toEqual([['a', 3, false]]);
      expect(await pull(null)).toEqual([
        ['b', 2, false],
        ['a', 3, false],
      ]);
      // Bob's later edits never reach Ann: her exit stays at seq 3.
      await put(storage, [doc('a', 'bob', { v: 3 })]);
      expect(await pull(ANN, 3)).toEqual([]);
      expect(await pull(ANN)).toEqual([
        ['b', 2, false],
        ['a', 3, true],
      ]);
    });

    it('SS17 a document that comes back to its owner, or moves into the pool, has no exit for them', async () => {
      await put(storage, [doc('a', 'ann')]);
      await put(storage, [doc('a', 'bob')]);
      await put(storage, [doc('a', 'ann')]);
      expect(await pull(ANN)).toEqual([['a', 3, false]]);
      await put(storage, [doc('p', 'bob')]);
      await put(storage, [doc('p', 'team-pool')]);
      expect(await pull(['bob', 'team-pool'], 3)).toEqual([['p', 5, false]]);
    });

    it('SS18 exits and documents share one page limit; scopeExitsOf names only former owners’ documents', async () => {
      await put(storage, [doc('a', 'ann'), doc('b', 'ann'), doc('c', 'ann')]);
      await put(storage, [doc('a', 'bob')]);
      await put(storage, [doc('d', 'ann')]);
      expect(await pull(ANN, 0, 3)).toEqual([
        ['b', 2, false],
        ['c', 3, false],
        ['a', 4, true],
      ]);
      expect(await pull(ANN, 4, 3)).toEqual([['d', 5, false]]);
      const left = await storage.scopeExitsOf('t1', 'leads', ['a', 'b', 'zzz'], ANN);
      expect(left.map((row) => [row.id, row.ownerId])).toEqual([['a', 'bob']]);
      expect(await storage.scopeExitsOf('t1', 'leads', ['a'], ['cleo', 'team-pool'])).toEqual([]);
      // An erasure's outright removal takes the exit with it.
      await storage.deleteDocuments('t1', 'leads', ['a']);
      expect(await pull(ANN)).toEqual([
        ['b', 2, false],
        ['c', 3, false],
        ['d', 5, false],
      ]);
    });
  });
}
