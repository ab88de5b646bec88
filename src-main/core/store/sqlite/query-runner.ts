// Runs RxDB's prepared queries on a collection table, following RxDB's own query plan.
//
// The plan names an index and a key range; the range becomes `ixN >= lower AND ixN <= upper` on
// that index's column (bounds from RxDB's getStartIndexStringFrom{Lower,Upper}Bound, encoded like
// the stored keys, so the range is exactly the one the memory storage scans). Then:
// - RxDB's query matcher runs only when the plan says the index does not satisfy the selector;
// - RxDB's sort comparator runs only when the plan says the index order is not the sort order.
// When both are satisfied, skip/limit go into SQL and only the returned rows are read. Rows are
// read as (id, data): a document in the file's document cache is not parsed again, and only the
// documents a query returns are put in the cache (not every row a matcher scanned).
// One addition to RxDB's planner: a sort whose leading fields follow the index in one direction
// (typically `score desc`, which the planner never marks satisfied because of the primary key
// tiebreak `id asc`) is scanned in that direction and stops once skip+limit rows plus the rows
// tied with the last of them are read; those are sorted with RxDB's comparator. Only required
// number, integer and boolean fields qualify: their index strings order exactly like the values.
import type Database from 'better-sqlite3';
import {
  getQueryMatcher,
  getSchemaByObjectPath,
  getSortComparator,
  objectPathMonad,
  type FilledMangoQuery,
  type PreparedQuery,
  type RxDocumentData,
  type RxJsonSchema,
} from 'rxdb';
import type { CollectionTable, IndexColumn } from './collection-table.js';
import type { TableStatements } from './table-statements.js';
import { boundKey } from './index-key.js';

type Direction = 'ASC' | 'DESC';
type Doc = RxDocumentData<unknown>;
type Comparator = (a: Doc, b: Doc) => number;

interface RangeScan {
  readonly column: IndexColumn;
  readonly lower: string;
  readonly upper: string;
  readonly inclusiveStart: boolean;
  readonly inclusiveEnd: boolean;
}

/** A stored row as the runner's statements return it. */
export type StoredRow = [id: string, data: string];

/** The file's document cache for this table (collection-rows.ts). */
export interface DocumentSource {
  /** Whether any document of the table is cached (if not, reading ids would be wasted). */
  holdsAny(): boolean;
  /** The cached document of `id`, if any. */
  cached(id: string): Doc | undefined;
  /** Caches the documents a read returns; `sizes` has the JSON length of those it parsed. */
  keep(docs: readonly Doc[], sizes: ReadonlyMap<Doc, number>): void;
}

/**
 * Turns rows into documents. Without a matcher every row read is returned, so rows are read as
 * (id, data) and cached documents skip JSON.parse; with one, most rows may be rejected, so only
 * data is read (an id string and a cache lookup per rejected row cost more than they save). Nor
 * are ids read while nothing of the table is cached (a cold start, e.g. right after opening).
 */
class RowReader {
  readonly sizes = new Map<Doc, number>();
  private length = 0;

  constructor(
    readonly withIds: boolean,
    private readonly source: DocumentSource,
  ) {}

  read(row: unknown): Doc {
    if (!this.withIds) {
      const json = row as string;
      this.length = json.length;
      return JSON.parse(json) as Doc;
    }
    const [id, json] = row as StoredRow;
    const cached = this.source.cached(id);
    if (cached !== undefined) return cached;
    const doc = JSON.parse(json) as Doc;
    this.sizes.set(doc, json.length);
    return doc;
  }

  /** Notes the size of the document just read by a data-only reader, which the read returns. */
  returning(doc: Doc): void {
    if (!this.withIds) this.sizes.set(doc, this.length);
  }
}

function trimEnd(value: unknown): unknown {
  return typeof value === 'string' ? value.replace(/ +$/, '') : value;
}

export class QueryRunner {
  constructor(
    private readonly statements: TableStatements,
    private readonly table: CollectionTable,
    private readonly schema: RxJsonSchema<Doc>,
    private readonly source: DocumentSource,
  ) {}

  query<T>(prepared: PreparedQuery<T>): RxDocumentData<T>[] {
    const plan = prepared.queryPlan;
    const range = this.rangeOf(prepared);
    // Without the planned index we scan the whole table, so selector and sort must both run.
    const matcher =
      plan.selectorSatisfiedByIndex && range ? undefined : getQueryMatcher(this.schema, prepared.query);
    const reader = new RowReader(!matcher && this.source.holdsAny(), this.source);
    const documents = this.select(prepared, range, matcher, reader);
    this.source.keep(documents, reader.sizes);
    return documents as RxDocumentData<T>[];
  }

  private select<T>(
    prepared: PreparedQuery<T>,
    range: RangeScan | undefined,
    matcher: ((doc: Doc) => boolean) | undefined,
    reader: RowReader,
  ): Doc[] {
    const query = prepared.query;
    const skip = query.skip ?? 0;
    const limit = typeof query.limit === 'number' ? query.limit : Infinity;
    if (limit === 0) {
      return [];
    }
    const wanted = skip + limit;
    const sortSatisfied = prepared.queryPlan.sortSatisfiedByIndex && range !== undefined;
    const withIds = reader.withIds;

    if (sortSatisfied && !matcher) {
      // LIMIT -1 is SQLite's "no limit", so a skip without a limit still pages in SQL.
      const sqlLimit =
        skip > 0 || Number.isFinite(limit)
          ? { limit: Number.isFinite(limit) ? limit : -1, offset: skip }
          : undefined;
      return this.statement(range, 'ASC', sqlLimit !== undefined, withIds)
        .all(...this.params(range, sqlLimit))
        .map((row) => reader.read(row));
    }
    if (sortSatisfied) {
      const out: Doc[] = [];
      for (const row of this.statement(range, 'ASC', false, withIds).iterate(...this.params(range))) {
        const doc = reader.read(row);
        if (matcher && !matcher(doc)) {
          continue;
        }
        reader.returning(doc);
        out.push(doc);
        if (out.length >= wanted) {
          break;
        }
      }
      return out.slice(skip);
    }

    const ordered = range ? this.orderedPrefix(prepared) : undefined;
    const out: Doc[] = [];
    let boundary: Doc | undefined;
    for (const row of this.statement(range, ordered?.direction ?? 'ASC', false, withIds).iterate(
      ...this.params(range),
    )) {
      const doc = reader.read(row);
      if (matcher && !matcher(doc)) {
        continue;
      }
      if (ordered && boundary && ordered.compare(doc, boundary) !== 0) {
        break; // every later row sorts after the wanted ones
      }
      reader.returning(doc);
      out.push(doc);
      if (ordered && !boundary && out.length === wanted) {
        boundary = doc;
      }
    }
    const comparator: Comparator = getSortComparator(this.schema, query as FilledMangoQuery<unknown>);
    out.sort(comparator);
    return out.slice(skip, wanted);
  }

  count<T>(prepared: PreparedQuery<T>): number {
    const range = this.rangeOf(prepared);
    if (prepared.queryPlan.selectorSatisfiedByIndex && range) {
      const sql =
        `SELECT count(*) FROM ${this.table.table} WHERE ` +
        `${range.column.column} ${range.inclusiveStart ? '>=' : '>'} ? AND ` +
        `${range.column.column} ${range.inclusiveEnd ? '<=' : '<'} ?`;
      return this.statements.get<[string, string], number>(sql, 'pluck').get(range.lower, range.upper) ?? 0;
    }
    const matcher = getQueryMatcher(this.schema, prepared.query);
    let count = 0;
    for (const json of this.statement(range, 'ASC', false, false).iterate(...this.params(range))) {
      if (matcher(JSON.parse(json as string) as Doc)) {
        count++;
      }
    }
    return count;
  }

  private rangeOf<T>(prepared: PreparedQuery<T>): RangeScan | undefined {
    const plan = prepared.queryPlan;
    const column = this.table.columnByIndex.get(plan.index.join(','));
    if (!column) {
      return undefined;
    }
    return {
      column,
      lower: boundKey(this.schema, plan.index, plan.startKeys, 'lower'),
      upper: boundKey(this.schema, plan.index, plan.endKeys, 'upper'),
      inclusiveStart: plan.inclusiveStart,
      inclusiveEnd: plan.inclusiveEnd,
    };
  }

  /**
   * How many leading sort fields the index order already gives, and in which direction to scan.
   * Fields that the selector pins with $eq are constant among the results and are skipped, as in
   * RxDB's planner.
   */
  private orderedPrefix<T>(
    prepared: PreparedQuery<T>,
  ): { direction: Direction; compare: Comparator } | undefined {
    const selector = prepared.query.selector as Record<string, unknown>;
    const scalarTypes = new Set(['string', 'number', 'integer', 'boolean']);
    const pinned = (field: string): boolean => {
      const condition = selector[field];
      const type = getSchemaByObjectPath(this.schema, field)?.type;
      return (
        typeof condition === 'object' &&
        condition !== null &&
        '$eq' in condition &&
        typeof type === 'string' &&
        scalarTypes.has(type)
      );
    };
    const required = new Set<string>(this.schema.required ?? []);
    const indexFields = prepared.queryPlan.index.filter((f) => !pinned(f));
    const sortParts = prepared.query.sort
      .map((part) => Object.entries(part)[0])
      .filter((entry): entry is [string, 'asc' | 'desc'] => entry !== undefined && !pinned(entry[0]));
    const first = sortParts[0];
    if (!first) {
      return undefined;
    }
    const direction = first[1];
    const getters: ((doc: Doc) => unknown)[] = [];
    for (let i = 0; i < sortParts.length && i < indexFields.length; i++) {
      const part = sortParts[i];
      if (!part || part[0] !== indexFields[i] || part[1] !== direction) {
        break;
      }
      const type = getSchemaByObjectPath(this.schema, part[0]).type;
      // An absent value indexes like 0/false/'' but sorts first in RxDB: only required fields
      // qualify. Index strings sort as JavaScript compares them (sortable-text.ts), so strings do.
      const ordered = type === 'number' || type === 'integer' || type === 'boolean' || type === 'string';
      if (!ordered || !required.has(part[0])) {
        break;
      }
      const get = objectPathMonad<Doc, unknown>(part[0]);
      // RxDB pads string parts with spaces, so "Ann" and "Ann " share one index key and may come
      // interleaved: they are one tie group, which the comparator then orders.
      getters.push(type === 'string' ? (doc) => trimEnd(get(doc)) : get);
    }
    if (getters.length === 0) {
      return undefined;
    }
    const compare: Comparator = (a, b) => (getters.some((get) => get(a) !== get(b)) ? 1 : 0);
    return { direction: direction === 'asc' ? 'ASC' : 'DESC', compare };
  }

  private params(range: RangeScan | undefined, page?: { limit: number; offset: number }): unknown[] {
    const params: unknown[] = range ? [range.lower, range.upper] : [];
    if (page) {
      params.push(page.limit, page.offset);
    }
    return params;
  }

  private statement(
    range: RangeScan | undefined,
    direction: Direction,
    paged: boolean,
    withIds: boolean,
  ): Database.Statement<unknown[], unknown> {
    const columns = withIds ? 'id, data' : 'data';
    const sql = range
      ? `SELECT ${columns} FROM ${this.table.table} WHERE ` +
        `${range.column.column} ${range.inclusiveStart ? '>=' : '>'} ? AND ` +
        `${range.column.column} ${range.inclusiveEnd ? '<=' : '<'} ? ` +
        `ORDER BY ${range.column.column} ${direction}${paged ? ' LIMIT ? OFFSET ?' : ''}`
      : `SELECT ${columns} FROM ${this.table.table}`;
    return this.statements.get<unknown[], unknown>(sql, withIds ? 'raw' : 'pluck');
  }
}
