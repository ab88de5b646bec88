// Writing homes from a feed: new ones are added, changed ones updated with what they were
// (a price change keeps PreviousListPrice and when; a status change is counted), unchanged ones
// are not written (a re-import of the same feed writes nothing). Nothing is ever deleted: a
// home that left the feed is marked `leftFeedAt` and kept, so the timeline of a lead who was
// sent it still names it, and it is never offered again. One write per batch (bulkUpsert).
// A home that comes new on the market (or back on it) or drops its price is marked `alertAt`
// (when this import found it) for the property alerts; a feed's first import marks nothing:
// those homes are the book the agent starts from, not news for every lead at once.
import type { Listing, ListingFeedKind } from '../../../src-shared/domain';
import { RESO_FACT_FIELDS, listingDocId } from '../../../src-shared/domain';
import type { ListingImportReport } from '../../../src-shared/ipc/listings';
import { isOfferable } from '../../../src-shared/listings/match';
import type { CoreContext } from '../context';
import type { ListingFacts } from './listing-fields';

export type ImportCounts = Pick<
  ListingImportReport,
  'read' | 'added' | 'updated' | 'unchanged' | 'priceCuts' | 'statusChanges' | 'leftFeed'
>;

export function emptyCounts(): ImportCounts {
  return { read: 0, added: 0, updated: 0, unchanged: 0, priceCuts: 0, statusChanges: 0, leftFeed: 0 };
}

const FACT_FIELDS = [...RESO_FACT_FIELDS, 'publicUrl', 'ModificationTimestamp'] as const;

function sameFacts(old: Listing, next: Listing): boolean {
  return (
    FACT_FIELDS.every((field) => old[field] === next[field]) &&
    old.leftFeedAt === next.leftFeedAt &&
    JSON.stringify(old.photos) === JSON.stringify(next.photos)
  );
}

/** The document the feed's facts make of `old` (or a new one). */
export function mergeFacts(
  ctx: CoreContext,
  feed: ListingFeedKind,
  facts: ListingFacts,
  old: Listing | undefined,
  now: number,
  firstImport = false,
): Listing {
  const { OnMarketDate, PriceChangeTimestamp, ...fields } = facts;
  const priceMoved = old !== undefined && old.ListPrice !== facts.ListPrice;
  const next: Listing = {
    id: listingDocId(feed, facts.ListingKey),
    teamId: ctx.workspace.teamId,
    ownerId: old?.ownerId ?? ctx.workspace.agentId,
    updatedAt: now,
    feed,
    ...fields,
    ModificationTimestamp:
      facts.ModificationTimestamp === 0 ? (old?.ModificationTimestamp ?? now) : facts.ModificationTimestamp,
    listedAt: OnMarketDate ?? old?.listedAt ?? now,
    demo: false,
  };
  if (priceMoved) {
    next.PreviousListPrice = old.ListPrice;
    next.PriceChangeTimestamp = PriceChangeTimestamp ?? now;
  } else if (old?.PreviousListPrice !== undefined) {
    next.PreviousListPrice = old.PreviousListPrice;
    if (old.PriceChangeTimestamp !== undefined) next.PriceChangeTimestamp = old.PriceChangeTimestamp;
  }
  const kind = alertKindOf(old, next, firstImport);
  if (kind !== undefined) {
    next.alertAt = now;
    next.alertKind = kind;
  } else if (old?.alertAt !== undefined && old.alertKind !== undefined) {
    next.alertAt = old.alertAt;
    next.alertKind = old.alertKind;
  }
  return next;
}

/** Whether this change is news for the leads it fits: a new home, one back on sale, a price cut. */
function alertKindOf(
  old: Listing | undefined,
  next: Listing,
  firstImport: boolean,
): Listing['alertKind'] | undefined {
  if (!isOfferable(next)) return undefined;
  if (old === undefined) return firstImport ? undefined : 'new';
  if (!isOfferable(old)) return 'new';
  return next.ListPrice < old.ListPrice ? 'price_cut' : undefined;
}

/** Whether the feed has no home stored yet (its first import marks nothing as news). */
export async function isFirstImport(ctx: CoreContext, feed: ListingFeedKind): Promise<boolean> {
  return (await ctx.db.listings.count({ selector: { feed } }).exec()) === 0;
}

/** Saves one batch of a feed's homes; adds what it did to `counts`. Returns the changed ids. */
export async function saveListingFacts(
  ctx: CoreContext,
  feed: ListingFeedKind,
  batch: readonly ListingFacts[],
  counts: ImportCounts,
  firstImport = false,
): Promise<string[]> {
  const now = ctx.clock.now();
  const byId = new Map<string, ListingFacts>();
  for (const facts of batch) byId.set(listingDocId(feed, facts.ListingKey), facts);
  const found = await ctx.db.listings.findByIds([...byId.keys()]).exec();
  const writes: Listing[] = [];
  counts.read += batch.length;
  for (const [id, facts] of byId) {
    const old = found.get(id)?.toMutableJSON();
    const next = mergeFacts(ctx, feed, facts, old, now, firstImport);
    if (old === undefined) {
      counts.added += 1;
      writes.push(next);
      continue;
    }
    if (sameFacts(old, next)) {
      counts.unchanged += 1;
      continue;
    }
    counts.updated += 1;
    if (next.ListPrice < old.ListPrice) counts.priceCuts += 1;
    if (next.StandardStatus !== old.StandardStatus || old.leftFeedAt !== undefined) counts.statusChanges += 1;
    writes.push(next);
  }
  if (writes.length > 0) await ctx.db.listings.bulkUpsert(writes);
  return writes.map((listing) => listing.id);
}

/** Marks homes the feed no longer carries; they stay, off the feed. */
export async function markLeftFeed(
  ctx: CoreContext,
  ids: readonly string[],
  counts: ImportCounts,
): Promise<void> {
  if (ids.length === 0) return;
  const now = ctx.clock.now();
  const found = await ctx.db.listings.findByIds([...ids]).exec();
  const writes: Listing[] = [];
  for (const doc of found.values()) {
    const listing = doc.toMutableJSON();
    if (listing.leftFeedAt !== undefined) continue;
    writes.push({ ...listing, leftFeedAt: now, updatedAt: now });
  }
  counts.leftFeed += writes.length;
  if (writes.length > 0) await ctx.db.listings.bulkUpsert(writes);
}
