// The listings feature's contract: connecting the MLS's RESO Web API (its address, how it signs
// in, which homes), importing from it or from an IDX/CSV export, each lead's home preferences
// with where each came from, the lead's ranked matches, and sending a home with one tap.
import { z } from 'zod';
import type { Listing } from '../domain';
import { RESO_FACT_FIELDS, homePreferencesSchema, idSchema } from '../domain';
import type { ListingAlertSettings } from '../listings/alerts';
import { listingAlertSettingsSchema } from '../listings/alerts';
import type { LeadHomePreferences } from '../listings/preferences';

export const RESO_SETTINGS_ID = 'listings.reso';
export const RESO_STATE_ID = 'listings.reso.state';

const httpUrl = z
  .string()
  .trim()
  .max(500)
  .refine(
    (value) => value === '' || /^https?:\/\/[^\s/]+/i.test(value),
    'Enter a web address starting with https://',
  );

export const resoSettingsSchema = z.object({
  /** The Web API's service root, e.g. https://api.mls.example/odata (Property is under it). */
  endpoint: httpUrl.default(''),
  auth: z.enum(['bearer', 'client_credentials']).default('bearer'),
  /** OAuth2 client credentials: the token endpoint and the client id (the secret is a secret). */
  tokenUrl: httpUrl.default(''),
  clientId: z.string().trim().max(200).default(''),
  scope: z.string().trim().max(200).default(''),
  /** Extra OData `$filter` joined with `and`, e.g. `City eq 'Maple Grove'`. */
  filter: z.string().trim().max(1000).default(''),
  /** The home's public page; `{ListingId}` and `{ListingKey}` are filled in. */
  publicUrlTemplate: z.string().trim().max(500).default(''),
  pageSize: z.number().int().min(1).max(1000).default(200),
  /** Once the feed is connected, what changed is imported this often (docs/listings.md). */
  importEveryMinutes: z
    .number({ message: 'Enter a number of minutes.' })
    .int('Enter whole minutes.')
    .min(5, 'At least every 5 minutes: MLS servers limit how often they are asked.')
    .max(1440, 'At most 1,440 minutes (once a day).')
    .default(15),
});
export type ResoSettings = z.output<typeof resoSettingsSchema>;

const resoShape = resoSettingsSchema.shape;
/** A change to some of the settings; a field left out keeps its value. */
export const resoSettingsPatchSchema = z.object({
  endpoint: resoShape.endpoint.unwrap().optional(),
  auth: resoShape.auth.unwrap().optional(),
  tokenUrl: resoShape.tokenUrl.unwrap().optional(),
  clientId: resoShape.clientId.unwrap().optional(),
  scope: resoShape.scope.unwrap().optional(),
  filter: resoShape.filter.unwrap().optional(),
  publicUrlTemplate: resoShape.publicUrlTemplate.unwrap().optional(),
  pageSize: resoShape.pageSize.unwrap().optional(),
});

export interface ListingImportReport {
  source: 'reso' | 'csv';
  full: boolean;
  read: number;
  added: number;
  updated: number;
  unchanged: number;
  priceCuts: number;
  statusChanges: number;
  /** Homes the feed no longer carries: kept, marked off the feed, never offered again. */
  leftFeed: number;
  /** Records that could not be read, each with its reason ("Row 14: ListPrice is not a number"). */
  problems: string[];
  finishedAt: number;
}

export interface ResoState {
  /** The newest ModificationTimestamp imported: the next import asks for what changed since. */
  checkpoint: number | null;
  /** The last import that finished (its `finishedAt` is the time of the last good import). */
  lastRun: ListingImportReport | null;
  /** Why the last import stopped, and when; cleared by the next good one. */
  lastError: string | null;
  lastErrorAt: number | null;
}

export interface ListingsOverview {
  settings: ResoSettings;
  /** Which secrets are saved (never their values). */
  hasAccessToken: boolean;
  hasClientSecret: boolean;
  state: ResoState;
  counts: { total: number; forSale: number; offFeed: number };
  recent: Listing[];
  /** The team's property-alert window. */
  alerts: ListingAlertSettings;
  /** When the timed import runs next (null: no feed connected, or not running here). */
  nextImportAt: number | null;
  /** Whether an import from the MLS is running now. */
  importing: boolean;
}

/** The columns a CSV/IDX export can map onto. */
export const listingCsvFields = [
  'ListingKey',
  ...RESO_FACT_FIELDS,
  'photos',
  'publicUrl',
  'ModificationTimestamp',
  'OnMarketDate',
] as const;
export type ListingCsvField = (typeof listingCsvFields)[number];
export const listingCsvMappingSchema = z.record(z.string().max(200), z.enum([...listingCsvFields, 'ignore']));
export type ListingCsvMapping = z.infer<typeof listingCsvMappingSchema>;

export interface ListingCsvPreview {
  headers: string[];
  mapping: ListingCsvMapping;
  rows: string[][];
  /** Required fields no column maps to. */
  missing: ListingCsvField[];
}

export interface HomeMatch {
  listing: Listing;
  reasons: string[];
}

export interface LeadMatches {
  leadId: string;
  preferences: LeadHomePreferences;
  matches: HomeMatch[];
  /** Why there are none, in words, when there are none. */
  emptyReason: string | null;
  sentCount: number;
}

export const sendHomeChannelSchema = z.enum(['sms', 'whatsapp', 'email']);

const nullable = <T extends z.ZodType>(schema: T) => schema.nullable().optional();

export const listingArgs = {
  'listings-overview': z.object({}).default({}),
  'listings-settings-set': z.object({
    patch: resoSettingsPatchSchema,
    /** Saved in the secret store, bound to the host it goes to; '' forgets it. */
    accessToken: z.string().max(4000).optional(),
    clientSecret: z.string().max(4000).optional(),
  }),
  /** The timed import's interval (this device) and the team's property-alert window. */
  'listings-schedule-set': z.object({
    importEveryMinutes: resoShape.importEveryMinutes.unwrap().optional(),
    alertEveryHours: listingAlertSettingsSchema.shape.alertEveryHours.unwrap().optional(),
  }),
  'listings-import-reso': z.object({ full: z.boolean().default(false) }).default({ full: false }),
  'listings-csv-preview': z.object({ text: z.string().min(1).max(50_000_000) }),
  'listings-import-csv': z.object({
    text: z.string().min(1).max(50_000_000),
    mapping: listingCsvMappingSchema.optional(),
  }),
  'lead-matches': z.object({ leadId: idSchema, limit: z.number().int().min(1).max(50).default(6) }),
  'lead-home-preferences-set': z.object({
    leadId: idSchema,
    /** A field set to null goes back to what the lead's own words say. */
    patch: z.object({
      cities: nullable(homePreferencesSchema.shape.cities.unwrap()),
      zips: nullable(homePreferencesSchema.shape.zips.unwrap()),
      priceMin: nullable(homePreferencesSchema.shape.priceMin.unwrap()),
      priceMax: nullable(homePreferencesSchema.shape.priceMax.unwrap()),
      bedsMin: nullable(homePreferencesSchema.shape.bedsMin.unwrap()),
      bathsMin: nullable(homePreferencesSchema.shape.bathsMin.unwrap()),
      types: nullable(homePreferencesSchema.shape.types.unwrap()),
    }),
  }),
  'lead-send-home': z.object({
    leadId: idSchema,
    listingId: idSchema,
    channel: sendHomeChannelSchema,
  }),
};

export interface ListingResults {
  'listings-overview': ListingsOverview;
  'listings-settings-set': ListingsOverview;
  'listings-schedule-set': ListingsOverview;
  'listings-import-reso': ListingImportReport;
  'listings-csv-preview': ListingCsvPreview;
  'listings-import-csv': ListingImportReport;
  'lead-matches': LeadMatches;
  'lead-home-preferences-set': LeadMatches;
  'lead-send-home': { messageId: string; sendAt: number };
}

export interface ListingEvents {
  'listings-changed': { ids: string[] };
}
