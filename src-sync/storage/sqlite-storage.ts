// The embedded default: one SQLite file (better-sqlite3) in the data folder. WAL journal with
// synchronous=FULL, so an acknowledged push survives a kill -9 or power loss; secure_delete,
// so an erased person's bytes are overwritten rather than left in free pages.
// better-sqlite3 is synchronous: a push runs whole inside its own savepoint, with no await in
// between, so no other request can see it half done; the pushes, intake writes and claims of
// one turn of the event loop commit together (sqlite-group-commit.ts), each answered after it.
import Database from 'better-sqlite3';
import { DOCUMENT_COLUMNS, toDocument, type DocumentRow } from './rows';
import type { DocumentWrite, OwnerFilter, ServerStorage, StoredDocument } from './server-storage';
import { isIndexedField } from './indexed-fields';
import { SQLITE_SCHEMA, sqliteField } from './sqlite-schema';
import { SqlStorageBase, type SqlValue } from './sql-storage-base';
import { SqliteEngineStore } from './sqlite-engine-store';
import { SqliteGroupCommit } from './sqlite-group-commit';

/** `$n` placeholders as SQLite's `?`, with the values in the order they appear. */
function positional(sql: string, params: readonly SqlValue[]): { sql: string; values: SqlValue[] } {
  const values: SqlValue[] = [];
  const text = sql.replace(/\$(\d+)/g, (_, n: string) => {
    const value = params[Number(n) - 1] ?? null;
    values.push(typeof value === 'boolean' ? Number(value) : value);
    return '?';
  });
  return { sql: text, values };
}

export class SqliteServerStorage extends SqlStorageBase implements ServerStorage {
  readonly kind = 'sqlite';
  private readonly db: Database.Database;
  private readonly group: SqliteGroupCommit;
  /** Prepared once: the hot statements of every write and read. */
  private readonly statements = new Map<string, Database.Statement>();
  private readonly engine: SqliteEngineStore;
  readonly suppressions: SqliteEngineStore;
  readonly claims: SqliteEngineStore;

  constructor(file: string) {
    super();
    this.db = new Database(file);
    this.group = new SqliteGroupCommit(this.db);
    this.engine = new SqliteEngineStore(this.db, this.group);
    this.suppressions = this.engine;
    this.claims = this.engine;
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('secure_delete = ON');
    this.db.pragma('busy_timeout = 5000');
  }

  private statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (statement === undefined) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  protected query<T>(sql: string, params: readonly SqlValue[]): Promise<T[]> {
    try {
      const { sql: text, values } = positional(sql, params);
      const statement = this.statement(text);
      if (statement.reader) return Promise.resolve(statement.all(...values) as T[]);
      statement.run(...values);
      return Promise.resolve([]);
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  protected isUniqueViolation(error: unknown): boolean {
    return error instanceof Error && /UNIQUE constraint failed/.test(error.message);
  }

  migrate(): Promise<void> {
    this.db.exec(SQLITE_SCHEMA);
    this.engine.migrate();
    return Promise.resolve();
  }

  close(): Promise<void> {
    this.group.flush();
    if (this.db.open) this.db.close();
    return Promise.resolve();
  }

  /** SQLite's online backup into `file` (the `backup` command). */
  async backup(file: string): Promise<void> {
    this.group.flush();
    await this.db.backup(file);
  }

  changesSince(
    teamId: string,
    collection: string,
    afterSeq: number,
    limit: number,
    owners: OwnerFilter,
  ): Promise<StoredDocument[]> {
    const ownerClause = owners === null ? '' : ` AND owner_id IN (${owners.map(() => '?').join(', ')})`;
    const rows = this.db
      .prepare(
        `SELECT ${DOCUMENT_COLUMNS} FROM documents WHERE team_id = ? AND collection = ? AND seq > ?${ownerClause} ORDER BY seq LIMIT ?`,
      )
      .all(teamId, collection, afterSeq, ...(owners ?? []), limit) as DocumentRow[];
    return Promise.resolve(rows.map(toDocument));
  }

  private readSync(teamId: string, collection: string, ids: readonly string[]): Map<string, StoredDocument> {
    const found = new Map<string, StoredDocument>();
    const read = this.statement(
      `SELECT ${DOCUMENT_COLUMNS} FROM documents WHERE team_id = ? AND collection = ? AND id = ?`,
    );
    for (const id of ids) {
      const row = read.get(teamId, collection, id) as DocumentRow | undefined;
      if (row !== undefined) found.set(id, toDocument(row));
    }
    return found;
  }

  readDocuments(
    teamId: string,
    collection: string,
    ids: readonly string[],
  ): Promise<Map<string, StoredDocument>> {
    return Promise.resolve(this.readSync(teamId, collection, ids));
  }

  writeDocuments<R>(
    teamId: string,
    collection: string,
    ids: readonly string[],
    decide: (current: Map<string, StoredDocument>) => { writes: DocumentWrite[]; result: R },
  ): Promise<R> {
    return this.group
      .add({
        execute: () => {
          const current = this.readSync(teamId, collection, ids);
          const { writes, result } = decide(current);
          return { result, lastSeq: this.store(teamId, collection, current, writes) };
        },
        committed: ({ lastSeq }) => {
          if (lastSeq > 0) this.notify({ teamId, collection, seq: lastSeq });
        },
      })
      .then(({ result }) => result);
  }

  /** Stores `writes` under the team's next seq numbers (inside the group's transaction); the last one. */
  private store(
    teamId: string,
    collection: string,
    current: Map<string, StoredDocument>,
    writes: readonly DocumentWrite[],
  ): number {
    if (writes.length === 0) return 0;
    const team = this.statement('UPDATE teams SET seq = seq + ? WHERE id = ? RETURNING seq').get(
      writes.length,
      teamId,
    ) as { seq: number } | undefined;
    if (team === undefined) throw new Error(`no team ${teamId}`);
    let seq = team.seq - writes.length;
    const upsert = this.statement(
      `INSERT INTO documents (team_id, collection, id, seq, owner_id, data) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (team_id, collection, id) DO UPDATE SET seq = excluded.seq, owner_id = excluded.owner_id, data = excluded.data`,
    );
    const ownerOf = this.statement(
      'SELECT owner_id FROM documents WHERE team_id = ? AND collection = ? AND id = ?',
    );
    const exit = this.statement(
      `INSERT INTO scope_exits (team_id, collection, id, owner_id, seq) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (team_id, collection, id, owner_id) DO UPDATE SET seq = excluded.seq`,
    );
    const back = this.statement(
      'DELETE FROM scope_exits WHERE team_id = ? AND collection = ? AND id = ? AND owner_id = ?',
    );
    for (const write of writes) {
      seq += 1;
      const before = current.has(write.id)
        ? (current.get(write.id)?.ownerId ?? null)
        : ((ownerOf.get(teamId, collection, write.id) as { owner_id: string | null } | undefined)?.owner_id ??
          null);
      // SS15: the former owner's loss at this seq; the new owner's own exit, if any, is void.
      if (before !== null && before !== write.ownerId) exit.run(teamId, collection, write.id, before, seq);
      if (write.ownerId !== null && before !== write.ownerId)
        back.run(teamId, collection, write.id, write.ownerId);
      upsert.run(teamId, collection, write.id, seq, write.ownerId, JSON.stringify(write.doc));
    }
    return seq;
  }

  deleteDocuments(teamId: string, collection: string, ids: readonly string[]): Promise<void> {
    const remove = this.db.prepare('DELETE FROM documents WHERE team_id = ? AND collection = ? AND id = ?');
    const exits = this.db.prepare('DELETE FROM scope_exits WHERE team_id = ? AND collection = ? AND id = ?');
    this.db.transaction(() =>
      ids.forEach((id) => {
        remove.run(teamId, collection, id);
        exits.run(teamId, collection, id);
      }),
    )();
    return Promise.resolve();
  }

  findByField(teamId: string, collection: string, field: string, value: string): Promise<StoredDocument[]> {
    // An indexed field is read through its partial index (0463); any other by reading them all.
    const rows = (
      isIndexedField(collection, field)
        ? this.statement(
            `SELECT ${DOCUMENT_COLUMNS} FROM documents WHERE team_id = ? AND collection = '${collection}' AND ${sqliteField(field)} = ?`,
          ).all(teamId, value)
        : this.statement(
            `SELECT ${DOCUMENT_COLUMNS} FROM documents WHERE team_id = ? AND collection = ? AND json_extract(data, ?) = ?`,
          ).all(teamId, collection, `$.${field}`, value)
    ) as DocumentRow[];
    return Promise.resolve(rows.map(toDocument));
  }

  scrub(): Promise<void> {
    this.group.flush();
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    return Promise.resolve();
  }
}
