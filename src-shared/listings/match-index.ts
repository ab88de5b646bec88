// Matching the whole book at once: every lead against every listing (the property-alerts job,
// the bench's 50,000 × 10,000). Offerable listings are kept in price order per city and per
// ZIP, so a lead's candidates are its areas' homes inside its price band, found by binary
// search, never the whole feed. A lead with only a price band searches the price-ordered list
// of all. `update` takes changed listings in place (an incremental import), so the index need
// not be rebuilt. Results are those of rankMatches over all listings (match-index.test.ts).
import type { Listing } from '../domain';
import type { ListingMatch, MatchCriteria } from './match';
import type { HomeKind } from './home-kind';
import { listingKind } from './home-kind';
import { canMatch, compareMatches, isOfferable, matchReasons, rankCeiling, rankOf } from './match';

/** A listing with what its filters read, worked out once (the hot loop compares numbers). */
interface Entry {
  listing: Listing;
  price: number;
  beds: number;
  baths: number;
  kind: HomeKind | null;
}
type Bucket = Entry[];

function entryOf(listing: Listing): Entry {
  return {
    listing,
    price: listing.ListPrice,
    beds: listing.BedroomsTotal ?? -1,
    baths: listing.BathroomsTotalInteger ?? -1,
    kind: listingKind(listing),
  };
}

function lowerBound(bucket: Bucket, price: number): number {
  let lo = 0;
  let hi = bucket.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((bucket[mid] as Entry).price < price) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function insert(bucket: Bucket, entry: Entry): void {
  bucket.splice(lowerBound(bucket, entry.price), 0, entry);
}

function remove(bucket: Bucket, entry: Entry): void {
  for (let at = lowerBound(bucket, entry.price); at < bucket.length; at += 1) {
    const here = bucket[at] as Entry;
    if (here.price !== entry.price) return;
    if (here.listing.id === entry.listing.id) {
      bucket.splice(at, 1);
      return;
    }
  }
}

const cityKey = (listing: Listing) => listing.City?.trim().toLowerCase();
const zipKey = (listing: Listing) => listing.PostalCode?.trim().slice(0, 5);

export class ListingIndex {
  private readonly all: Bucket = [];
  private readonly byCity = new Map<string, Bucket>();
  private readonly byZip = new Map<string, Bucket>();
  private readonly byId = new Map<string, Entry>();

  constructor(listings: Iterable<Listing> = []) {
    for (const listing of listings) if (isOfferable(listing)) this.byId.set(listing.id, entryOf(listing));
    const sorted = [...this.byId.values()].sort((a, b) => a.price - b.price);
    for (const entry of sorted) {
      this.all.push(entry);
      this.bucketsOf(entry.listing, true).forEach((bucket) => bucket.push(entry));
    }
  }

  get size(): number {
    return this.byId.size;
  }

  /** The cities homes are for sale in, as the feed writes them (a lead naming one means it). */
  cities(): string[] {
    return [...this.byCity.values()]
      .map((bucket) => bucket[0]?.listing.City?.trim() ?? '')
      .filter((city) => city !== '');
  }

  /** Takes changed listings in place: a withdrawn or sold one leaves, a new or repriced one moves. */
  update(changed: Iterable<Listing>): void {
    for (const listing of changed) {
      const old = this.byId.get(listing.id);
      if (old !== undefined) {
        remove(this.all, old);
        this.bucketsOf(old.listing, false).forEach((bucket) => remove(bucket, old));
        this.byId.delete(listing.id);
      }
      if (!isOfferable(listing)) continue;
      const entry = entryOf(listing);
      this.byId.set(listing.id, entry);
      insert(this.all, entry);
      this.bucketsOf(listing, true).forEach((bucket) => insert(bucket, entry));
    }
  }

  /**
   * The lead's best `limit` matches, as rankMatches over every listing would give them: a bucket
   * holds only offerable homes of the area (M1, M2's area), its price range is found by binary
   * search, and beds, baths and kind are compared as numbers.
   */
  matchesFor(
    criteria: MatchCriteria,
    now: number,
    alreadySent: ReadonlySet<string>,
    limit: number,
  ): ListingMatch[] {
    if (!canMatch(criteria)) return [];
    // The best `limit` so far, best first; a home that cannot beat the last is never kept.
    const top: ListingMatch[] = [];
    const seen = criteria.cities.size > 0 && criteria.zips.size > 0 ? new Set<string>() : undefined;
    const beds = criteria.bedsMin ?? -1;
    const baths = criteria.bathsMin ?? -1;
    const kinds = criteria.kinds.size > 0 ? criteria.kinds : undefined;
    const consider = (entry: Entry): void => {
      if (entry.beds < beds || entry.baths < baths) return;
      if (kinds !== undefined && (entry.kind === null || !kinds.has(entry.kind))) return;
      const { listing } = entry;
      if (alreadySent.size > 0 && alreadySent.has(listing.id)) return;
      if (seen !== undefined) {
        if (seen.has(listing.id)) return;
        seen.add(listing.id);
      }
      const rank = rankOf(criteria, listing, now);
      const last = top[top.length - 1];
      if (top.length >= limit && last !== undefined && rank < last.rank) return;
      const match: ListingMatch = { listing, rank, reasons: [] };
      if (top.length >= limit && last !== undefined && compareMatches(match, last) >= 0) return;
      let place = top.length;
      while (place > 0 && compareMatches(match, top[place - 1] as ListingMatch) < 0) place -= 1;
      top.splice(place, 0, match);
      if (top.length > limit) top.pop();
    };
    // Each bucket from the top of the band down, stopping once no cheaper home in it could rank
    // above the last one kept (rankCeiling falls with the price).
    const buckets =
      criteria.cities.size === 0 && criteria.zips.size === 0 ? [this.all] : this.candidateBuckets(criteria);
    for (const bucket of buckets) {
      const start = criteria.priceMin === undefined ? 0 : lowerBound(bucket, criteria.priceMin);
      const end = criteria.priceMax === undefined ? bucket.length : lowerBound(bucket, criteria.priceMax + 1);
      for (let at = end - 1; at >= start; at -= 1) {
        const entry = bucket[at] as Entry;
        const last = top[top.length - 1];
        if (top.length >= limit && last !== undefined && rankCeiling(criteria, entry.price) < last.rank)
          break;
        consider(entry);
      }
    }
    return top.map((match) => ({ ...match, reasons: matchReasons(criteria, match.listing, now) }));
  }

  private candidateBuckets(criteria: MatchCriteria): Bucket[] {
    if (criteria.cities.size === 0 && criteria.zips.size === 0) return [this.all];
    const buckets: Bucket[] = [];
    for (const city of criteria.cities) {
      const bucket = this.byCity.get(city);
      if (bucket !== undefined) buckets.push(bucket);
    }
    for (const zip of criteria.zips) {
      const bucket = this.byZip.get(zip);
      if (bucket !== undefined) buckets.push(bucket);
    }
    return buckets;
  }

  private bucketsOf(listing: Listing, create: boolean): Bucket[] {
    const buckets: Bucket[] = [];
    const add = (map: Map<string, Bucket>, key: string | undefined) => {
      if (key === undefined || key === '') return;
      let bucket = map.get(key);
      if (bucket === undefined && create) map.set(key, (bucket = []));
      if (bucket !== undefined) buckets.push(bucket);
    };
    add(this.byCity, cityKey(listing));
    add(this.byZip, zipKey(listing));
    return buckets;
  }
}
