// The messages feature's contract: the lead timeline, inbound replies and logged touches
// (which drive the stop rules), and the outbox items that need a person (uncertain, failed).
import { z } from 'zod';
import type { Message } from '../domain';
import { channelSchema, idSchema, longTextSchema, shortTextSchema } from '../domain';

export const replyClassificationSchema = z.enum(['positive', 'negative', 'neutral', 'opt_out']);

export const messageArgs = {
  /**
   * A lead's touches newest first, a page at a time: pass the last one's `createdAt` and `id`
   * as `before` for the next (older) page.
   */
  'messages-for-lead': z.object({
    leadId: idSchema,
    limit: z.number().int().min(1).max(1000).default(200),
    before: z.object({ createdAt: z.number().int().min(0), id: idSchema }).optional(),
  }),
  /** The lead's messages not yet sent, as they will go out now (placeholders filled). */
  'messages-previews': z.object({ leadId: idSchema }),
  'messages-upcoming': z
    .object({ limit: z.number().int().min(1).max(500).default(50) })
    .default({ limit: 50 }),
  /** A reply from a lead; matched by `from` (phone or email) when no lead id is given. */
  'messages-record-inbound': z.object({
    leadId: idSchema.optional(),
    from: z.string().max(254).optional(),
    channel: z.enum(['sms', 'whatsapp', 'email']),
    subject: shortTextSchema.optional(),
    body: longTextSchema,
    classification: replyClassificationSchema.optional(),
  }),
  /** A call, text or email the agent made outside Porchlight's automation. */
  'messages-log-outbound': z.object({
    leadId: idSchema,
    channel: z.enum([...channelSchema.options, 'note']),
    body: longTextSchema.default(''),
  }),
  'messages-classify': z.object({ id: idSchema, classification: replyClassificationSchema }),
  'messages-attention': z.object({}).default({}),
  /** The agent's decision on an uncertain send. */
  'messages-resolve-uncertain': z.object({
    id: idSchema,
    decision: z.enum(['was_sent', 'send_again', 'cancel']),
  }),
};

/**
 * A waiting message as it would go out now, or why it would be refused; or one that ended
 * (cancelled, skipped) before it was filled in, as it would have read (`unsent`).
 */
export interface MessagePreview {
  id: string;
  body?: string;
  subject?: string;
  /** Set when sending it now would be refused (a placeholder with no value). */
  problem?: string;
  /** It never went out: the text is filled in only for this preview. */
  unsent?: true;
}

export interface MessageResults {
  'messages-for-lead': Message[];
  'messages-previews': MessagePreview[];
  'messages-upcoming': Message[];
  'messages-record-inbound': Message;
  'messages-log-outbound': Message;
  'messages-classify': Message;
  'messages-attention': { uncertain: Message[]; failed: Message[] };
  'messages-resolve-uncertain': Message;
}

export interface MessageEvents {
  'messages-changed': { ids: string[]; leadIds: string[] };
  /** Uncertain and failed sends waiting for the agent. */
  'outbox-attention-changed': { uncertain: number; failed: number };
}
