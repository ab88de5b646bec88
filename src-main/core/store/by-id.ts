// One document by its primary key. RxDB's findByIds answers from its document cache (always
// current: every write of this database passes through it) and asks the storage only for ids it
// does not hold; a `findOne(id)` query is normalised, planned and matched like any other query
// first, which a burst of new leads pays a dozen times per lead.
import type { RxCollection, RxDocument } from 'rxdb';

export async function docById<T>(collection: RxCollection<T>, id: string): Promise<RxDocument<T> | null> {
  return (await collection.findByIds([id]).exec()).get(id) ?? null;
}
