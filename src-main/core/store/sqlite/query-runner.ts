// Runs RxDB's prepared queries on a collection table, on the plan query-planner.ts chooses (RxDB's
// own plan unless the query names no index and another index, or a skip scan, serves it better).
//
// The plan names an index and a key range; the range becomes `ixN >= lower AND ixN <= upper` on
// that index's column (bounds from RxDB's getStartIndexStringFrom{Lower,Upper}Bound, encoded like
// the stored keys, so the range is exactly the one the memory storage scans). Then:
// - RxDB's query matcher runs only when the plan says the index does not satisfy the selector
//   (a selector of plain equalities is matched by comparing values: equality-matcher.ts);
// - RxDB's sort comparator runs only when the plan says the index order is not the sort order;
// both flags are made true to the keys first (key-exactness.ts), so skipping them is exact.
// When both are satisfied, skip/limit go into SQL and only the returned rows are read. Rows are
// read as (id, data): a document in the file's document cache is not parsed again, and only the
// documents a query returns are put in the cache (not every row a matcher scanned).
// One addition to RxDB's planner: a sort whose leading fields follow the index in one direction
// (typically `score desc`, which the planner never marks satisfied because of the primary key
// tiebreak `id asc`) is scanned in that direction and stops once skip+limit rows plus the rows
// tied with the last of them are read; those are sorted with RxDB's comparator. Required number,
// integer and boolean fields qualify (their keys order like the values), and a required string
// by its order group (query-planner.ts), which ends the prefix.
import type Database from 'better-sqlite3';
import {
  getSortComparator,
  objectPathMonad,
  type FilledMangoQuery,
  type PreparedQuery,
  type RxDocumentData,
  type RxJsonSchema,
} from 'rxdb';
import type { CollectionTable, IndexColumn } from './collection-table.js';
import type { TableStatements } from './table-statements.js';
import { boundKey, documentKeyFunction } from './index-key.js';
import { RowReader, type DocumentSource } from './row-reader.js';
import { queryMatcher } from './equality-matcher.js';
import {
  MAX_GROUPS,
  choosePlan,
  groupQuery,
  orderedPrefix,
  type Comparator,
  type Direction,
  type Plan,
} from './query-planner.js';

type Doc = RxDocumentData<unknown>;
type SkipPlan = Extract<Plan, { kind: 'skip' }>;

/** The smallest string above every string that starts with `prefix` (its last unit raised). */
function successor(prefix: string): string {
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
}

interface RangeScan {
  readonly column: IndexColumn;
  readonly lower: string;
  readonly upper: string;
  readonly inclusiveStart: boolean;
  readonly inclusiveEnd: boolean;
}

export class QueryRunner {
  constructor(
    private readonly statements: TableStatements,
    private readonly table: CollectionTable,
    private readonly schema: RxJsonSchema<Doc>,
    private readonly source: DocumentSource,
  ) {}

  query<T>(prepared: PreparedQuery<T>): RxDocumentData<T>[] {
    const plan = choosePlan(this.schema, prepared);
    const values = plan.kind === 'skip' ? this.groupValues(plan) : undefined;
    if (plan.kind === 'range' || values === undefined) {
      const run = this.run(plan.kind === 'range' ? plan.prepared : plan.fallback);
      this.source.keep(run.documents, run.reader.sizes);
      return run.documents as RxDocumentData<T>[];
    }
    const query = prepared.query as FilledMangoQuery<unknown>;
    const runs = values.map((value) =>
      this.run(groupQuery(this.schema, query, plan.index, plan.field, value)),
    );
    const skip = query.skip ?? 0;
    const end = typeof query.limit === 'number' ? skip + query.limit : Infinity;
    const documents = runs
      .flatMap((run) => run.documents)
      .sort(getSortComparator(this.schema, query))
      .slice(skip, end);
    for (const run of runs) this.source.keep(documents, run.reader.sizes);
    return documents as RxDocumentData<T>[];
  }

  private run(prepared: PreparedQuery<unknown>): { documents: Doc[]; reader: RowReader } {
    const range = this.rangeOf(prepared);
    // Without the planned index we scan the whole table, so selector and sort must both run.
    const matcher =
      prepared.queryPlan.selectorSatisfiedByIndex && range
        ? undefined
        : queryMatcher(this.schema, prepared.query);
    const reader = new RowReader(!matcher && this.source.holdsAny(), this.source);
    return { documents: this.select(prepared, range, matcher, reader), reader };
  }

  /**
   * The stored values of a skip scan's open field among the rows the pinned fields before it
   * select, one index seek each; undefined if there are more than MAX_GROUPS.
   */
  private groupValues(plan: SkipPlan): unknown[] | undefined {
    const column = this.table.columnByIndex.get(plan.index.join(','));
    if (!column) return undefined;
    const pinned = plan.index.slice(0, plan.position);
    const prefix = boundKey(this.schema, pinned, plan.pinnedKeys, 'lower');
    const end = prefix === '' ? undefined : successor(prefix);
    const sql =
      `SELECT ${column.column}, data FROM ${this.table.table} WHERE ${column.column} >= ?` +
      `${end === undefined ? '' : ` AND ${column.column} < ?`} ORDER BY ${column.column} LIMIT 1`;
    const seek = this.statements.get<string[], [string, string] | undefined>(sql, 'raw');
    const partOf = documentKeyFunction(this.schema, [plan.field]);
    const valueOf = objectPathMonad<Doc, unknown>(plan.field);
    const values: unknown[] = [];
    let cursor = prefix;
    for (;;) {
      const row = end === undefined ? seek.get(cursor) : seek.get(cursor, end);
      if (row === undefined) return values;
      if (values.length === MAX_GROUPS) return undefined;
      const doc = JSON.parse(row[1]) as Doc;
      values.push(valueOf(doc));
      cursor = successor(row[0].slice(0, prefix.length + partOf(doc).length));
    }
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

    const ordered = range ? orderedPrefix(this.schema, prepared) : undefined;
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
    const plan = choosePlan(this.schema, prepared);
    const values = plan.kind === 'skip' ? this.groupValues(plan) : undefined;
    if (plan.kind === 'skip' && values !== undefined) {
      const query = { ...prepared.query, skip: 0 } as FilledMangoQuery<unknown>;
      delete query.limit;
      return values.reduce<number>(
        (sum, value) =>
          sum + this.countPlanned(groupQuery(this.schema, query, plan.index, plan.field, value)),
        0,
      );
    }
    return this.countPlanned(plan.kind === 'range' ? plan.prepared : plan.fallback);
  }

  private countPlanned(prepared: PreparedQuery<unknown>): number {
    const range = this.rangeOf(prepared);
    if (prepared.queryPlan.selectorSatisfiedByIndex && range) {
      const sql =
        `SELECT count(*) FROM ${this.table.table} WHERE ` +
        `${range.column.column} ${range.inclusiveStart ? '>=' : '>'} ? AND ` +
        `${range.column.column} ${range.inclusiveEnd ? '<=' : '<'} ?`;
      return this.statements.get<[string, string], number>(sql, 'pluck').get(range.lower, range.upper) ?? 0;
    }
    const matcher = queryMatcher(this.schema, prepared.query);
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
