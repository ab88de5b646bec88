// Bulk work on many leads from the grid: the ids a filter selects, one change applied to all of
// them, and its undo. A bulk change returns what it replaced (only the field it changed), so
// the undo puts exactly that back and nothing an agent edited elsewhere meanwhile.
import { z } from 'zod';
import { idSchema, leadStageSchema } from '../domain';
import { leadFilterShape } from './leads';

const tagSchema = z.string().trim().min(1, 'Enter a tag').max(40, 'A tag has at most 40 characters');
const bulkIds = z.array(idSchema).min(1, 'Select at least one lead').max(10_000);

export const leadBulkChangeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('add-tag'), tag: tagSchema }),
  z.object({ kind: z.literal('remove-tag'), tag: tagSchema }),
  z.object({ kind: z.literal('stage'), stage: leadStageSchema }),
  z.object({ kind: z.literal('assign'), ownerId: idSchema }),
]);
export type LeadBulkChange = z.infer<typeof leadBulkChangeSchema>;

/** A lead's field as it was before a bulk change. */
export const leadBulkBeforeSchema = z.object({
  id: idSchema,
  tags: z.array(z.string().max(40)).max(50).optional(),
  stage: leadStageSchema.optional(),
  ownerId: idSchema.optional(),
});
export type LeadBulkBefore = z.infer<typeof leadBulkBeforeSchema>;

export const leadBulkArgs = {
  /** The ids of every lead a filter selects (at most 10,000), for "select all that match". */
  'leads-ids': z.object({ ...leadFilterShape, limit: z.number().int().min(1).max(10_000).default(10_000) }),
  'leads-bulk-update': z.object({ ids: bulkIds, change: leadBulkChangeSchema }),
  'leads-bulk-undo': z.object({ before: z.array(leadBulkBeforeSchema).min(1).max(10_000) }),
};

export interface LeadBulkResult {
  /** Leads the change altered (a lead that already had the tag is not counted). */
  changed: number;
  /** What to hand to `leads-bulk-undo`. */
  before: LeadBulkBefore[];
  /** Leads that could not take the change, with why (e.g. already at 50 tags). */
  refused: { id: string; reason: string }[];
}

export interface LeadBulkResults {
  'leads-ids': { ids: string[]; total: number };
  'leads-bulk-update': LeadBulkResult;
  'leads-bulk-undo': { restored: number };
}
