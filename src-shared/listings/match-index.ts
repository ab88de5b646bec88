// Matching the whole book at once: every lead against every listing (property alerts, the
// bench's 50,000 × 10,000). Offerable listings are kept in price order per city, per ZIP and
// all together, and split into tiers by the most their time bonuses can add ("new this week",
// "price cut") over a span of `now` (a day): within a tier a home's rank can only fall with its
// price, so a lead's band is read from its top down and a tier stops as soon as no cheaper home
// in it could outrank the ones kept; the tiers with the larger bonuses are read first, so the
// plain tier usually stops after a few homes. Bonuses only fade as time passes, so a tier's
// ceiling holds across its span; a `now` outside it sorts the tiers again. `update` takes
// changed listings in place (an incremental import). Results are those of rankMatches over
// all listings (match.test.ts checks it with fast-check, at several `now`s).
import type { Listing } from '../domain';
import type { ListingMatch, MatchCriteria } from './match';
import type { HomeKind } from './home-kind';
import { listingKind } from './home-kind';
import {
  CUT_BONUS_MAX,
  NEW_BONUS,
  PHOTO_BONUS,
  budgetFit,
  canMatch,
  compareMatches,
  isOfferable,
  matchReasons,
  rankOf,
} from './match';

const DAY_MS = 86_400_000;
/** How long one sorting of the tiers serves: a query's `now` outside it sorts them again. */
const TIER_SPAN_MS = DAY_MS;
const NEW_WINDOW_MS = 7 * DAY_MS;
const CUT_WINDOW_MS = 30 * DAY_MS;

/** A listing with what its filters and rank read, worked out once (the hot loop compares numbers). */
interface Entry {
  listing: Listing;
  price: number;
  beds: number;
  baths: number;
  kind: HomeKind | null;
  city: string | undefined;
  zip: string | undefined;
  tier: number;
}
type Bucket = Entry[];

interface Tier {
  /** The most the time bonuses and photos add to any home of the tier, inside the span. */
  bonus: number;
  all: Bucket;
  byCity: Map<string, Bucket>;
  byZip: Map<string, Bucket>;
}

/** Tiers by bonus ceiling, largest first: new and cut, new or cut, neither; photos or not. */
const TIER_BONUSES = [
  NEW_BONUS + CUT_BONUS_MAX + PHOTO_BONUS,
  NEW_BONUS + CUT_BONUS_MAX,
  Math.max(NEW_BONUS, CUT_BONUS_MAX) + PHOTO_BONUS,
  Math.max(NEW_BONUS, CUT_BONUS_MAX),
  PHOTO_BONUS,
  0,
];

function entryOf(listing: Listing): Entry {
  return {
    listing,
    price: listing.ListPrice,
    beds: listing.BedroomsTotal ?? -1,
    baths: listing.BathroomsTotalInteger ?? -1,
    kind: listingKind(listing),
    city: listing.City?.trim().toLowerCase(),
    zip: listing.PostalCode?.trim().slice(0, 5),
    tier: 0,
  };
}

/** The tier of a home for every `now` in [from, from + span]: which bonuses it may still get. */
function tierOf(listing: Listing, from: number): number {
  const to = from + TIER_SPAN_MS;
  const mayBeNew = listing.listedAt <= to && listing.listedAt >= from - NEW_WINDOW_MS;
  const before = listing.PreviousListPrice;
  const mayBeCut =
    before !== undefined &&
    before > listing.ListPrice &&
    (listing.PriceChangeTimestamp ?? 0) >= from - CUT_WINDOW_MS;
  const photos = listing.photos.length > 0;
  if (mayBeNew && mayBeCut) return photos ? 0 : 1;
  if (mayBeNew || mayBeCut) return photos ? 2 : 3;
  return photos ? 4 : 5;
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
    if (here === entry) {
      bucket.splice(at, 1);
      return;
    }
  }
}

function bucketIn(map: Map<string, Bucket>, key: string | undefined): Bucket | undefined {
  if (key === undefined || key === '') return undefined;
  let bucket = map.get(key);
  if (bucket === undefined) map.set(key, (bucket = []));
  return bucket;
}

export class ListingIndex {
  private readonly byId = new Map<string, Entry>();
  private tiers: Tier[] = [];
  /** The start of the span the tiers hold for; undefined until the first query sorts them. */
  private tieredFrom: number | undefined;
  private cityNames: string[] | undefined;

  /** `now` sorts the tiers at once (else the first query does). */
  constructor(listings: Iterable<Listing> = [], now?: number) {
    for (const listing of listings) if (isOfferable(listing)) this.byId.set(listing.id, entryOf(listing));
    if (now !== undefined) this.sortTiers(now);
  }

  get size(): number {
    return this.byId.size;
  }

  /** The homes for sale among these, as a new index (an alert's new homes and price cuts). */
  subset(keep: (listing: Listing) => boolean): ListingIndex {
    const listings: Listing[] = [];
    for (const entry of this.byId.values()) if (keep(entry.listing)) listings.push(entry.listing);
    return new ListingIndex(listings, this.tieredFrom);
  }

  /** The cities homes are for sale in, as the feed writes them (a lead naming one means it). */
  cities(): string[] {
    if (this.cityNames !== undefined) return this.cityNames;
    const names = new Map<string, string>();
    for (const entry of this.byId.values()) {
      const name = entry.listing.City?.trim();
      if (entry.city !== undefined && entry.city !== '' && name !== undefined && !names.has(entry.city))
        names.set(entry.city, name);
    }
    this.cityNames = [...names.values()];
    return this.cityNames;
  }

  /** Takes changed listings in place: a withdrawn or sold one leaves, a new or repriced one moves. */
  update(changed: Iterable<Listing>): void {
    this.cityNames = undefined;
    for (const listing of changed) {
      const old = this.byId.get(listing.id);
      if (old !== undefined) {
        this.byId.delete(listing.id);
        if (this.tieredFrom !== undefined) this.bucketsOf(old).forEach((bucket) => remove(bucket, old));
      }
      if (!isOfferable(listing)) continue;
      const entry = entryOf(listing);
      this.byId.set(listing.id, entry);
      if (this.tieredFrom === undefined) continue;
      entry.tier = tierOf(listing, this.tieredFrom);
      this.bucketsOf(entry).forEach((bucket) => insert(bucket, entry));
    }
  }

  /**
   * The lead's best `limit` matches, as rankMatches over every listing would give them: a bucket
   * holds only offerable homes of the area (M1, M2's area), its price range is found by binary
   * search, and beds, baths and kind are compared as numbers. Allocates only for a home kept.
   */
  matchesFor(
    criteria: MatchCriteria,
    now: number,
    alreadySent: ReadonlySet<string>,
    limit: number,
  ): ListingMatch[] {
    if (!canMatch(criteria) || limit < 1) return [];
    if (this.tieredFrom === undefined || now < this.tieredFrom || now > this.tieredFrom + TIER_SPAN_MS)
      this.sortTiers(now);
    // The best `limit` so far, best first; a home that cannot beat the last is never kept.
    const top: ListingMatch[] = [];
    const byArea = criteria.cities.size > 0 || criteria.zips.size > 0;
    const seen = criteria.cities.size > 0 && criteria.zips.size > 0 ? new Set<string>() : undefined;
    const beds = criteria.bedsMin ?? -1;
    const baths = criteria.bathsMin ?? -1;
    const kinds = criteria.kinds.size > 0 ? criteria.kinds : undefined;
    const fitMax = budgetFit(criteria.priceMax, criteria.priceMax ?? 0);
    for (const tier of this.tiers) {
      const full = top.length >= limit;
      if (full && fitMax + tier.bonus < (top[top.length - 1] as ListingMatch).rank) continue;
      for (const bucket of byArea ? this.areaBuckets(tier, criteria) : [tier.all]) {
        const start = criteria.priceMin === undefined ? 0 : lowerBound(bucket, criteria.priceMin);
        const end =
          criteria.priceMax === undefined ? bucket.length : lowerBound(bucket, criteria.priceMax + 1);
        // From the top of the band down: within a tier the ceiling falls with the price.
        for (let at = end - 1; at >= start; at -= 1) {
          const entry = bucket[at] as Entry;
          if (
            top.length >= limit &&
            budgetFit(criteria.priceMax, entry.price) + tier.bonus <
              (top[top.length - 1] as ListingMatch).rank
          )
            break;
          if (entry.beds < beds || entry.baths < baths) continue;
          if (kinds !== undefined && (entry.kind === null || !kinds.has(entry.kind))) continue;
          const { listing } = entry;
          if (alreadySent.size > 0 && alreadySent.has(listing.id)) continue;
          if (seen !== undefined) {
            if (seen.has(listing.id)) continue;
            seen.add(listing.id);
          }
          keep(top, limit, listing, rankOf(criteria, listing, now));
        }
      }
    }
    return top.map((match) => ({ ...match, reasons: matchReasons(criteria, match.listing, now) }));
  }

  private areaBuckets(tier: Tier, criteria: MatchCriteria): Bucket[] {
    const buckets: Bucket[] = [];
    for (const city of criteria.cities) {
      const bucket = tier.byCity.get(city);
      if (bucket !== undefined) buckets.push(bucket);
    }
    for (const zip of criteria.zips) {
      const bucket = tier.byZip.get(zip);
      if (bucket !== undefined) buckets.push(bucket);
    }
    return buckets;
  }

  /** Every bucket the entry belongs to in its tier (made when missing). */
  private bucketsOf(entry: Entry): Bucket[] {
    const tier = this.tiers[entry.tier] as Tier;
    const buckets: Bucket[] = [tier.all];
    const city = bucketIn(tier.byCity, entry.city);
    if (city !== undefined) buckets.push(city);
    const zip = bucketIn(tier.byZip, entry.zip);
    if (zip !== undefined) buckets.push(zip);
    return buckets;
  }

  private sortTiers(now: number): void {
    this.tieredFrom = now;
    this.tiers = TIER_BONUSES.map((bonus) => ({ bonus, all: [], byCity: new Map(), byZip: new Map() }));
    const sorted = [...this.byId.values()].sort((a, b) => a.price - b.price);
    for (const entry of sorted) {
      entry.tier = tierOf(entry.listing, now);
      this.bucketsOf(entry).forEach((bucket) => bucket.push(entry));
    }
  }
}

/** Puts the home in `top` (best first, at most `limit`) when it beats the last one kept. */
function keep(top: ListingMatch[], limit: number, listing: Listing, rank: number): void {
  const last = top[top.length - 1];
  if (top.length >= limit && last !== undefined && rank < last.rank) return;
  const match: ListingMatch = { listing, rank, reasons: [] };
  if (top.length >= limit && last !== undefined && compareMatches(match, last) >= 0) return;
  let place = top.length;
  while (place > 0 && compareMatches(match, top[place - 1] as ListingMatch) < 0) place -= 1;
  top.splice(place, 0, match);
  if (top.length > limit) top.pop();
}
