// Shared fixtures of the store contract suites: the storages under test, a schema that exercises
// every index type, and a deterministic data set with awkward strings (emoji, private-use and
// control characters) so index ordering is tested where SQLite and JavaScript could disagree.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  fillWithDefaultSettings,
  normalizeMangoQuery,
  prepareQuery,
  randomToken,
  type MangoQuery,
  type PreparedQuery,
  type RxDocumentData,
  type RxJsonSchema,
  type RxStorage,
  type RxStorageInstance,
} from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { getRxStorageSqlite } from '../../src-main/core/store/sqlite/index.js';

export interface StorageUnderTest {
  readonly name: string;
  /** A storage object; every call may return the same one. */
  storage(): RxStorage<unknown, unknown>;
  /** Removes what the storage left on disk. */
  dispose(): void;
}

export function memoryStorage(): StorageUnderTest {
  return { name: 'memory (RxDB reference)', storage: () => getRxStorageMemory(), dispose: () => undefined };
}

export function sqliteStorage(): StorageUnderTest {
  const dir = mkdtempSync(join(tmpdir(), 'porchlight-store-'));
  const storage = getRxStorageSqlite({ path: join(dir, 'contract.db'), synchronous: 'NORMAL' });
  return {
    name: 'sqlite',
    storage: () => storage,
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export const STORAGES: readonly (() => StorageUnderTest)[] = [memoryStorage, sqliteStorage];

export interface Lead {
  id: string;
  name: string;
  stage: 'new' | 'contacted' | 'won' | 'lost';
  score: number;
  price: number;
  hot: boolean;
  tags: string[];
  city?: string;
  contact: { email: string; visits: number };
}

/** The collection schema as an app declares it. */
export const leadJsonSchema: RxJsonSchema<Lead> = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 20 },
    name: { type: 'string', maxLength: 40 },
    stage: { type: 'string', enum: ['new', 'contacted', 'won', 'lost'], maxLength: 10 },
    score: { type: 'integer', minimum: 0, maximum: 100, multipleOf: 1 },
    price: { type: 'number', minimum: 0, maximum: 10_000_000, multipleOf: 0.01 },
    hot: { type: 'boolean' },
    tags: { type: 'array', items: { type: 'string' } },
    city: { type: 'string', maxLength: 40 },
    contact: {
      type: 'object',
      properties: { email: { type: 'string' }, visits: { type: 'integer' } },
      required: ['email', 'visits'],
    },
  },
  required: ['id', 'name', 'stage', 'score', 'price', 'hot', 'tags', 'contact'],
  indexes: ['name', ['stage', 'score'], 'price', ['hot', 'score', 'name']],
};

/** The same schema as RxDB hands it to a storage. */
export const leadSchema: RxJsonSchema<RxDocumentData<Lead>> = fillWithDefaultSettings(leadJsonSchema);

const NAMES = ['Ann', 'bob', 'Émile', '😀 Zoë', '\uE000 private', 'tab\tname', 'Ann', 'Zed', 'ann', '中文'];
const STAGES = ['new', 'contacted', 'won', 'lost'] as const;
const CITIES = ['Austin', 'Boston', undefined, 'Chicago'];
const TAGS = [[], ['vip'], ['vip', 'cash'], ['relo', 'cash', 'vip'], ['relo']];

/** The i-th lead of the data set; the same input always gives the same document. */
export function leadData(i: number): Lead {
  const city = CITIES[i % CITIES.length];
  const lead: Lead = {
    id: `lead-${String(i).padStart(3, '0')}`,
    name: NAMES[i % NAMES.length] ?? 'x',
    stage: STAGES[(i * 7) % STAGES.length] ?? 'new',
    score: (i * 37) % 53,
    price: ((i * 7919) % 100_000) / 100 + 100_000,
    hot: i % 3 === 0,
    tags: TAGS[i % TAGS.length] ?? [],
    contact: { email: `lead${i}@example.com`, visits: i % 6 },
  };
  return city === undefined ? lead : { ...lead, city };
}

let lwtCounter = 1_700_000_000_000;
/** Document data as RxDB hands it to a storage, with a strictly increasing lwt. */
export function asStored(lead: Lead, rev = '1-a', deleted = false): RxDocumentData<Lead> {
  lwtCounter += 1;
  return { ...lead, _deleted: deleted, _rev: rev, _attachments: {}, _meta: { lwt: lwtCounter } };
}

export type LeadInstance = RxStorageInstance<Lead, unknown, unknown>;

export async function openLeads(
  storage: RxStorage<unknown, unknown>,
  databaseName?: string,
): Promise<LeadInstance> {
  return storage.createStorageInstance<Lead>({
    databaseInstanceToken: randomToken(10),
    databaseName: databaseName ?? `db-${randomToken(8)}`,
    collectionName: 'leads',
    schema: leadSchema,
    options: {},
    multiInstance: false,
    devMode: false,
  });
}

/** A query as a storage sees it: selectors may name _deleted and _meta. */
export type LeadQuery = MangoQuery<RxDocumentData<Lead>>;

export function prepare(query: LeadQuery): PreparedQuery<Lead> {
  return prepareQuery(leadSchema, normalizeMangoQuery(leadSchema, query as MangoQuery<Lead>));
}

export async function findIds(instance: LeadInstance, query: LeadQuery): Promise<string[]> {
  const result = await instance.query(prepare(query));
  return result.documents.map((d) => d.id);
}
