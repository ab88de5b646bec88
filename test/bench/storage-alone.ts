// runPerformanceTests' operations as calls on our RxStorageInstance alone: the same schema, the
// same documents in the same batches, the same queries RxDB's RxQuery hands a storage (prepared,
// with `_deleted: false` added), closing every instance and opening it again where the harness
// reopens the database. What is left between this and the harness through RxDB is RxDB's own
// layer (query objects, the document cache, change events, document getters), which is the same
// for every storage; what is left between this and raw is the storage's own work.
import { rmSync } from 'node:fs';
import {
  fillWithDefaultSettings,
  normalizeMangoQuery,
  now,
  prepareQuery,
  randomToken,
  type MangoQuery,
  type RxDocumentData,
  type RxJsonSchema,
  type RxStorageInstance,
} from 'rxdb';
import { averageSchema, averageSchemaData } from 'rxdb/plugins/test-utils';
import { getRxStorageSqlite, type SynchronousMode } from '../../src-main/core/store/sqlite/index.js';
import { harnessBatch, harnessTimes } from './raw-sqlite.js';

type HarnessDoc = ReturnType<typeof averageSchemaData>;
type Instance = RxStorageInstance<HarnessDoc, unknown, unknown>;

const COLLECTIONS = 4;

/** A query as RxQuery prepares it: normalized, `_deleted: false` added. */
function prepared(schema: RxJsonSchema<RxDocumentData<HarnessDoc>>, query: MangoQuery<HarnessDoc>) {
  const normalized = normalizeMangoQuery(schema, query);
  (normalized.selector as Record<string, unknown>)['_deleted'] = { $eq: false };
  return prepareQuery(schema, normalized);
}

function row(doc: HarnessDoc, token: string) {
  return {
    document: { ...doc, _deleted: false, _rev: `1-${token}`, _attachments: {}, _meta: { lwt: now() } },
  };
}

/**
 * The harness's operations, sizes and order (4 collections, 3,000 docs in 6 batches, 50 serial,
 * 4 parallel queries) on the storage instances directly. property-access is absent: the storage
 * does no work there. Returns the harness's keys, averaged the same way.
 */
export async function storageAloneHarness(
  dir: string,
  synchronous: SynchronousMode,
  runs: number,
): Promise<Record<string, number>> {
  const { note, averages } = harnessTimes();
  for (let run = 0; run < runs; run++) {
    // A schema object of its own each run, as the harness makes one each run: nothing the
    // storage learnt about the previous run's schema (its query plans) carries over.
    const schema = fillWithDefaultSettings<HarnessDoc>(averageSchema());
    const path = `${dir}/alone-${synchronous}-${run}.db`;
    const storage = getRxStorageSqlite({ path, synchronous });
    const token = randomToken(10);
    let instances: Instance[] = [];
    const reopen = async (): Promise<Instance> => {
      await Promise.all(instances.map((i) => i.close()));
      instances = (await Promise.all(
        Array.from({ length: COLLECTIONS }, (_, i) =>
          storage.createStorageInstance<HarnessDoc>({
            databaseInstanceToken: token,
            databaseName: 'alone',
            collectionName: `c${i}`,
            schema,
            options: {},
            multiInstance: false,
            devMode: false,
          }),
        ),
      )) as Instance[];
      await instances[1]!.bulkWrite([row(averageSchemaData(), token)], 'first insert');
      return instances[0]!;
    };
    let started = performance.now();
    let instance = await reopen();
    note('time-to-first-insert', started);
    const ids: string[] = [];
    for (let batch = 0; batch < 6; batch++) {
      const docs = harnessBatch();
      for (const doc of docs) ids.push(doc.id);
      started = performance.now();
      await instance.bulkWrite(
        docs.map((doc) => row(doc, token)),
        'insert',
      );
      note('insert-documents-500', started);
    }
    instance = await reopen();
    started = performance.now();
    await instance.findDocumentsById(ids, false);
    note('find-by-ids-3000', started);
    const serial: string[] = [];
    started = performance.now();
    for (let i = 0; i < 50; i++) {
      const doc = averageSchemaData({ var2: 1000 });
      serial.push(doc.id);
      await instance.bulkWrite([row(doc, token)], 'serial insert');
    }
    note('serial-inserts-50', started);
    instance = await reopen();
    started = performance.now();
    for (const id of serial) await instance.findDocumentsById([id], false);
    note('serial-find-by-id-50', started);
    // The queries are prepared outside the timing, as RxQuery prepares them above the storage.
    const all = prepared(schema, { selector: {}, sort: [{ var2: 'asc' }, { var1: 'asc' }] });
    const byVar2 = [0, 1, 2, 3].map((var2) => prepared(schema, { selector: { var2 } }));
    const counts = [0, 1, 2, 3].map((var2) => prepared(schema, { selector: { var2: { $eq: var2 } } }));
    started = performance.now();
    await instance.query(all);
    note('find-by-query', started);
    instance = await reopen();
    started = performance.now();
    await Promise.all(byVar2.map((query) => instance.query(query)));
    note('find-by-query-parallel-4', started);
    started = performance.now();
    for (const query of counts) await instance.count(query);
    note('4x-count', started);
    await Promise.all(instances.map((i) => i.close()));
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
  }
  return averages();
}
