// Which homes fit a lead, and why, in words an agent (and the lead) can read. A match is a
// filter first and a ranking after:
//   M1 only a home that can still be bought (Active, ComingSoon) and is still in the feed;
//   M2 inside the price band (a home outside it never matches), in one of the areas, with at
//      least the beds and baths, of one of the kinds, whenever the lead has that preference;
//   M3 a lead with neither an area nor a price band has no matches (we do not send any home);
//   M4 homes already sent to the lead are left out;
//   M5 ranked by: new this week, a price cut, nearest the top of the budget, has photos.
// Every rule only removes homes, so a tighter preference never adds a match.
import type { Listing } from '../domain';
import { OFFERABLE_STATUSES } from '../domain';
import type { HomeKind } from './home-kind';
import { homeKindLabels, listingKind } from './home-kind';
import type { LeadHomePreferences } from './preferences';

const DAY_MS = 86_400_000;
export const NEW_LISTING_DAYS = 7;

/** The preferences flattened for fast filtering: lower-cased cities, ZIP prefixes. */
export interface MatchCriteria {
  cities: ReadonlySet<string>;
  zips: ReadonlySet<string>;
  /** Cities as written, for the reason ("in Maple Grove"). */
  cityNames: ReadonlyMap<string, string>;
  priceMin: number | undefined;
  priceMax: number | undefined;
  bedsMin: number | undefined;
  bathsMin: number | undefined;
  kinds: ReadonlySet<HomeKind>;
}

export function criteriaOf(preferences: LeadHomePreferences): MatchCriteria {
  const cityNames = new Map<string, string>();
  for (const city of preferences.areas?.value.cities ?? [])
    cityNames.set(city.trim().toLowerCase(), city.trim());
  return {
    cities: new Set(cityNames.keys()),
    zips: new Set((preferences.areas?.value.zips ?? []).map((zip) => zip.trim().slice(0, 5))),
    cityNames,
    priceMin: preferences.price?.value.min,
    priceMax: preferences.price?.value.max,
    bedsMin: preferences.bedsMin?.value,
    bathsMin: preferences.bathsMin?.value,
    kinds: new Set(preferences.types?.value ?? []),
  };
}

/** M3: whether the lead said enough for a home to be chosen for them. */
export function canMatch(criteria: MatchCriteria): boolean {
  return (
    criteria.cities.size > 0 ||
    criteria.zips.size > 0 ||
    criteria.priceMin !== undefined ||
    criteria.priceMax !== undefined
  );
}

export function isOfferable(listing: Pick<Listing, 'StandardStatus' | 'leftFeedAt'>): boolean {
  return OFFERABLE_STATUSES.includes(listing.StandardStatus) && listing.leftFeedAt === undefined;
}

export function shortPrice(amount: number): string {
  if (amount >= 1_000_000) return `$${(Math.round(amount / 10_000) / 100).toString()}M`;
  if (amount >= 1000) return `$${Math.round(amount / 1000).toString()}k`;
  return `$${Math.round(amount).toString()}`;
}

/** M1, M2: whether the home passes the lead's filters (M3 is the caller's, via canMatch). */
export function passesFilters(criteria: MatchCriteria, listing: Listing): boolean {
  if (!isOfferable(listing)) return false;
  const price = listing.ListPrice;
  if (criteria.priceMin !== undefined && price < criteria.priceMin) return false;
  if (criteria.priceMax !== undefined && price > criteria.priceMax) return false;
  if (criteria.cities.size > 0 || criteria.zips.size > 0) {
    const inCity = listing.City !== undefined && criteria.cities.has(listing.City.trim().toLowerCase());
    const inZip =
      listing.PostalCode !== undefined && criteria.zips.has(listing.PostalCode.trim().slice(0, 5));
    if (!inCity && !inZip) return false;
  }
  if (criteria.bedsMin !== undefined && (listing.BedroomsTotal ?? -1) < criteria.bedsMin) return false;
  if (criteria.bathsMin !== undefined && (listing.BathroomsTotalInteger ?? -1) < criteria.bathsMin)
    return false;
  if (criteria.kinds.size > 0) {
    const kind = listingKind(listing);
    if (kind === null || !criteria.kinds.has(kind)) return false;
  }
  return true;
}

export interface ListingMatch {
  listing: Listing;
  /** Higher ranks first. */
  rank: number;
  reasons: string[];
}

function priceCut(listing: Listing, now: number): number {
  const before = listing.PreviousListPrice;
  const at = listing.PriceChangeTimestamp ?? 0;
  return before !== undefined && before > listing.ListPrice && now - at <= 30 * DAY_MS
    ? before - listing.ListPrice
    : 0;
}

/** What "new this week", a price cut (at most) and photos add to a home's rank. */
export const NEW_BONUS = 40;
export const CUT_BONUS_MAX = 40;
export const PHOTO_BONUS = 5;

/** Nearest the top of the budget first: what they can afford, not the cheapest on the list. */
export function budgetFit(priceMax: number | undefined, price: number): number {
  return priceMax !== undefined && priceMax > 0
    ? 30 * (1 - Math.min(1, ((priceMax - price) / priceMax) * 2))
    : 0;
}

/** M5: how high a home that passed the filters ranks for the lead. */
export function rankOf(criteria: MatchCriteria, listing: Listing, now: number): number {
  let rank = budgetFit(criteria.priceMax, listing.ListPrice);
  const age = now - listing.listedAt;
  if (age >= 0 && age <= NEW_LISTING_DAYS * DAY_MS) rank += NEW_BONUS;
  const cut = priceCut(listing, now);
  if (cut > 0) rank += CUT_BONUS_MAX - 15 + Math.min(15, cut / 5000);
  if (listing.photos.length > 0) rank += PHOTO_BONUS;
  return rank;
}

/** The reasons a home fits, in the order a person reads them. */
export function matchReasons(criteria: MatchCriteria, listing: Listing, now: number): string[] {
  const reasons: string[] = [];
  const { priceMin, priceMax } = criteria;
  if (priceMax !== undefined && priceMin !== undefined)
    reasons.push(`in budget (${shortPrice(priceMin)}–${shortPrice(priceMax)})`);
  else if (priceMax !== undefined) reasons.push(`under ${shortPrice(priceMax)}`);
  else if (priceMin !== undefined) reasons.push(`from ${shortPrice(priceMin)}`);
  const city = listing.City?.trim().toLowerCase();
  const zip = listing.PostalCode?.trim().slice(0, 5);
  if (city !== undefined && criteria.cities.has(city))
    reasons.push(`in ${criteria.cityNames.get(city) ?? listing.City ?? ''}`);
  else if (zip !== undefined && criteria.zips.has(zip)) reasons.push(`in ${zip}`);
  if (criteria.bedsMin !== undefined) reasons.push(`${String(listing.BedroomsTotal ?? 0)} beds`);
  if (criteria.bathsMin !== undefined) reasons.push(`${String(listing.BathroomsTotalInteger ?? 0)} baths`);
  if (criteria.kinds.size > 0) {
    const kind = listingKind(listing);
    if (kind !== null) reasons.push(homeKindLabels[kind]);
  }
  const age = now - listing.listedAt;
  if (age >= 0 && age <= NEW_LISTING_DAYS * DAY_MS) reasons.push('new this week');
  const cut = priceCut(listing, now);
  if (cut > 0) reasons.push(`price cut ${shortPrice(cut)}`);
  return reasons;
}

export function explainMatch(criteria: MatchCriteria, listing: Listing, now: number): ListingMatch {
  return { listing, rank: rankOf(criteria, listing, now), reasons: matchReasons(criteria, listing, now) };
}

export function compareMatches(a: ListingMatch, b: ListingMatch): number {
  return (
    b.rank - a.rank ||
    b.listing.ModificationTimestamp - a.listing.ModificationTimestamp ||
    (a.listing.id < b.listing.id ? -1 : 1)
  );
}

/** The lead's best `limit` matches among `listings`, leaving out `alreadySent` (M4). */
export function rankMatches(
  criteria: MatchCriteria,
  listings: Iterable<Listing>,
  now: number,
  alreadySent: ReadonlySet<string>,
  limit: number,
): ListingMatch[] {
  if (!canMatch(criteria)) return [];
  const ranked: ListingMatch[] = [];
  for (const listing of listings) {
    if (alreadySent.has(listing.id) || !passesFilters(criteria, listing)) continue;
    ranked.push({ listing, rank: rankOf(criteria, listing, now), reasons: [] });
  }
  // Reasons are words: only the homes shown get them.
  return topMatches(ranked, limit).map((match) => ({
    ...match,
    reasons: matchReasons(criteria, match.listing, now),
  }));
}

/** The best `limit` of `ranked`, best first, without sorting all of them. */
export function topMatches(ranked: ListingMatch[], limit: number): ListingMatch[] {
  if (ranked.length <= limit * 4) return ranked.sort(compareMatches).slice(0, limit);
  const top: ListingMatch[] = [];
  for (const match of ranked) {
    const last = top[top.length - 1];
    if (top.length >= limit && last !== undefined && compareMatches(match, last) >= 0) continue;
    let at = top.length;
    while (at > 0 && compareMatches(match, top[at - 1] as ListingMatch) < 0) at -= 1;
    top.splice(at, 0, match);
    if (top.length > limit) top.pop();
  }
  return top;
}
