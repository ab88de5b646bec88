// A lead: one person who may buy, sell or rent. Phone numbers are E.164, emails lower-case;
// `nameKey` is the lower-cased display name so the grid can sort by name on an index.
import { z } from 'zod';
import {
  baseDocShape,
  channelSchema,
  epochMsSchema,
  idSchema,
  longTextSchema,
  shortTextSchema,
} from './base';

export const leadStages = [
  'new',
  'contacted',
  'qualified',
  'appointment',
  'under_contract',
  'closed',
  'lost',
  'nurture',
] as const;
export const leadStageSchema = z.enum(leadStages);
export type LeadStage = z.infer<typeof leadStageSchema>;

export const leadSources = [
  'zillow',
  'realtor_com',
  'website',
  'referral',
  'facebook',
  'open_house',
  'follow_up_boss',
  'manual',
  'import',
  'other',
] as const;
export const leadSourceSchema = z.enum(leadSources);

export const leadSourceLabels: Record<(typeof leadSources)[number], string> = {
  zillow: 'Zillow',
  realtor_com: 'Realtor.com',
  website: 'Website',
  referral: 'Referral',
  facebook: 'Facebook',
  open_house: 'Open house',
  follow_up_boss: 'Follow Up Boss',
  manual: 'Added by hand',
  import: 'Imported',
  other: 'Other',
};
export type LeadSource = z.infer<typeof leadSourceSchema>;

export const leadIntentSchema = z.enum(['buy', 'sell', 'both', 'rent', 'unknown']);
export type LeadIntent = z.infer<typeof leadIntentSchema>;

export const temperatures = ['hot', 'warm', 'cold'] as const;
export const temperatureSchema = z.enum(temperatures);
export type Temperature = z.infer<typeof temperatureSchema>;

/** How the lead's time zone was found, from most to least certain. */
export const timeZoneSourceSchema = z.enum(['given', 'zip', 'phone', 'state', 'country', 'unknown']);
export type TimeZoneSource = z.infer<typeof timeZoneSourceSchema>;

export const addressSchema = z.object({
  street: shortTextSchema.optional(),
  city: z.string().max(100).optional(),
  /** Two-letter US state or a region code. */
  state: z.string().max(40).optional(),
  zip: z.string().max(20).optional(),
  /** ISO 3166-1 alpha-2. */
  country: z.string().length(2).optional(),
});
export type Address = z.infer<typeof addressSchema>;

export const scoreFactorSchema = z.object({
  name: z.string().max(40),
  contribution: z.number(),
  reason: shortTextSchema,
});
export type ScoreFactor = z.infer<typeof scoreFactorSchema>;

export const consentStateSchema = z.enum(['granted', 'unknown', 'revoked']);
export const consentSchema = z.object({
  sms: consentStateSchema,
  whatsapp: consentStateSchema,
  email: consentStateSchema,
});
export type Consent = z.infer<typeof consentSchema>;

/**
 * What the lead wants in a home, as the agent set it on the lead page. Only the agent's edits
 * are stored; everything else is read afresh from the inquiry, notes, form and AI reading
 * (src-shared/listings/preferences.ts), so a field the agent never touched follows the lead.
 */
export const homePreferencesSchema = z.object({
  cities: z.array(z.string().max(100)).max(20).optional(),
  zips: z.array(z.string().max(20)).max(20).optional(),
  priceMin: z.number().min(0).max(1_000_000_000).optional(),
  priceMax: z.number().min(0).max(1_000_000_000).optional(),
  bedsMin: z.number().int().min(0).max(50).optional(),
  bathsMin: z.number().int().min(0).max(50).optional(),
  types: z.array(z.string().max(60)).max(10).optional(),
});
export type HomePreferences = z.infer<typeof homePreferencesSchema>;

/** A home sent to the lead: never offered again as a match. */
export const homeSentSchema = z.object({
  listingId: idSchema,
  at: epochMsSchema,
  channel: channelSchema,
});
export type HomeSent = z.infer<typeof homeSentSchema>;

export const leadSchema = z.object({
  ...baseDocShape,
  firstName: z.string().max(100),
  lastName: z.string().max(100),
  nameKey: z.string().max(210),
  email: z.string().max(254).optional(),
  phone: z.string().max(20).optional(),
  /** Set when a provider said the number cannot take texts (invalid, landline). */
  phoneProblem: shortTextSchema.optional(),
  address: addressSchema.optional(),
  timeZone: z.string().max(64),
  timeZoneSource: timeZoneSourceSchema,
  stage: leadStageSchema,
  source: leadSourceSchema,
  intent: leadIntentSchema,
  score: z.number().int().min(0).max(100).multipleOf(1),
  temperature: temperatureSchema,
  scoreConfidence: z.number().min(0).max(1).optional(),
  scoreFactors: z.array(scoreFactorSchema).max(20).optional(),
  /** When the scoring job last scored the lead from its messages too; absent = provisional score. */
  scoredAt: epochMsSchema.optional(),
  tags: z.array(z.string().max(40)).max(50),
  priceMin: z.number().min(0).optional(),
  priceMax: z.number().min(0).optional(),
  propertyAddress: shortTextSchema.optional(),
  /** Listing views a lead source reported (website tracking, Follow Up Boss events). */
  propertyViews: z.number().int().min(0).max(1_000_000).optional(),
  notes: longTextSchema.optional(),
  preferredChannel: channelSchema.optional(),
  consent: consentSchema,
  createdAt: epochMsSchema,
  /** 0 = never contacted. */
  lastContactAt: epochMsSchema,
  lastInboundAt: epochMsSchema.optional(),
  nextFollowUpAt: epochMsSchema.optional(),
  /** 0 = live; otherwise when it was moved to the bin (undoable until purged). */
  deletedAt: epochMsSchema,
  mergedInto: idSchema.optional(),
  /** The import batch that created the lead: it is not a new inquiry (no new-lead trigger). */
  importId: idSchema.optional(),
  /** The Follow Up Boss person this lead is linked to (the connected account's person id). */
  fubId: z
    .string()
    .regex(/^\d{1,15}$/)
    .optional(),
  /** The person's stage in Follow Up Boss as last read or written (its own word for it). */
  fubStage: z.string().max(60).optional(),
  /** The agent's own settings of what the lead wants (the rest is read from what they wrote). */
  homePreferences: homePreferencesSchema.optional(),
  /** Homes already sent, newest last (kept to the last 200). */
  homesSent: z.array(homeSentSchema).max(200).optional(),
  demo: z.boolean(),
});
export type Lead = z.infer<typeof leadSchema>;

export function leadDisplayName(lead: Pick<Lead, 'firstName' | 'lastName'>): string {
  return `${lead.firstName} ${lead.lastName}`.trim();
}
