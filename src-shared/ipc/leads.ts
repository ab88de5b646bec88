// The leads feature's contract: argument schemas (validated once, in core/app.ts) and results.
import { z } from 'zod';
import type { Lead, LeadStage, Temperature } from '../domain';
import { newLeadOwnerSchema } from './routing';
import {
  addressSchema,
  channelSchema,
  idSchema,
  leadIntentSchema,
  leadSourceSchema,
  leadStageSchema,
  temperatureSchema,
} from '../domain';

/**
 * What a person or an import supplies, for a new lead or as a patch (absent = unchanged; an
 * empty string clears an optional field). Core normalises it (E.164, lower-case email, time zone).
 */
export const leadInputSchema = z.object({
  firstName: z.string().trim().max(100).optional(),
  lastName: z.string().trim().max(100).optional(),
  email: z.string().trim().max(254).optional(),
  phone: z.string().trim().max(40).optional(),
  address: addressSchema.optional(),
  timeZone: z.string().max(64).optional(),
  stage: leadStageSchema.optional(),
  source: leadSourceSchema.optional(),
  intent: leadIntentSchema.optional(),
  tags: z.array(z.string().trim().min(1).max(40)).max(50).optional(),
  priceMin: z.number().min(0).optional(),
  priceMax: z.number().min(0).optional(),
  propertyAddress: z.string().max(200).optional(),
  notes: z.string().max(20_000).optional(),
  preferredChannel: channelSchema.optional(),
  ownerId: idSchema.optional(),
});
export type LeadInput = z.input<typeof leadInputSchema>;

export const leadSortFields = [
  'score',
  'name',
  'stage',
  'source',
  'createdAt',
  'lastContactAt',
  'nextFollowUpAt',
] as const;
export type LeadSortField = (typeof leadSortFields)[number];

/** Which leads: the grid's search and filters (shared by the page query and bulk selection). */
export const leadFilterShape = {
  search: z.string().trim().max(200).optional(),
  stages: z.array(leadStageSchema).optional(),
  temperatures: z.array(temperatureSchema).optional(),
  sources: z.array(leadSourceSchema).optional(),
  /** true = the bin: leads deleted and not yet purged. */
  deleted: z.boolean().default(false),
};

export const leadsQuerySchema = z.object({
  ...leadFilterShape,
  sort: z
    .object({ field: z.enum(leadSortFields), direction: z.enum(['asc', 'desc']) })
    .default({ field: 'score', direction: 'desc' }),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(100),
});
export type LeadsQuery = z.input<typeof leadsQuerySchema>;

/** What to do with a contact field that does not parse: refuse the write, or keep the rest. */
const invalidContactSchema = z.enum(['reject', 'drop']).default('reject');

export const leadArgs = {
  'leads-query': leadsQuerySchema,
  'leads-get': z.object({ id: idSchema }),
  'leads-create': z.object({
    lead: leadInputSchema,
    onInvalidContact: invalidContactSchema,
    owner: newLeadOwnerSchema,
  }),
  'leads-update': z.object({
    id: idSchema,
    patch: leadInputSchema,
    onInvalidContact: invalidContactSchema,
  }),
  'leads-delete': z.object({ ids: z.array(idSchema).min(1).max(10_000) }),
  'leads-restore': z.object({ ids: z.array(idSchema).min(1).max(10_000) }),
  'leads-counts': z.object({}).default({}),
  'leads-duplicates': z.object({ id: idSchema }),
  'leads-merge': z.object({ keepId: idSchema, mergeIds: z.array(idSchema).min(1).max(50) }),
  /** Every group of live leads sharing an email or a phone, largest first. */
  'leads-duplicate-groups': z
    .object({ limit: z.number().int().min(1).max(500).default(100) })
    .default({ limit: 100 }),
};

export interface LeadPage {
  rows: Lead[];
  total: number;
  offset: number;
}

/** A field that was dropped or changed while saving, in words a person can act on. */
export interface FieldWarning {
  field: string;
  message: string;
}

export interface LeadWriteResult {
  lead: Lead;
  warnings: FieldWarning[];
  /** Live leads that share this lead's email or phone. */
  duplicateIds: string[];
}

export interface LeadCounts {
  total: number;
  deleted: number;
  byStage: Record<LeadStage, number>;
  byTemperature: Record<Temperature, number>;
}

/** Live leads linked by a shared email or phone (a chain of shares is one group). */
export interface DuplicateGroup {
  /** What they share, e.g. [{ field: 'email', value: 'sam@example.com' }]. */
  shared: { field: 'email' | 'phone'; value: string }[];
  /** Oldest first: the usual one to keep. */
  leads: Lead[];
}

export interface LeadResults {
  'leads-query': LeadPage;
  'leads-get': Lead | null;
  'leads-create': LeadWriteResult;
  'leads-update': LeadWriteResult;
  'leads-delete': { deleted: number };
  'leads-restore': { restored: number };
  'leads-counts': LeadCounts;
  'leads-duplicates': Lead[];
  'leads-merge': Lead;
  'leads-duplicate-groups': DuplicateGroup[];
}

export interface LeadEvents {
  'leads-changed': { ids: string[] };
}
