// Every touch with a lead, inbound or outbound, with its status lifecycle. Outbound steps
// materialised by the engine have deterministic ids (enrollment + step + attempt).
import { z } from 'zod';
import {
  baseDocShape,
  channelSchema,
  epochMsSchema,
  idSchema,
  longTextSchema,
  shortTextSchema,
} from './base';

export const messageStatuses = [
  'draft',
  'scheduled',
  'claimed',
  'sending',
  'sent',
  'delivered',
  'undelivered',
  'failed',
  'uncertain',
  'cancelled',
  /** The step's channel is not connected yet: it goes out once it is (or is skipped when stale). */
  'waiting_for_channel',
  /** The template needs a field of the agent's profile that is empty: it goes out once it is filled. */
  'waiting_for_profile',
  /** A call step: it became a task for the agent; nothing reached the lead. */
  'rerouted',
  /** The step could not reach the lead (no phone, suppressed, bad number, stale): the reason is kept. */
  'skipped',
  'received',
  'logged',
] as const;
export const messageStatusSchema = z.enum(messageStatuses);
export type MessageStatus = z.infer<typeof messageStatusSchema>;

export const messageChannelSchema = z.enum([...channelSchema.options, 'note']);
export type MessageChannel = z.infer<typeof messageChannelSchema>;

export const authorSchema = z.enum(['template', 'ai', 'human', 'lead']);

export const statusChangeSchema = z.object({
  status: messageStatusSchema,
  at: epochMsSchema,
  detail: shortTextSchema.optional(),
});

export const messageSchema = z.object({
  ...baseDocShape,
  leadId: idSchema,
  direction: z.enum(['outbound', 'inbound']),
  channel: messageChannelSchema,
  status: messageStatusSchema,
  createdAt: epochMsSchema,
  sendAt: epochMsSchema.optional(),
  subject: shortTextSchema.optional(),
  body: longTextSchema,
  to: z.string().max(254).optional(),
  from: z.string().max(254).optional(),
  enrollmentId: idSchema.optional(),
  sequenceId: idSchema.optional(),
  sequenceVersion: z.number().int().min(1).optional(),
  stepIndex: z.number().int().min(0).optional(),
  attempt: z.number().int().min(0),
  /** Transient failures retried so far for this attempt. */
  retries: z.number().int().min(0).optional(),
  /** The channel the step asked for, when a fallback chose another one. */
  plannedChannel: channelSchema.optional(),
  /** How a logged or inbound touch was classified (reply sentiment, call outcome). */
  classification: z.enum(['positive', 'negative', 'neutral', 'opt_out']).optional(),
  templateId: idSchema.optional(),
  authoredBy: authorSchema,
  providerId: z.string().max(128).optional(),
  claimToken: z.string().max(128).optional(),
  error: z.object({ code: z.string().max(40), message: shortTextSchema }).optional(),
  /** Why it waits, was skipped or rerouted, in the product's words ("Twilio is not connected"). */
  statusReason: shortTextSchema.optional(),
  statusHistory: z.array(statusChangeSchema).max(50),
  /** Photos sent with a text or WhatsApp message as media (Twilio MediaUrl): a home sent with one tap. */
  mediaUrls: z.array(z.string().max(1000)).max(10).optional(),
  openedAt: epochMsSchema.optional(),
  clickedAt: epochMsSchema.optional(),
  demo: z.boolean(),
});
export type Message = z.infer<typeof messageSchema>;
