// Write, conflict, change-stream and checkpoint rules every Porchlight storage must follow
// (ids SW1..), run against RxDB's memory storage and against ours.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import {
  getChangedDocumentsSince,
  now,
  type EventBulk,
  type RxDocumentData,
  type RxStorageChangeEvent,
} from 'rxdb';
import { EXAMPLE_REVISION_1, EXAMPLE_REVISION_2, EXAMPLE_REVISION_3 } from 'rxdb/plugins/test-utils';
import {
  asStored,
  leadData,
  openLeads,
  type Lead,
  type LeadInstance,
  type StorageUnderTest,
} from './fixtures.js';

type Stored = RxDocumentData<Lead>;
type Bulk = EventBulk<RxStorageChangeEvent<Stored>, unknown>;

function updated(previous: Stored, change: Partial<Lead>, rev: string, deleted = false): Stored {
  return { ...previous, ...change, _rev: rev, _deleted: deleted, _meta: { lwt: now() } };
}

export function registerStorageContractTests(make: () => StorageUnderTest): void {
  const under = make();
  describe(`storage contract on ${under.name}`, () => {
    const open: LeadInstance[] = [];
    async function fresh(): Promise<LeadInstance> {
      const instance = await openLeads(under.storage());
      open.push(instance);
      return instance;
    }
    afterEach(async () => {
      await Promise.all(open.splice(0).map((i) => i.close()));
    });
    afterAll(() => under.dispose());

    it('SW1 a written document is read back unchanged', async () => {
      const instance = await fresh();
      const doc = asStored(leadData(1), EXAMPLE_REVISION_1);
      expect((await instance.bulkWrite([{ document: doc }], 'sw1')).error).toEqual([]);
      expect(await instance.findDocumentsById([doc.id], false)).toEqual([doc]);
    });

    it('SW2 inserting an existing document is a 409 carrying the stored state', async () => {
      const instance = await fresh();
      const doc = asStored(leadData(2), EXAMPLE_REVISION_1);
      await instance.bulkWrite([{ document: doc }], 'sw2');
      const result = await instance.bulkWrite([{ document: { ...doc, name: 'other' } }], 'sw2-again');
      expect(result.error).toHaveLength(1);
      const error = result.error[0];
      expect(error?.status).toBe(409);
      expect(error?.documentId).toBe(doc.id);
      expect(error?.isError).toBe(true);
      expect(error?.context).toBe('sw2-again');
      expect(error?.writeRow.document.name).toBe('other');
      // documentInDb is the stored document and nothing else (no storage columns leak into it)
      expect(error?.status === 409 ? error.documentInDb : undefined).toEqual(doc);
    });

    it('SW3 an update with a stale previous revision is a 409; the stored document stays', async () => {
      const instance = await fresh();
      const first = asStored(leadData(3), EXAMPLE_REVISION_1);
      await instance.bulkWrite([{ document: first }], 'sw3');
      const second = updated(first, { score: 9 }, EXAMPLE_REVISION_2);
      expect((await instance.bulkWrite([{ previous: first, document: second }], 'sw3')).error).toEqual([]);
      const stale = updated(first, { score: 1 }, EXAMPLE_REVISION_2);
      const result = await instance.bulkWrite([{ previous: first, document: stale }], 'sw3');
      expect(result.error.map((e) => e.status)).toEqual([409]);
      expect(await instance.findDocumentsById([first.id], false)).toEqual([second]);
    });

    it('SW4 of two simultaneous inserts of one id, the first wins and the second conflicts', async () => {
      const instance = await fresh();
      const doc = asStored(leadData(4), EXAMPLE_REVISION_1);
      const [a, b] = await Promise.all([
        instance.bulkWrite([{ document: { ...doc, name: 'first' } }], 'sw4'),
        instance.bulkWrite([{ document: { ...doc, name: 'second' } }], 'sw4'),
      ]);
      expect(a.error).toEqual([]);
      expect(b.error.map((e) => e.status)).toEqual([409]);
      expect((await instance.findDocumentsById([doc.id], false))[0]?.name).toBe('first');
    });

    it('SW5 a bulk with one conflict still writes the other rows', async () => {
      const instance = await fresh();
      const taken = asStored(leadData(5), EXAMPLE_REVISION_1);
      await instance.bulkWrite([{ document: taken }], 'sw5');
      const fresh1 = asStored(leadData(6), EXAMPLE_REVISION_1);
      const fresh2 = asStored(leadData(7), EXAMPLE_REVISION_1);
      const result = await instance.bulkWrite(
        [{ document: fresh1 }, { document: taken }, { document: fresh2 }],
        'sw5',
      );
      expect(result.error.map((e) => e.documentId)).toEqual([taken.id]);
      const ids = (await instance.findDocumentsById([fresh1.id, fresh2.id], false)).map((d) => d.id).sort();
      expect(ids).toEqual([fresh1.id, fresh2.id]);
    });

    it('SW6 a deleted document is kept as a tombstone and found only with deleted', async () => {
      const instance = await fresh();
      const doc = asStored(leadData(8), EXAMPLE_REVISION_1);
      await instance.bulkWrite([{ document: doc }], 'sw6');
      const tombstone = updated(doc, {}, EXAMPLE_REVISION_2, true);
      expect((await instance.bulkWrite([{ previous: doc, document: tombstone }], 'sw6')).error).toEqual([]);
      expect(await instance.findDocumentsById([doc.id], false)).toEqual([]);
      expect(await instance.findDocumentsById([doc.id], true)).toEqual([tombstone]);
      const revived = updated(tombstone, { name: 'back' }, EXAMPLE_REVISION_3);
      expect((await instance.bulkWrite([{ previous: tombstone, document: revived }], 'sw6')).error).toEqual(
        [],
      );
      expect(await instance.findDocumentsById([doc.id], false)).toEqual([revived]);
    });

    it('SW7 change events: insert, update, delete, with context and checkpoint; none for conflicts', async () => {
      const instance = await fresh();
      const bulks: Bulk[] = [];
      const subscription = instance.changeStream().subscribe((bulk) => bulks.push(bulk as Bulk));
      const doc = asStored(leadData(9), EXAMPLE_REVISION_1);
      await instance.bulkWrite([{ document: doc }], 'ctx-insert');
      const next = updated(doc, { score: 50 }, EXAMPLE_REVISION_2);
      await instance.bulkWrite([{ previous: doc, document: next }], 'ctx-update');
      await instance.bulkWrite([{ document: doc }], 'ctx-conflict');
      const gone = updated(next, {}, EXAMPLE_REVISION_3, true);
      await instance.bulkWrite([{ previous: next, document: gone }], 'ctx-delete');
      subscription.unsubscribe();

      expect(bulks.map((b) => b.context)).toEqual(['ctx-insert', 'ctx-update', 'ctx-delete']);
      expect(bulks.map((b) => b.events.map((e) => e.operation))).toEqual([
        ['INSERT'],
        ['UPDATE'],
        ['DELETE'],
      ]);
      expect(bulks[1]?.events[0]?.documentData).toEqual(next);
      expect(bulks[1]?.events[0]?.previousDocumentData).toEqual(doc);
      expect(bulks[2]?.checkpoint).toEqual({ id: doc.id, lwt: gone._meta.lwt });
      expect(new Set(bulks.map((b) => b.id)).size).toBe(3);
    });

    it('SW8 getChangedDocumentsSince walks every change once, in order, across many writes', async () => {
      const instance = await fresh();
      const latest = new Map<string, Stored>();
      let round = 0;
      for (let batch = 0; batch < 12; batch++) {
        const rows = Array.from({ length: 20 }, (_, i) => {
          const document = asStored(leadData(batch * 20 + i), EXAMPLE_REVISION_1);
          latest.set(document.id, document);
          return { document };
        });
        await instance.bulkWrite(rows, 'sw8');
      }
      for (const [id, doc] of [...latest].slice(0, 50)) {
        round++;
        const next = {
          ...updated(doc, { score: round % 53 }, EXAMPLE_REVISION_2),
          _meta: { lwt: doc._meta.lwt + 1e6 },
        };
        await instance.bulkWrite([{ previous: doc, document: next }], 'sw8-update');
        latest.set(id, next);
      }
      const seen: Stored[] = [];
      let checkpoint: unknown = undefined;
      for (;;) {
        // RxDB's helper: the storage's own method when it has one, RxDB's query otherwise (memory)
        const page = await getChangedDocumentsSince(instance, 7, checkpoint);
        if (page.documents.length === 0) {
          expect(page.checkpoint).toEqual(checkpoint);
          break;
        }
        seen.push(...page.documents);
        checkpoint = page.checkpoint;
      }
      expect(seen.map((d) => d.id).sort()).toEqual([...latest.keys()].sort());
      expect(seen).toEqual(
        [...latest.values()].sort((a, b) => a._meta.lwt - b._meta.lwt || (a.id < b.id ? -1 : 1)),
      );
    });

    it('SW9 cleanup removes tombstones older than the given age and keeps the rest', async () => {
      const instance = await fresh();
      const old = asStored(leadData(10), EXAMPLE_REVISION_1, true);
      const oldTombstone = { ...old, _meta: { lwt: now() - 60_000 } };
      const recent = { ...asStored(leadData(11), EXAMPLE_REVISION_1, true), _meta: { lwt: now() } };
      const alive = { ...asStored(leadData(12), EXAMPLE_REVISION_1), _meta: { lwt: now() - 60_000 } };
      await instance.bulkWrite(
        [{ document: oldTombstone }, { document: recent }, { document: alive }],
        'sw9',
      );
      expect(await instance.cleanup(30_000)).toBe(true);
      const left = await instance.findDocumentsById([old.id, recent.id, alive.id], true);
      expect(left.map((d) => d.id).sort()).toEqual([recent.id, alive.id].sort());
    });

    it('SW10 remove() drops the collection: the next instance of it starts empty', async () => {
      const databaseName = `db-remove-${Date.now()}`;
      const first = await openLeads(under.storage(), databaseName);
      await first.bulkWrite([{ document: asStored(leadData(13)) }], 'sw10');
      await first.remove();
      const second = await openLeads(under.storage(), databaseName);
      open.push(second);
      expect(await second.findDocumentsById([leadData(13).id], true)).toEqual([]);
    });
  });
}
