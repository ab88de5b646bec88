// A home for sale or rent from the brokerage's MLS feed (RESO Web API) or an IDX/CSV export.
// Field names are the RESO Data Dictionary's where one exists (ListingKey, StandardStatus,
// ListPrice, ...), so a feed maps onto them without renaming. A listing is never dropped:
// one that leaves the feed keeps its record with `leftFeedAt`, one that changes status or
// price keeps what it was (`PreviousListPrice`, `PriceChangeTimestamp`), so matching can say
// "price cut $15k" and never send a withdrawn home.
import { z } from 'zod';
import { baseDocShape, epochMsSchema, shortTextSchema } from './base';

/** RESO Data Dictionary 2.0, StandardStatus lookup. */
export const standardStatuses = [
  'Active',
  'ActiveUnderContract',
  'Canceled',
  'Closed',
  'ComingSoon',
  'Delete',
  'Expired',
  'Hold',
  'Incomplete',
  'Pending',
  'Withdrawn',
] as const;
export const standardStatusSchema = z.enum(standardStatuses);
export type StandardStatus = z.infer<typeof standardStatusSchema>;

/** Statuses a lead may be sent: the home can still be bought. */
export const OFFERABLE_STATUSES: readonly StandardStatus[] = ['Active', 'ComingSoon'];

/**
 * The home's facts by their RESO Data Dictionary names, in the order the feeds, the CSV mapping
 * and the change check list them (ListingKey, photos and dates are added where each needs them).
 */
export const RESO_FACT_FIELDS = [
  'ListingId',
  'StandardStatus',
  'ListPrice',
  'OriginalListPrice',
  'BedroomsTotal',
  'BathroomsTotalInteger',
  'LivingArea',
  'PropertyType',
  'PropertySubType',
  'UnparsedAddress',
  'City',
  'StateOrProvince',
  'PostalCode',
  'Latitude',
  'Longitude',
] as const;

export const listingPhotoSchema = z.object({
  url: z.string().max(1000),
  caption: z.string().max(200).optional(),
});
export type ListingPhoto = z.infer<typeof listingPhotoSchema>;

export const listingFeedKinds = ['reso', 'csv', 'demo'] as const;
export const listingFeedKindSchema = z.enum(listingFeedKinds);
export type ListingFeedKind = z.infer<typeof listingFeedKindSchema>;

const money = z.number().int().min(0).max(1_000_000_000).multipleOf(1);
const count = z.number().int().min(0).max(1000);

export const listingSchema = z.object({
  ...baseDocShape,
  /** Where it came from: the RESO server or a CSV import, and that feed's own key. */
  feed: listingFeedKindSchema,
  ListingKey: z.string().min(1).max(255),
  ListingId: z.string().max(255).optional(),
  StandardStatus: standardStatusSchema,
  ListPrice: money,
  OriginalListPrice: money.optional(),
  BedroomsTotal: count.optional(),
  BathroomsTotalInteger: count.optional(),
  LivingArea: z.number().min(0).max(10_000_000).optional(),
  PropertyType: z.string().max(60).optional(),
  PropertySubType: z.string().max(60).optional(),
  UnparsedAddress: shortTextSchema.optional(),
  City: z.string().max(100).optional(),
  StateOrProvince: z.string().max(40).optional(),
  PostalCode: z.string().max(20).optional(),
  Latitude: z.number().min(-90).max(90).optional(),
  Longitude: z.number().min(-180).max(180).optional(),
  /** Media of MediaCategory Photo, in Order. */
  photos: z.array(listingPhotoSchema).max(40),
  /** The public page of the listing (the IDX site's or the portal's). */
  publicUrl: z.string().max(1000).optional(),
  ModificationTimestamp: epochMsSchema,
  /** When the listing went on the market (RESO OnMarketDate), else when we first saw it. */
  listedAt: epochMsSchema,
  /** The list price before the last change, and when it changed (RESO PriceChangeTimestamp). */
  PreviousListPrice: money.optional(),
  PriceChangeTimestamp: epochMsSchema.optional(),
  /** Set when the feed stopped carrying the listing (withdrawn without a status, sold off-feed). */
  leftFeedAt: epochMsSchema.optional(),
  /**
   * When this replica's import found the home new on the market or cut in price, and which: the
   * mark a property alert reads ("3 new homes in Maple Grove under $450k"). Absent on homes of a
   * feed's first import (they are the book, not news) and on every other change.
   */
  alertAt: epochMsSchema.optional(),
  alertKind: z.enum(['new', 'price_cut']).optional(),
  demo: z.boolean(),
});
export type Listing = z.infer<typeof listingSchema>;

/** One document per feed and key, on every replica alike. */
export function listingDocId(feed: ListingFeedKind, listingKey: string): string {
  const key = listingKey.replace(/[^A-Za-z0-9._-]/g, '_');
  const id = `lst-${feed}-${key}`;
  return id.length <= 64 && key === listingKey ? id : `lst-${feed}-${key.slice(0, 40)}-${fnv1a(listingKey)}`;
}

/** FNV-1a, 32 bits, in hex: keeps two long or re-spelt keys apart in a 64-character id. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}
