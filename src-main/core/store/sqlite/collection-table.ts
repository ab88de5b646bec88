// The table behind one RxDB collection at one schema version.
//
// Layout (one row per document, tombstones included):
//   id TEXT PRIMARY KEY   the document's primary key
//   deleted INTEGER       _deleted as 0/1
//   lwt REAL              _meta.lwt, the last-write time
//   data TEXT             the whole document as JSON (what every read returns)
//   ix0..ixN TEXT         per schema index, the document's key on it (RxDB's indexable string,
//                         compacted order-preservingly, see index-key.ts), each with a SQLite index
// plus a partial index on tombstones for cleanup. getChangedDocumentsSince walks RxDB's own
// ['_meta.lwt', primary key] index column (an (lwt, id) index is added only if a schema lacks it). Tables are named c1, c2, ... and listed in the catalog table with the layout they were
// created with; opening a collection whose indexes no longer match that layout is refused
// (STORE_SCHEMA_CHANGED) instead of answering queries from stale index columns.
import type Database from 'better-sqlite3';
import {
  getPrimaryFieldOfPrimaryKey,
  getSchemaByObjectPath,
  type RxDocumentData,
  type RxJsonSchema,
} from 'rxdb';
import { StoreError } from './errors.js';
import { documentKeyFunction } from './index-key.js';
import { CATALOG_TABLE, statementsOf, type StoreFile } from './store-file.js';

export interface IndexColumn {
  readonly fields: readonly string[];
  readonly column: string;
  readonly indexString: (doc: RxDocumentData<unknown>) => string;
}

export interface SecondaryIndex {
  readonly name: string;
  readonly create: string;
}

export interface CollectionTable {
  readonly table: string;
  readonly primaryPath: string;
  readonly columns: readonly IndexColumn[];
  /** Every index but the primary key's, with the statement that (re)creates it. */
  readonly indexes: readonly SecondaryIndex[];
  /** The column of RxDB's ['_meta.lwt', primary key] index, which orders changes by checkpoint. */
  readonly changesColumn: IndexColumn | undefined;
  /** Index columns by the comma-joined field list RxDB's query plan names. */
  readonly columnByIndex: ReadonlyMap<string, IndexColumn>;
}

export interface CollectionKey {
  readonly databaseName: string;
  readonly collectionName: string;
  readonly schemaVersion: number;
}

export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function indexesOf(schema: RxJsonSchema<RxDocumentData<unknown>>): string[][] {
  const seen = new Set<string>();
  const out: string[][] = [];
  for (const index of schema.indexes ?? []) {
    const fields = typeof index === 'string' ? [index] : [...index];
    const key = fields.join(',');
    if (!seen.has(key)) {
      seen.add(key);
      out.push(fields);
    }
  }
  return out;
}

/** What the stored index strings depend on; a change here invalidates the table's index columns. */
function layoutOf(schema: RxJsonSchema<RxDocumentData<unknown>>): string {
  const indexes = indexesOf(schema).map((fields) =>
    fields.map((field) => {
      const part = getSchemaByObjectPath(schema, field);
      return [field, part.type, part.maxLength, part.minimum, part.maximum, part.multipleOf];
    }),
  );
  return JSON.stringify({ keyEncoding: 1, primaryKey: schema.primaryKey, indexes });
}

function buildColumns(schema: RxJsonSchema<RxDocumentData<unknown>>): IndexColumn[] {
  return indexesOf(schema).map((fields, i) => {
    return { fields, column: `ix${i}`, indexString: documentKeyFunction(schema, fields) };
  });
}

function changesColumnOf(columns: readonly IndexColumn[], primaryPath: string): IndexColumn | undefined {
  return columns.find(
    (c) => c.fields.length === 2 && c.fields[0] === '_meta.lwt' && c.fields[1] === primaryPath,
  );
}

/** The index columns' indexes, a tombstone index for cleanup, and (lwt, id) if RxDB's is absent. */
function secondaryIndexes(
  table: string,
  columns: readonly IndexColumn[],
  changesColumn: IndexColumn | undefined,
): SecondaryIndex[] {
  const indexes = columns.map((c) => ({
    name: `${table}_${c.column}`,
    create: `CREATE INDEX ${table}_${c.column} ON ${table} (${c.column})`,
  }));
  indexes.push({
    name: `${table}_tombstones`,
    create: `CREATE INDEX ${table}_tombstones ON ${table} (lwt) WHERE deleted = 1`,
  });
  if (!changesColumn) {
    indexes.push({ name: `${table}_changes`, create: `CREATE INDEX ${table}_changes ON ${table} (lwt, id)` });
  }
  return indexes;
}

interface CatalogRow {
  table_name: string;
  layout: string;
}

/**
 * Finds or creates the table of a collection. Creating it (table, indexes, catalog row) is one
 * transaction, so a crash never leaves a half-made table behind. That commit skips the fsync even
 * under synchronous=FULL: losing it to a power cut loses only an empty table, made again at the
 * next open, and the next document write's fsync makes it durable with everything before it
 * (the WAL is appended in order). Every document write keeps the configured mode.
 */
export function openCollectionTable(
  store: StoreFile,
  key: CollectionKey,
  schema: RxJsonSchema<RxDocumentData<unknown>>,
): CollectionTable {
  const layout = layoutOf(schema);
  const columns = buildColumns(schema);
  const primaryPath = getPrimaryFieldOfPrimaryKey(schema.primaryKey);
  const changesColumn = changesColumnOf(columns, primaryPath);
  const { db, path: file } = store;
  // The file is ours alone (EXCLUSIVE lock) and calls are synchronous: nothing runs in between.
  const row = statementsOf(store, '')
    .get<[string, string, number], CatalogRow>(
      `SELECT table_name, layout FROM ${CATALOG_TABLE}
       WHERE database_name = ? AND collection_name = ? AND schema_version = ?`,
      'rows',
    )
    .get(key.databaseName, key.collectionName, key.schemaVersion);
  if (row && row.layout !== layout) {
    throw new StoreError(
      'STORE_SCHEMA_CHANGED',
      file,
      `The collection "${key.collectionName}" in ${file} was stored with other indexes or field ` +
        `limits than its schema now declares, at the same version ${key.schemaVersion}. Raise the ` +
        'schema version and add a migration strategy for it; the stored documents were kept.',
    );
  }
  const create = db.transaction((): string => {
    const next = db
      .prepare(`SELECT coalesce(max(CAST(substr(table_name, 2) AS INTEGER)), 0) + 1 FROM ${CATALOG_TABLE}`)
      .pluck()
      .get();
    const table = `c${Number(next)}`;
    const indexColumns = columns.map((c) => `, ${c.column} TEXT NOT NULL`).join('');
    db.exec(
      `CREATE TABLE ${table} (id TEXT PRIMARY KEY NOT NULL, deleted INTEGER NOT NULL, ` +
        `lwt REAL NOT NULL, data TEXT NOT NULL${indexColumns})`,
    );
    for (const index of secondaryIndexes(table, columns, changesColumn)) {
      db.exec(index.create);
    }
    db.prepare(
      `INSERT INTO ${CATALOG_TABLE} (table_name, database_name, collection_name, schema_version, layout)
       VALUES (?, ?, ?, ?, ?)`,
    ).run(table, key.databaseName, key.collectionName, key.schemaVersion, layout);
    return table;
  });
  let table = row?.table_name;
  if (table === undefined) {
    db.exec('PRAGMA synchronous = NORMAL');
    try {
      table = create.immediate();
    } finally {
      db.exec(`PRAGMA synchronous = ${store.synchronous}`);
    }
  }
  return {
    table,
    primaryPath,
    columns,
    indexes: secondaryIndexes(table, columns, changesColumn),
    changesColumn,
    columnByIndex: new Map(columns.map((c) => [c.fields.join(','), c])),
  };
}

/** Drops a collection's table and its catalog row in one transaction. */
export function dropCollectionTable(db: Database.Database, table: string): void {
  db.transaction(() => {
    db.exec(`DROP TABLE IF EXISTS ${quoteIdentifier(table)}`);
    db.prepare(`DELETE FROM ${CATALOG_TABLE} WHERE table_name = ?`).run(table);
  }).immediate();
}
