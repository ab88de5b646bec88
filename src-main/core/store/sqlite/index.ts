// The main process's persistent RxDB storage: SQLite through better-sqlite3. Never imports electron.
export { getRxStorageSqlite, type RxStorageSqlite, type SqliteStorageSettings } from './storage.js';
export type { SqliteInstanceOptions, SqliteInternals } from './instance.js';
export { scrubStoreFile, type SynchronousMode } from './store-file.js';
export { StoreError, type StoreErrorCode } from './errors.js';
export { explainOpenError } from './open-errors.js';
