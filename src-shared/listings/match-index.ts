// Matching the whole book at once: every lead against every listing (the property-alerts job,
// the bench's 50,000 × 10,000). Offerable listings are kept in price order per city and per
// ZIP, so a lead's candidates are its areas' homes inside its price band, found by binary
// search, never the whole feed. A lead with only a price band searches the price-ordered list
// of all. `update` takes changed listings in place (an incremental import), so the index need
// not be rebuilt. Results are those of rankMatches over all listings (match-index.test.ts).
import type { Listing } from '../domain';
import type { ListingMatch, MatchCriteria } from './match';
import { canMatch, isOfferable, matchReasons, passesFilters, rankOf, topMatches } from './match';

type Bucket = Listing[];

function lowerBound(bucket: Bucket, price: number): number {
  let lo = 0;
  let hi = bucket.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((bucket[mid] as Listing).ListPrice < price) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function insert(bucket: Bucket, listing: Listing): void {
  bucket.splice(lowerBound(bucket, listing.ListPrice), 0, listing);
}

function remove(bucket: Bucket, listing: Listing): void {
  for (let at = lowerBound(bucket, listing.ListPrice); at < bucket.length; at += 1) {
    const here = bucket[at] as Listing;
    if (here.ListPrice !== listing.ListPrice) return;
    if (here.id === listing.id) {
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
  private readonly byId = new Map<string, Listing>();

  constructor(listings: Iterable<Listing> = []) {
    for (const listing of listings) if (isOfferable(listing)) this.byId.set(listing.id, listing);
    const sorted = [...this.byId.values()].sort((a, b) => a.ListPrice - b.ListPrice);
    for (const listing of sorted) {
      this.all.push(listing);
      this.bucketsOf(listing, true).forEach((bucket) => bucket.push(listing));
    }
  }

  get size(): number {
    return this.byId.size;
  }

  /** The cities homes are for sale in, as the feed writes them (a lead naming one means it). */
  cities(): string[] {
    return [...this.byCity.values()]
      .map((bucket) => bucket[0]?.City?.trim() ?? '')
      .filter((city) => city !== '');
  }

  /** Takes changed listings in place: a withdrawn or sold one leaves, a new or repriced one moves. */
  update(changed: Iterable<Listing>): void {
    for (const listing of changed) {
      const old = this.byId.get(listing.id);
      if (old !== undefined) {
        remove(this.all, old);
        this.bucketsOf(old, false).forEach((bucket) => remove(bucket, old));
        this.byId.delete(listing.id);
      }
      if (!isOfferable(listing)) continue;
      this.byId.set(listing.id, listing);
      insert(this.all, listing);
      this.bucketsOf(listing, true).forEach((bucket) => insert(bucket, listing));
    }
  }

  /** The lead's best `limit` matches, as rankMatches over every listing would give them. */
  matchesFor(
    criteria: MatchCriteria,
    now: number,
    alreadySent: ReadonlySet<string>,
    limit: number,
  ): ListingMatch[] {
    if (!canMatch(criteria)) return [];
    const ranked: ListingMatch[] = [];
    const seen = criteria.cities.size > 0 && criteria.zips.size > 0 ? new Set<string>() : undefined;
    for (const bucket of this.candidateBuckets(criteria)) {
      const from = criteria.priceMin === undefined ? 0 : lowerBound(bucket, criteria.priceMin);
      for (let at = from; at < bucket.length; at += 1) {
        const listing = bucket[at] as Listing;
        if (criteria.priceMax !== undefined && listing.ListPrice > criteria.priceMax) break;
        if (alreadySent.has(listing.id) || !passesFilters(criteria, listing)) continue;
        if (seen !== undefined) {
          if (seen.has(listing.id)) continue;
          seen.add(listing.id);
        }
        ranked.push({ listing, rank: rankOf(criteria, listing, now), reasons: [] });
      }
    }
    return topMatches(ranked, limit).map((match) => ({
      ...match,
      reasons: matchReasons(criteria, match.listing, now),
    }));
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
