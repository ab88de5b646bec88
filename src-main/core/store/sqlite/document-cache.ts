// Parsed documents of one store file, by table and primary key: reads skip JSON.parse for them.
//
// Guarantees:
// - Coherent: this process is the file's only writer (locking_mode=EXCLUSIVE, multiInstance
//   refused), and the cache changes only with what the file holds: bulkWrite puts the documents
//   it wrote after its transaction committed (a rolled-back write changes nothing here), reads put
//   what they parsed, purged tombstones and dropped tables are forgotten, and the cache dies with
//   the connection.
// - Bounded: once the cached documents' JSON passes the budget, documents not read lately are
//   dropped (CLOCK, see DocumentCache); a write bigger than half the budget caches only its last
//   documents.
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
  /** Read since it was cached or last spared: the next eviction pass spares it once (CLOCK). */
  referenced: boolean;
}

interface TableEntries {
  readonly byId: Map<string, Entry>;
  size: number;
}

/**
 * Eviction is CLOCK (second chance) per table, from the table holding the most: a hit only sets a
 * flag, which costs far less than moving the entry to the back on every read (this runs per row).
 */
export class DocumentCache {
  private readonly tables = new Map<string, TableEntries>();
  private size = 0;

  constructor(private readonly budget: number) {}

  /** The cached document, marked as recently used; undefined when not cached. */
  get(table: string, id: string): unknown {
    const entry = this.tables.get(table)?.byId.get(id);
    if (entry === undefined) return undefined;
    entry.referenced = true;
    return entry.doc;
  }

  /** Whether any document of `table` is cached. */
  holds(table: string): boolean {
    return (this.tables.get(table)?.byId.size ?? 0) > 0;
  }

  /** Caches `doc` as the stored state of `id`; `size` is its JSON length. */
  put(table: string, id: string, doc: unknown, size: number): void {
    if (size > this.budget) {
      this.forget(table, id);
      return;
    }
    let entries = this.tables.get(table);
    if (!entries) {
      entries = { byId: new Map(), size: 0 };
      this.tables.set(table, entries);
    }
    const previous = entries.byId.get(id);
    if (previous) {
      entries.size -= previous.size;
      this.size -= previous.size;
      entries.byId.delete(id);
    }
    entries.byId.set(id, { doc, size, referenced: false });
    entries.size += size;
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
    const entries = this.tables.get(table);
    const entry = entries?.byId.get(id);
    if (entries && entry) {
      entries.size -= entry.size;
      this.size -= entry.size;
      entries.byId.delete(id);
    }
  }

  forgetTable(table: string): void {
    const entries = this.tables.get(table);
    if (entries) {
      this.size -= entries.size;
      this.tables.delete(table);
    }
  }

  private evict(): void {
    while (this.size > this.budget) {
      let largest: TableEntries | undefined;
      for (const entries of this.tables.values()) {
        if (!largest || entries.size > largest.size) largest = entries;
      }
      if (!largest) return;
      for (const [id, entry] of largest.byId) {
        largest.byId.delete(id);
        if (entry.referenced) {
          entry.referenced = false; // second chance: to the back
          largest.byId.set(id, entry);
          continue;
        }
        largest.size -= entry.size;
        this.size -= entry.size;
        break;
      }
    }
  }
}

export interface WrittenDocument {
  readonly id: string;
  readonly doc: unknown;
  readonly size: number;
}
