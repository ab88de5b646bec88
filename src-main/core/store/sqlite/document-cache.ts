// Parsed documents of one store file, by table and primary key: reads skip JSON.parse for them.
//
// Guarantees:
// - Coherent: this process is the file's only writer (locking_mode=EXCLUSIVE, multiInstance
//   refused), and the cache changes only with what the file holds: bulkWrite puts the documents
//   it wrote after its transaction committed (a rolled-back write changes nothing here), reads put
//   what they parsed, purged tombstones and dropped tables are forgotten, and the cache dies with
//   the connection.
// - Bounded: least recently used documents are dropped once the cached documents' JSON passes
//   the budget; a write bigger than half the budget caches only its last documents.
// - Shared objects, as in RxDB's memory storage: a read returns the cached object itself, and a
//   write keeps the object RxDB handed in. RxDB treats both as immutable (it copies a document
//   before changing it); nothing else may modify a document it read from or wrote to a storage.

/**
 * 16 M characters of JSON. Parsed documents take about as many bytes of heap as their JSON has
 * characters (0.94 measured for Porchlight's leads), so ~16 MB: about 27,000 leads.
 */
export const DOCUMENT_CACHE_BUDGET = 16_000_000;

interface Entry {
  readonly doc: unknown;
  readonly size: number;
}

export class DocumentCache {
  private readonly entries = new Map<string, Entry>();
  private size = 0;

  constructor(private readonly budget: number) {}

  /** The cached document, marked as recently used; undefined when not cached. */
  get(table: string, id: string): unknown {
    const key = `${table}\u0000${id}`;
    const entry = this.entries.get(key);
    if (entry) {
      this.entries.delete(key);
      this.entries.set(key, entry);
      return entry.doc;
    }
    return undefined;
  }

  /** Caches `doc` as the stored state of `id`; `size` is its JSON length. */
  put(table: string, id: string, doc: unknown, size: number): void {
    if (size > this.budget) {
      this.forget(table, id);
      return;
    }
    const key = `${table}\u0000${id}`;
    const previous = this.entries.get(key);
    if (previous) {
      this.size -= previous.size;
      this.entries.delete(key);
    }
    this.entries.set(key, { doc, size });
    this.size += size;
    this.evict();
  }

  /** Caches the committed documents of one write; of a very large write, only its last ones. */
  putWritten(table: string, written: readonly WrittenDocument[]): void {
    let from = written.length;
    let size = 0;
    while (from > 0) {
      const next = written[from - 1];
      if (!next || size + next.size > this.budget / 2) break;
      size += next.size;
      from--;
    }
    for (let i = 0; i < written.length; i++) {
      const entry = written[i];
      if (!entry) continue;
      if (i >= from) {
        this.put(table, entry.id, entry.doc, entry.size);
      } else {
        this.forget(table, entry.id); // an older state may be cached
      }
    }
  }

  forget(table: string, id: string): void {
    const key = `${table}\u0000${id}`;
    const entry = this.entries.get(key);
    if (entry) {
      this.size -= entry.size;
      this.entries.delete(key);
    }
  }

  forgetTable(table: string): void {
    const prefix = `${table}\u0000`;
    for (const [key, entry] of this.entries) {
      if (key.startsWith(prefix)) {
        this.size -= entry.size;
        this.entries.delete(key);
      }
    }
  }

  private evict(): void {
    for (const [key, entry] of this.entries) {
      if (this.size <= this.budget) break;
      this.size -= entry.size;
      this.entries.delete(key);
    }
  }
}

export interface WrittenDocument {
  readonly id: string;
  readonly doc: unknown;
  readonly size: number;
}
