// Explains the errors RxDB itself raises while a database on this store is opened, in the same
// terms as the store's own errors (file named, what to do). RxDB compares a collection's schema
// with the one stored in its internal collection before the storage sees it and, without dev-mode,
// reports only "DB6"; the caller that opens the database passes such errors through here.
import { RxError } from 'rxdb';
import { StoreError } from './errors.js';

export function explainOpenError(error: unknown, file: string): Error {
  if (error instanceof StoreError) {
    return error;
  }
  if (error instanceof RxError && error.code === 'DB6') {
    const collection = String(error.parameters.collection ?? 'a collection');
    return new StoreError(
      'STORE_SCHEMA_CHANGED',
      file,
      `The schema of "${collection}" changed since ${file} was written, but its version did not. ` +
        'Raise the schema version and add a migration strategy for it; the stored documents were kept.',
      { cause: error },
    );
  }
  return error instanceof Error ? error : new Error(String(error));
}
