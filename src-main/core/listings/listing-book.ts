// The team's homes kept ready for matching: the index is built from the store on first use
// and then follows the listings change stream (an import, a replicated change), so matching a
// lead never reads 50,000 documents again. Lives as long as the core that made it.
import type { Subscription } from 'rxjs';
import type { Listing } from '../../../src-shared/domain';
import { ListingIndex } from '../../../src-shared/listings/match-index';
import type { PorchlightDatabase } from '../store/collections';

export class ListingBook {
  private index: Promise<ListingIndex> | undefined;
  private subscription: Subscription | undefined;
  private pending: Listing[] = [];

  constructor(private readonly db: PorchlightDatabase) {}

  start(): void {
    this.subscription = this.db.listings.$.subscribe((event) => {
      // A deleted document (never written by us; a replicated purge) leaves the index as withdrawn.
      const listing: Listing =
        event.operation === 'DELETE'
          ? { ...event.documentData, StandardStatus: 'Delete' }
          : event.documentData;
      this.pending.push(listing);
    });
  }

  stop(): void {
    this.subscription?.unsubscribe();
    this.subscription = undefined;
  }

  /** The index with every change written so far. */
  async current(): Promise<ListingIndex> {
    this.index ??= this.build();
    const index = await this.index;
    if (this.pending.length > 0) index.update(this.pending.splice(0));
    return index;
  }

  private async build(): Promise<ListingIndex> {
    this.pending = [];
    const docs = await this.db.listings.find().exec();
    return new ListingIndex(docs.map((doc) => doc.toMutableJSON()));
  }
}

/** The book of a core that has one, else an index read afresh (tests, one-off tools). */
export async function listingIndexOf(ctx: {
  db: PorchlightDatabase;
  listingBook?: ListingBook;
}): Promise<ListingIndex> {
  if (ctx.listingBook !== undefined) return ctx.listingBook.current();
  const docs = await ctx.db.listings.find().exec();
  return new ListingIndex(docs.map((doc) => doc.toMutableJSON()));
}
