// The SQLite store's document cache never shows what the file does not hold (ids SC1..): a write
// that rolls back, a collection removed and created again under the same table name, another
// instance's writes, and documents read back after the cache dropped them.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXAMPLE_REVISION_1, EXAMPLE_REVISION_2 } from 'rxdb/plugins/test-utils';
import { getRxStorageSqlite } from '../../src-main/core/store/sqlite/index.js';
import { asStored, findIds, leadData, openLeads, prepare, type Lead } from './fixtures.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'porchlight-cache-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('SC the document cache follows the file', () => {
  it('SC1 a bulk that fails midway is not read back; its documents can be written again', async () => {
    const instance = await openLeads(getRxStorageSqlite({ path: join(dir, 'a.db') }), 'sc1');
    const good = asStored(leadData(1));
    // JSON cannot hold a bigint: the second row fails after the first was inserted
    const bad = { ...asStored(leadData(2)), contact: { email: 'x@example.com', visits: 1n } };
    const failed = instance.bulkWrite(
      [{ document: good }, { document: bad as unknown as typeof good }],
      'sc1',
    );
    await expect(failed).rejects.toThrow();
    expect(await instance.findDocumentsById([good.id], true)).toEqual([]);
    expect(await findIds(instance, { selector: {} })).toEqual([]);
    expect((await instance.bulkWrite([{ document: good }], 'sc1')).error).toEqual([]);
    expect(await instance.findDocumentsById([good.id], false)).toEqual([good]);
    await instance.close();
  });

  it('SC2 a removed collection created again under the same table name starts empty', async () => {
    const storage = getRxStorageSqlite({ path: join(dir, 'b.db') });
    const keeper = await openLeads(storage, 'sc2-keeper'); // keeps the file (and its cache) open
    const first = await openLeads(storage, 'sc2');
    await first.bulkWrite([{ document: asStored(leadData(3)) }], 'sc2');
    const table = first.internals;
    await first.remove();
    const second = await openLeads(storage, 'sc2');
    expect(second.internals).toEqual(table);
    expect(await second.findDocumentsById([leadData(3).id], true)).toEqual([]);
    expect(await findIds(second, { selector: {} })).toEqual([]);
    await second.close();
    await keeper.close();
  });

  it('SC3 two instances of one collection read each other’s writes', async () => {
    const storage = getRxStorageSqlite({ path: join(dir, 'c.db') });
    const [a, b] = [await openLeads(storage, 'sc3'), await openLeads(storage, 'sc3')];
    const doc = asStored(leadData(4), EXAMPLE_REVISION_1);
    await a.bulkWrite([{ document: doc }], 'sc3');
    expect(await b.findDocumentsById([doc.id], false)).toEqual([doc]);
    const next = { ...doc, name: 'Changed', _rev: EXAMPLE_REVISION_2 };
    expect((await b.bulkWrite([{ previous: doc, document: next }], 'sc3')).error).toEqual([]);
    expect(await a.findDocumentsById([doc.id], false)).toEqual([next]);
    expect((await a.query(prepareAll())).documents).toEqual([next]);
    await a.close();
    await b.close();
  });

  it('SC4 with a cache far smaller than the data, every read still gives the stored documents', async () => {
    const storage = getRxStorageSqlite({ path: join(dir, 'd.db'), documentCache: 2_000 });
    const instance = await openLeads(storage, 'sc4');
    const docs = Array.from({ length: 60 }, (_, i) => asStored(leadData(100 + i)));
    await instance.bulkWrite(
      docs.map((document) => ({ document })),
      'sc4',
    );
    const byId = (list: Lead[]) => [...list].sort((x, y) => x.id.localeCompare(y.id));
    for (let round = 0; round < 2; round++) {
      expect(
        byId(
          await instance.findDocumentsById(
            docs.map((d) => d.id),
            true,
          ),
        ),
      ).toEqual(byId(docs));
      expect(byId((await instance.query(prepareAll())).documents)).toEqual(byId(docs));
    }
    await instance.close();
  });
});

function prepareAll() {
  return prepare({ selector: {} });
}
