// Reading one home's fields from what a feed sent: a RESO Property record (JSON, Media
// expanded) or a CSV row already mapped to RESO names. Prices and counts are numbers, dates
// epoch ms, StandardStatus one of the Data Dictionary's (spellings like "Active Under
// Contract" or "A" are read too). A record that cannot be a home says why, and is skipped.
import type { ListingFeedKind, ListingPhoto, StandardStatus } from '../../../src-shared/domain';
import { standardStatuses } from '../../../src-shared/domain';

/** A listing's own fields (no document keys, no history): what a feed says about it now. */
export interface ListingFacts {
  ListingKey: string;
  ListingId?: string;
  StandardStatus: StandardStatus;
  ListPrice: number;
  OriginalListPrice?: number;
  BedroomsTotal?: number;
  BathroomsTotalInteger?: number;
  LivingArea?: number;
  PropertyType?: string;
  PropertySubType?: string;
  UnparsedAddress?: string;
  City?: string;
  StateOrProvince?: string;
  PostalCode?: string;
  Latitude?: number;
  Longitude?: number;
  photos: ListingPhoto[];
  publicUrl?: string;
  ModificationTimestamp: number;
  OnMarketDate?: number;
  PriceChangeTimestamp?: number;
}

export type FactsResult = { ok: true; facts: ListingFacts } | { ok: false; reason: string };

const statusAliases: Record<string, StandardStatus> = {
  a: 'Active',
  act: 'Active',
  new: 'Active',
  p: 'Pending',
  pend: 'Pending',
  s: 'Closed',
  sold: 'Closed',
  c: 'Closed',
  w: 'Withdrawn',
  x: 'Expired',
  u: 'ActiveUnderContract',
  undercontract: 'ActiveUnderContract',
  contingent: 'ActiveUnderContract',
  cs: 'ComingSoon',
  cancelled: 'Canceled',
  offmarket: 'Withdrawn',
};

export function readStatus(value: unknown): StandardStatus | null {
  if (typeof value !== 'string') return null;
  const key = value.replace(/[\s_-]/g, '').toLowerCase();
  return standardStatuses.find((status) => status.toLowerCase() === key) ?? statusAliases[key] ?? null;
}

function text(value: unknown, max: number): string | undefined {
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed.slice(0, max);
}

function amount(value: unknown): number | undefined {
  const n =
    typeof value === 'number'
      ? value
      : typeof value === 'string'
        ? Number(value.replace(/[$,\s]/g, ''))
        : NaN;
  return Number.isFinite(n) && n >= 0 && n <= 1_000_000_000 ? Math.round(n) : undefined;
}

function count(value: unknown): number | undefined {
  const n = amount(value);
  return n === undefined || n > 1000 ? undefined : n;
}

function when(value: unknown): number | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const at = Date.parse(value.trim());
  return Number.isNaN(at) || at < 0 ? undefined : at;
}

function coordinate(value: unknown, limit: number): number | undefined {
  const n =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && value.trim() !== ''
        ? Number(value)
        : NaN;
  return Number.isFinite(n) && Math.abs(n) <= limit ? n : undefined;
}

/** A cell or field as the person wrote it, for a reason. */
function shown(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return String(value);
  return JSON.stringify(value).slice(0, 60);
}

function isHttp(url: string): boolean {
  return /^https?:\/\//i.test(url);
}

/** RESO Media: photos in their Order, image media only. */
export function photosOf(media: unknown): ListingPhoto[] {
  if (!Array.isArray(media)) return [];
  const photos: { order: number; photo: ListingPhoto }[] = [];
  for (const item of media as Record<string, unknown>[]) {
    const url = text(item.MediaURL, 1000);
    const category = text(item.MediaCategory, 40);
    if (url === undefined || !isHttp(url) || (category !== undefined && !/photo|image/i.test(category)))
      continue;
    const caption = text(item.ShortDescription, 200);
    const order = typeof item.Order === 'number' ? item.Order : photos.length;
    photos.push({ order, photo: caption === undefined ? { url } : { url, caption } });
  }
  return photos
    .sort((a, b) => a.order - b.order)
    .slice(0, 40)
    .map((entry) => entry.photo);
}

/** The public page from the team's template (`{ListingId}`, `{ListingKey}`), when there is one. */
export function publicUrlFor(
  template: string,
  facts: Pick<ListingFacts, 'ListingKey' | 'ListingId'>,
): string | undefined {
  if (template === '') return undefined;
  const url = template
    .replaceAll('{ListingKey}', encodeURIComponent(facts.ListingKey))
    .replaceAll('{ListingId}', encodeURIComponent(facts.ListingId ?? facts.ListingKey));
  return isHttp(url) ? url.slice(0, 1000) : undefined;
}

/** One home's facts from a record keyed by RESO names; `label` names it in a reason. */
export function readListingFacts(record: Record<string, unknown>, label: string): FactsResult {
  const key = text(record.ListingKey, 255);
  if (key === undefined) return { ok: false, reason: `${label}: no ListingKey; the record was skipped.` };
  const status = readStatus(record.StandardStatus);
  if (status === null)
    return {
      ok: false,
      reason: `${label} (${key}): StandardStatus "${shown(record.StandardStatus)}" is not a RESO status; the record was skipped.`,
    };
  const price = amount(record.ListPrice);
  if (price === undefined)
    return {
      ok: false,
      reason: `${label} (${key}): ListPrice "${shown(record.ListPrice)}" is not a price; the record was skipped.`,
    };
  const modified = when(record.ModificationTimestamp);
  const photos = Array.isArray(record.photos) ? (record.photos as ListingPhoto[]) : photosOf(record.Media);
  const facts: ListingFacts = {
    ListingKey: key,
    StandardStatus: status,
    ListPrice: price,
    photos,
    ModificationTimestamp: modified ?? 0,
  };
  const put = <K extends keyof ListingFacts>(field: K, value: ListingFacts[K] | undefined) => {
    if (value !== undefined) facts[field] = value;
  };
  put('ListingId', text(record.ListingId, 255));
  put('OriginalListPrice', amount(record.OriginalListPrice));
  put('BedroomsTotal', count(record.BedroomsTotal));
  put('BathroomsTotalInteger', count(record.BathroomsTotalInteger));
  put('LivingArea', amount(record.LivingArea));
  put('PropertyType', text(record.PropertyType, 60));
  put('PropertySubType', text(record.PropertySubType, 60));
  put('UnparsedAddress', text(record.UnparsedAddress, 200));
  put('City', text(record.City, 100));
  put('StateOrProvince', text(record.StateOrProvince, 40));
  put('PostalCode', text(record.PostalCode, 20));
  put('Latitude', coordinate(record.Latitude, 90));
  put('Longitude', coordinate(record.Longitude, 180));
  const url = text(record.publicUrl, 1000);
  put('publicUrl', url !== undefined && isHttp(url) ? url : undefined);
  put('OnMarketDate', when(record.OnMarketDate));
  put('PriceChangeTimestamp', when(record.PriceChangeTimestamp));
  return { ok: true, facts };
}

export type { ListingFeedKind };
