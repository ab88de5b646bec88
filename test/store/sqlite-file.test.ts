// What only a file-backed store must do: give every document back after a reopen, and refuse bad
// input (unopenable path, damaged or foreign file, schema changed without a migration) with an
// error that names the file and says what to do, changing nothing on disk.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRxDatabase, randomToken, type RxCollection, type RxJsonSchema } from 'rxdb';
import {
  StoreError,
  explainOpenError,
  getRxStorageSqlite,
  type StoreErrorCode,
} from '../../src-main/core/store/sqlite/index.js';
import { collectionDefinitions } from '../../src-main/core/store/collections.js';
import { openPorchlightDatabase } from '../../src-main/core/store/database.js';
import {
  asStored,
  findIds,
  leadData,
  leadJsonSchema,
  leadSchema,
  openLeads,
  prepare,
  type Lead,
} from './fixtures.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'porchlight-file-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function expectStoreError(
  work: Promise<unknown>,
  code: StoreErrorCode,
  file: string,
): Promise<StoreError> {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StoreError);
  const storeError = error as StoreError;
  expect(storeError.code).toBe(code);
  expect(storeError.message).toContain(file);
  return storeError;
}

async function openDatabase(path: string, schema: RxJsonSchema<Lead> = leadJsonSchema) {
  const db = await createRxDatabase<{ leads: RxCollection<Lead> }>({
    name: 'porchlight',
    storage: getRxStorageSqlite({ path }),
    multiInstance: false,
  });
  try {
    await db.addCollections({ leads: { schema } });
  } catch (error) {
    await db.close(); // a failed addCollections leaves the database open under its name
    throw error;
  }
  return db;
}

describe('SF1 a real RxDB database on the store survives close and reopen', () => {
  it('gives back every document, deleted ones stay deleted', async () => {
    const path = join(dir, 'porchlight.db');
    const first = await openDatabase(path);
    const leads = Array.from({ length: 500 }, (_, i) => leadData(i));
    expect((await first.leads.bulkInsert(leads)).error).toEqual([]);
    await first.leads.findOne('lead-007').remove();
    await first.leads.findOne('lead-008').patch({ score: 52 });
    await first.close();

    const again = await openDatabase(path);
    const docs = await again.leads.find({ sort: [{ id: 'asc' }] }).exec();
    const expected = leads
      .filter((l) => l.id !== 'lead-007')
      .map((l) => (l.id === 'lead-008' ? { ...l, score: 52 } : l));
    expect(docs.map((d) => d.toJSON())).toEqual(expected);
    expect(await again.leads.count({ selector: { stage: 'won' } }).exec()).toBe(
      expected.filter((l) => l.stage === 'won').length,
    );
    await again.close();
  });
});

describe("SF3 a schema without RxDB's lwt index still walks changes by checkpoint", () => {
  it('pages through every document once', async () => {
    const storage = getRxStorageSqlite({ path: join(dir, 'bare.db') });
    const instance = await storage.createStorageInstance<Lead>({
      databaseInstanceToken: randomToken(10),
      databaseName: 'bare',
      collectionName: 'leads',
      schema: { ...leadSchema, indexes: [] },
      options: {},
      multiInstance: false,
      devMode: false,
    });
    const docs = Array.from({ length: 25 }, (_, i) => ({
      ...asStored(leadData(i)),
      _meta: { lwt: 1000 + (i % 3) },
    }));
    await instance.bulkWrite(
      docs.map((document) => ({ document })),
      'sf3',
    );
    const seen: string[] = [];
    let page = await instance.getChangedDocumentsSince?.(4);
    while (page && page.documents.length > 0) {
      seen.push(...page.documents.map((d) => d.id));
      page = await instance.getChangedDocumentsSince?.(4, page.checkpoint);
    }
    const expected = [...docs]
      .sort((a, b) => a._meta.lwt - b._meta.lwt || (a.id < b.id ? -1 : 1))
      .map((d) => d.id);
    expect(seen).toEqual(expected);
    await instance.close();
  });
});

describe('SF4 a bulk load (indexes dropped and rebuilt in the transaction) leaves working indexes', () => {
  it('answers index queries over the loaded rows and keeps every index', async () => {
    const path = join(dir, 'bulk.db');
    const instance = await openLeads(getRxStorageSqlite({ path }));
    const docs = Array.from({ length: 6000 }, (_, i) => asStored({ ...leadData(i), id: `bulk-${i}` }));
    expect(
      (
        await instance.bulkWrite(
          docs.map((document) => ({ document })),
          'sf4',
        )
      ).error,
    ).toEqual([]);
    const top = await findIds(instance, {
      selector: { _deleted: false, stage: 'won' },
      sort: [{ score: 'desc' }],
      limit: 7,
    });
    const expected = docs
      .filter((d) => d.stage === 'won')
      .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1))
      .slice(0, 7)
      .map((d) => d.id);
    expect(top).toEqual(expected);
    const indexCount = (
      await instance.count(prepare({ selector: { _deleted: false, price: { $gt: 100_500 } } }))
    ).count;
    expect(indexCount).toBe(docs.filter((d) => d.price > 100_500).length);
    await instance.close();
    const raw = new Database(path, { readonly: true });
    const indexes = raw
      .prepare("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")
      .pluck()
      .get();
    raw.close();
    expect(indexes).toBe((leadSchema.indexes?.length ?? 0) + 1); // one per index column, plus tombstones
  });
});

describe('SF2 bad input is refused with an error that names the file', () => {
  it('a path whose folder does not exist', async () => {
    const path = join(dir, 'missing', 'porchlight.db');
    await expectStoreError(openLeads(getRxStorageSqlite({ path })), 'STORE_OPEN_FAILED', path);
  });

  it('a path that is a folder', async () => {
    const path = join(dir, 'folder.db');
    mkdirSync(path);
    const error = await expectStoreError(openLeads(getRxStorageSqlite({ path })), 'STORE_OPEN_FAILED', path);
    expect(error.message).toMatch(/folder/);
  });

  it('a damaged file is refused and left byte for byte as it was', async () => {
    const path = join(dir, 'porchlight.db');
    const garbage = Buffer.from('this is not a database, it is a shopping list: eggs, milk'.repeat(100));
    writeFileSync(path, garbage);
    const error = await expectStoreError(openLeads(getRxStorageSqlite({ path })), 'STORE_FILE_CORRUPT', path);
    expect(error.message).toMatch(/backup|move the file aside/i);
    expect(readFileSync(path).equals(garbage)).toBe(true);
  });

  it("another application's SQLite file is refused and not written to", async () => {
    const path = join(dir, 'other.db');
    const other = new Database(path);
    other.exec('CREATE TABLE notes (body TEXT)');
    other.close();
    const before = readFileSync(path);
    await expectStoreError(openLeads(getRxStorageSqlite({ path })), 'STORE_FILE_CORRUPT', path);
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('new indexes at the same schema version are refused by the storage; documents are kept', async () => {
    const path = join(dir, 'porchlight.db');
    const storage = getRxStorageSqlite({ path });
    const databaseName = `db-${randomToken(6)}`;
    const first = await openLeads(storage, databaseName);
    await first.bulkWrite([{ document: asStored(leadData(1)) }], 'sf2');
    await first.close();
    const changed = { ...leadSchema, indexes: [...(leadSchema.indexes ?? []), ['_deleted', 'city', 'id']] };
    const attempt = storage.createStorageInstance<Lead>({
      databaseInstanceToken: randomToken(10),
      databaseName,
      collectionName: 'leads',
      schema: changed,
      options: {},
      multiInstance: false,
      devMode: false,
    });
    const error = await expectStoreError(attempt, 'STORE_SCHEMA_CHANGED', path);
    expect(error.message).toMatch(/schema version/);
    const reopened = await openLeads(storage, databaseName);
    expect(await reopened.findDocumentsById([leadData(1).id], false)).toHaveLength(1);
    await reopened.close();
  });

  it('a changed schema without a migration, through RxDB, is explained with the file', async () => {
    const path = join(dir, 'porchlight.db');
    const first = await openDatabase(path);
    await first.leads.insert(leadData(1));
    await first.close();
    const changed: RxJsonSchema<Lead> = {
      ...leadJsonSchema,
      properties: { ...leadJsonSchema.properties, city: { type: 'string', maxLength: 80 } },
    };
    const error = await expectStoreError(
      openDatabase(path, changed).catch((e: unknown) => Promise.reject(explainOpenError(e, path))),
      'STORE_SCHEMA_CHANGED',
      path,
    );
    expect(error.message).toContain('"leads"');
    const again = await openDatabase(path);
    expect(await again.leads.count().exec()).toBe(1);
    await again.close();
  });

  it("Porchlight's database reports a schema changed without a migration with the file", async () => {
    const path = join(dir, 'porchlight.db');
    // "leads" stored with another schema at the version Porchlight's own leads schema has now,
    // so nothing migrates: the same version with a different shape is a schema changed.
    const sameVersion = { ...leadJsonSchema, version: collectionDefinitions.leads.schema.version };
    const other = await openDatabase(path, sameVersion);
    await other.close();
    const attempt = openPorchlightDatabase({
      storage: getRxStorageSqlite({ path }),
      name: 'porchlight',
      path,
    });
    const error = await expectStoreError(attempt, 'STORE_SCHEMA_CHANGED', path);
    expect(error.message).toContain('"leads"');
  });

  it('multiInstance: true is refused, since other processes could not see the change stream', async () => {
    const path = join(dir, 'porchlight.db');
    const attempt = createRxDatabase({
      name: 'porchlight',
      storage: getRxStorageSqlite({ path }),
      multiInstance: true,
    });
    await expectStoreError(attempt, 'STORE_MULTI_INSTANCE_UNSUPPORTED', path);
  });

  it('a schema with attachments is refused', async () => {
    const path = join(dir, 'porchlight.db');
    const attempt = getRxStorageSqlite({ path }).createStorageInstance<Lead>({
      databaseInstanceToken: randomToken(10),
      databaseName: 'db',
      collectionName: 'leads',
      schema: { ...leadSchema, attachments: {} },
      options: {},
      multiInstance: false,
      devMode: false,
    });
    await expectStoreError(attempt, 'STORE_UNSUPPORTED_SCHEMA', path);
  });

  it('a closed collection refuses work instead of failing inside SQLite', async () => {
    const path = join(dir, 'porchlight.db');
    const instance = await openLeads(getRxStorageSqlite({ path }));
    await instance.close();
    await expectStoreError(instance.findDocumentsById(['x'], false), 'STORE_CLOSED', path);
    await instance.close(); // closing twice is harmless
  });
});
