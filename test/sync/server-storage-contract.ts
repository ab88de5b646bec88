// The server-storage contract (tldraw-style): every ServerStorage passes the same rules, each
// with a stable id the test names carry. test/sync/server-storage.test.ts runs it on SQLite and
// PostgreSQL.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WireDocument } from '../../src-shared/sync';
import {
  DuplicateEmailError,
  type AccountRecord,
  type ChangeNotice,
  type ServerStorage,
} from '../../src-sync/storage/server-storage';

export interface StorageFactory {
  name: string;
  create: () => Promise<{ storage: ServerStorage; dispose: () => Promise<void> }>;
}

const doc = (id: string, fields: Record<string, unknown> = {}): WireDocument => ({
  id,
  ...fields,
  _deleted: false,
});

function account(id: string, teamId: string, email: string): AccountRecord {
  return { id, teamId, email, name: id, role: 'agent', active: true, passwordHash: null, createdAt: 1 };
}

async function put(
  storage: ServerStorage,
  teamId: string,
  collection: string,
  docs: WireDocument[],
  ownerId: string | null = null,
) {
  await storage.writeDocuments(
    teamId,
    collection,
    docs.map((d) => String(d.id)),
    () => ({
      writes: docs.map((d) => ({ id: String(d.id), ownerId, doc: d })),
      result: undefined,
    }),
  );
}

export function registerServerStorageContractTests(factory: StorageFactory): void {
  describe(`server storage contract: ${factory.name}`, () => {
    let storage: ServerStorage;
    let dispose: () => Promise<void>;
    beforeEach(async () => {
      ({ storage, dispose } = await factory.create());
      await storage.createTeam({ id: 't1', name: 'Lakeside Realty', createdAt: 1 });
      await storage.createTeam({ id: 't2', name: 'Hilltop Homes', createdAt: 1 });
    });
    afterEach(async () => dispose());

    it('SS1 every write takes the next seq of its team, across collections, in commit order', async () => {
      await put(storage, 't1', 'leads', [doc('a'), doc('b')]);
      await put(storage, 't1', 'messages', [doc('m')]);
      await put(storage, 't1', 'leads', [doc('a', { v: 2 })]);
      const leads = await storage.changesSince('t1', 'leads', 0, 10, null);
      expect(leads.map((row) => [row.id, row.seq])).toEqual([
        ['b', 2],
        ['a', 4],
      ]);
      expect(await storage.latestSeq('t1')).toBe(4);
      expect(await storage.latestSeq('t2')).toBe(0);
    });

    it('SS2 changesSince returns changes after the checkpoint, in order, at most limit', async () => {
      await put(storage, 't1', 'leads', [doc('a'), doc('b'), doc('c')]);
      const first = await storage.changesSince('t1', 'leads', 0, 2, null);
      expect(first.map((row) => row.id)).toEqual(['a', 'b']);
      const rest = await storage.changesSince('t1', 'leads', first.at(-1)?.seq ?? 0, 2, null);
      expect(rest.map((row) => row.id)).toEqual(['c']);
    });

    it('SS3 an owner filter returns only those owners’ documents', async () => {
      await put(storage, 't1', 'leads', [doc('mine')], 'ann');
      await put(storage, 't1', 'leads', [doc('pool')], 'team-pool');
      await put(storage, 't1', 'leads', [doc('bobs')], 'bob');
      const seen = await storage.changesSince('t1', 'leads', 0, 10, ['ann', 'team-pool']);
      expect(seen.map((row) => row.id)).toEqual(['mine', 'pool']);
    });

    it('SS4 teams never see each other’s documents', async () => {
      await put(storage, 't1', 'leads', [doc('a', { name: 'one' })]);
      await put(storage, 't2', 'leads', [doc('a', { name: 'two' })]);
      expect((await storage.changesSince('t2', 'leads', 0, 10, null)).map((row) => row.doc.name)).toEqual([
        'two',
      ]);
      expect((await storage.readDocuments('t1', 'leads', ['a'])).get('a')?.doc.name).toBe('one');
    });

    it('SS5 decide sees the committed state: concurrent read-modify-writes lose no update', async () => {
      await put(storage, 't1', 'counters', [doc('c', { n: 0 })]);
      await Promise.all(
        Array.from({ length: 20 }, () =>
          storage.writeDocuments('t1', 'counters', ['c'], (current) => {
            const n = Number(current.get('c')?.doc.n ?? 0);
            return { writes: [{ id: 'c', ownerId: null, doc: doc('c', { n: n + 1 }) }], result: undefined };
          }),
        ),
      );
      expect((await storage.readDocuments('t1', 'counters', ['c'])).get('c')?.doc.n).toBe(20);
    });

    it('SS6 a document round-trips exactly, including unicode, \\u0000 and large numbers', async () => {
      const odd = doc('odd', {
        text: 'Zoë 💩 \u0000 "quoted"',
        big: 253_402_300_799_999,
        nested: { list: [1, 'two', null] },
      });
      await put(storage, 't1', 'leads', [odd]);
      expect((await storage.readDocuments('t1', 'leads', ['odd'])).get('odd')?.doc).toEqual(odd);
    });

    it('SS7 a failed decide stores nothing and uses no seq', async () => {
      await expect(
        storage.writeDocuments('t1', 'leads', ['a'], () => {
          throw new Error('refused');
        }),
      ).rejects.toThrow('refused');
      expect(await storage.latestSeq('t1')).toBe(0);
      expect(await storage.changesSince('t1', 'leads', 0, 10, null)).toEqual([]);
    });

    it('SS8 change notices arrive after commit with the last seq', async () => {
      const notices: ChangeNotice[] = [];
      const stop = storage.onChange((notice) => notices.push(notice));
      await put(storage, 't1', 'leads', [doc('a'), doc('b')]);
      for (let i = 0; i < 100 && notices.length === 0; i++)
        await new Promise((resolve) => setTimeout(resolve, 20));
      stop();
      expect(notices).toEqual([{ teamId: 't1', collection: 'leads', seq: 2 }]);
    });

    it('SS9 an email has one account; accounts update and list by team', async () => {
      await storage.createAccount(account('a1', 't1', 'jane@example.com'));
      await expect(storage.createAccount(account('a2', 't2', 'jane@example.com'))).rejects.toBeInstanceOf(
        DuplicateEmailError,
      );
      await storage.updateAccount('a1', { role: 'admin', active: false, passwordHash: 'scrypt$x' });
      expect(await storage.findAccountByEmail('jane@example.com')).toMatchObject({
        role: 'admin',
        active: false,
        passwordHash: 'scrypt$x',
      });
      expect((await storage.listAccounts('t1')).map((a) => a.id)).toEqual(['a1']);
      expect(await storage.listAccounts('t2')).toEqual([]);
    });

    it('SS10 a sign-in code is spent once, and never after it expired', async () => {
      await storage.createAccount(account('a1', 't1', 'jane@example.com'));
      await storage.saveSignInCode('h1', 'a1', 100);
      expect(await storage.takeSignInCode('h1', 50)).toBe('a1');
      expect(await storage.takeSignInCode('h1', 50)).toBeNull();
      await storage.saveSignInCode('h2', 'a1', 100);
      expect(await storage.takeSignInCode('h2', 100)).toBeNull();
    });

    it('SS11 a refresh token is spent once; a second spend shows the first; revoking spends the family', async () => {
      await storage.saveRefreshToken({
        tokenHash: 'r1',
        accountId: 'a1',
        family: 'f',
        expiresAt: 100,
        spentAt: null,
      });
      await storage.saveRefreshToken({
        tokenHash: 'r2',
        accountId: 'a1',
        family: 'f',
        expiresAt: 100,
        spentAt: null,
      });
      expect((await storage.spendRefreshToken('r1', 10))?.spentAt).toBeNull();
      expect((await storage.spendRefreshToken('r1', 11))?.spentAt).toBe(10);
      await storage.revokeRefreshFamily('f', 12);
      expect((await storage.spendRefreshToken('r2', 13))?.spentAt).toBe(12);
      expect(await storage.spendRefreshToken('nope', 13)).toBeNull();
    });

    it('SS12 findByField finds a lead’s history; deleteDocuments removes rows outright', async () => {
      await put(storage, 't1', 'messages', [
        doc('m1', { leadId: 'L' }),
        doc('m2', { leadId: 'other' }),
        doc('m3', { leadId: 'L' }),
      ]);
      expect(
        (await storage.findByField('t1', 'messages', 'leadId', 'L')).map((row) => row.id).sort(),
      ).toEqual(['m1', 'm3']);
      await storage.deleteDocuments('t1', 'messages', ['m1']);
      expect((await storage.changesSince('t1', 'messages', 0, 10, null)).map((row) => row.id)).toEqual([
        'm2',
        'm3',
      ]);
    });

    it('SS13 the audit log lists a team’s entries newest first, pages by seq', async () => {
      for (const action of ['one', 'two', 'three']) {
        await storage.appendAudit({
          teamId: 't1',
          at: 1,
          actorId: 'a1',
          action,
          target: null,
          detail: { n: 1 },
        });
      }
      await storage.appendAudit({
        teamId: 't2',
        at: 1,
        actorId: null,
        action: 'other',
        target: null,
        detail: {},
      });
      const page = await storage.listAudit('t1', 2);
      expect(page.map((entry) => entry.action)).toEqual(['three', 'two']);
      const next = await storage.listAudit('t1', 2, page.at(-1)?.seq);
      expect(next.map((entry) => entry.action)).toEqual(['one']);
    });

    it('SS14 migrate is safe to run again on a database in use', async () => {
      await put(storage, 't1', 'leads', [doc('a')]);
      await storage.migrate();
      expect(await storage.latestSeq('t1')).toBe(1);
    });
  });
}
