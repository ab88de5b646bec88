// Turns the rows a query reads into documents, through the file's document cache: a document
// already cached is not parsed again, and only the documents a query returns are cached.
import type { RxDocumentData } from 'rxdb';

type Doc = RxDocumentData<unknown>;

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
export class RowReader {
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
