// Property alerts: a home that came new on the market (or back on it) or dropped its price, and
// fits a lead, is news for that lead. The rules, pure over what they are given:
//   PA1 news is a home marked `alertAt` (by the import that found it) within the last week and
//       after the lead's previous alert: a home is announced once;
//   PA2 a lead gets at most one alert per `alertEveryHours` (the team's setting, 24 by default);
//       what comes meanwhile waits for the next one, nothing is dropped;
//   PA3 the homes are the lead's matches (docs/listings.md M1..M5): already sent ones never;
//   PA4 the summary names what is news in the lead's terms: "3 new homes in Maple Grove under $450k".
import { z } from 'zod';
import type { Listing } from '../domain';
import type { MatchCriteria } from './match';
import { shortPrice } from './match';

/** A team setting (SY-S5: `team.` ids replicate), so every replica rate-limits alike. */
export const LISTING_ALERTS_ID = 'team.listings.alerts';

export const listingAlertSettingsSchema = z.object({
  alertEveryHours: z
    .number({ message: 'Enter a number of hours.' })
    .int('Enter whole hours.')
    .min(1, 'At least 1 hour between alerts.')
    .max(720, 'At most 720 hours (30 days) between alerts.')
    .default(24),
});
export type ListingAlertSettings = z.output<typeof listingAlertSettingsSchema>;

export function parseListingAlertSettings(value: unknown): ListingAlertSettings {
  const parsed = listingAlertSettingsSchema.safeParse(value ?? {});
  return parsed.success ? parsed.data : listingAlertSettingsSchema.parse({});
}

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** PA1: how long a new home or a price cut stays news. */
export const ALERT_NEWS_DAYS = 7;

/** PA1: news for a lead whose previous alert started at `lastAlertAt` (undefined: never). */
export function newsSince(now: number, lastAlertAt: number | undefined): number {
  return Math.max(now - ALERT_NEWS_DAYS * DAY_MS, lastAlertAt === undefined ? 0 : lastAlertAt + 1);
}

export function isNewsSince(listing: Pick<Listing, 'alertAt'>, since: number): boolean {
  return listing.alertAt !== undefined && listing.alertAt >= since;
}

/** PA2: when the lead may have the next alert. */
export function nextAlertAllowedAt(lastAlertAt: number | undefined, settings: ListingAlertSettings): number {
  return lastAlertAt === undefined ? 0 : lastAlertAt + settings.alertEveryHours * HOUR_MS;
}

function counted(count: number, one: string, many: string): string {
  return `${String(count)} ${count === 1 ? one : many}`;
}

function listed(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1] ?? ''}`;
}

/** PA4: "3 new homes in Maple Grove under $450k", "1 new home and 1 price cut in 55311". */
export function propertySummary(homes: readonly Listing[], criteria: MatchCriteria): string {
  const cuts = homes.filter((home) => home.alertKind === 'price_cut').length;
  const fresh = homes.length - cuts;
  const what = [
    ...(fresh > 0 ? [counted(fresh, 'new home', 'new homes')] : []),
    ...(cuts > 0 ? [counted(cuts, 'price cut', 'price cuts')] : []),
  ].join(' and ');
  const places: string[] = [];
  for (const home of homes) {
    const city = home.City?.trim();
    const zip = home.PostalCode?.trim().slice(0, 5);
    const place =
      city !== undefined && criteria.cities.has(city.toLowerCase())
        ? (criteria.cityNames.get(city.toLowerCase()) ?? city)
        : zip !== undefined && criteria.zips.has(zip)
          ? zip
          : city;
    if (place !== undefined && place !== '' && !places.includes(place)) places.push(place);
  }
  const where = places.length === 0 ? '' : places.length <= 3 ? ` in ${listed(places)}` : ' in your areas';
  const { priceMin, priceMax } = criteria;
  const price =
    priceMax !== undefined
      ? ` under ${shortPrice(priceMax)}`
      : priceMin !== undefined
        ? ` from ${shortPrice(priceMin)}`
        : '';
  return `${what === '' ? 'No new homes' : what}${where}${price}`;
}
