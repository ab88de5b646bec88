// Typed errors of the SQLite store. Every message names the database file and says what to do,
// because these reach a person (a log line, a start-up dialog), not only a developer.

export type StoreErrorCode =
  | 'STORE_OPEN_FAILED'
  | 'STORE_FILE_CORRUPT'
  | 'STORE_FILE_IN_USE'
  | 'STORE_SCHEMA_CHANGED'
  | 'STORE_UNSUPPORTED_SCHEMA'
  | 'STORE_MULTI_INSTANCE_UNSUPPORTED'
  | 'STORE_CLOSED'
  | 'STORE_WRITE_FAILED';

export class StoreError extends Error {
  override readonly name = 'StoreError';
  readonly code: StoreErrorCode;
  /** The SQLite file the error is about. */
  readonly file: string;

  constructor(code: StoreErrorCode, file: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.file = file;
  }
}

/** SQLite result codes (as better-sqlite3 reports them) that mean the bytes on disk are not usable. */
const CORRUPT_CODES = new Set([
  'SQLITE_CORRUPT',
  'SQLITE_NOTADB',
  'SQLITE_CORRUPT_INDEX',
  'SQLITE_CORRUPT_VTAB',
]);
const BUSY_CODES = new Set(['SQLITE_BUSY', 'SQLITE_LOCKED', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_BUSY_RECOVERY']);

function sqliteCodeOf(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') {
    return error.code;
  }
  return undefined;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Turns an error SQLite threw while working on `file` into a StoreError a person can act on.
 * Anything that is not a SQLite error (a StoreError, an RxDB error) is returned unchanged.
 */
export function explainSqliteError(error: unknown, file: string, doing: string): Error {
  const code = sqliteCodeOf(error);
  if (code === undefined || !code.startsWith('SQLITE_')) {
    return error instanceof Error ? error : new Error(String(error));
  }
  const reason = messageOf(error);
  if (CORRUPT_CODES.has(code)) {
    return new StoreError(
      'STORE_FILE_CORRUPT',
      file,
      `The database file ${file} is damaged or is not a Porchlight database (${reason}) while ${doing}. ` +
        'Nothing was changed in it. Close Porchlight, move the file aside, and restore it from a backup ' +
        'or let the app re-sync from the team server.',
      { cause: error },
    );
  }
  if (BUSY_CODES.has(code)) {
    return new StoreError(
      'STORE_FILE_IN_USE',
      file,
      `The database file ${file} is in use by another process (${reason}) while ${doing}. ` +
        'Only one Porchlight process may open it: close the other window or headless process and try again.',
      { cause: error },
    );
  }
  return new StoreError('STORE_WRITE_FAILED', file, `SQLite failed on ${file} while ${doing}: ${reason}`, {
    cause: error,
  });
}
