// The claims protocol on the wire (docs/sync.md, CL-*): a replica asks the team server for the
// right to send one message, and tells it how the send ended. The server and the desktop's
// team ClaimAuthority parse with the same schemas.
import { z } from 'zod';
import { channelSchema, idSchema } from '../domain/base';

/** Leases are short: a holder that dies is noticed within a lease, and long sends are rare. */
export const DEFAULT_LEASE_MS = 2 * 60_000;
export const MAX_LEASE_MS = 15 * 60_000;

export const claimRequestSchema = z.object({
  messageId: idSchema,
  channel: channelSchema,
  /** The recipient the message would go to (E.164 phone or email); the server checks suppressions. */
  to: z.string().min(1).max(254),
  /** Which process of the agent asks: a desktop or an always-on engine (several per account). */
  replicaId: z.string().min(1).max(100),
  leaseMs: z.number().int().min(1000).max(MAX_LEASE_MS).default(DEFAULT_LEASE_MS),
});
export type ClaimRequest = z.input<typeof claimRequestSchema>;

export const claimRefusalReasons = [
  /** The recipient is suppressed on the server (STOP, unsubscribe, 21610, do-not-contact). */
  'suppressed',
  /** Another replica holds a live lease. */
  'held',
  /** It was sent already (the provider's id is given). */
  'completed',
  /** A lease ran out while its holder may have sent: an agent decides. */
  'uncertain',
  /** The provider refused it for good. */
  'failed',
] as const;
export const claimRefusalReasonSchema = z.enum(claimRefusalReasons);
export type ClaimRefusalReason = z.infer<typeof claimRefusalReasonSchema>;

export const claimAnswerSchema = z.discriminatedUnion('granted', [
  z.object({
    granted: z.literal(true),
    messageId: idSchema,
    fencing: z.number().int().min(1),
    leaseUntil: z.number().int(),
  }),
  z.object({
    granted: z.literal(false),
    messageId: idSchema,
    reason: claimRefusalReasonSchema,
    detail: z.string(),
    /** With `held`: when the lease ends, so the asker knows when to look again. */
    leaseUntil: z.number().int().optional(),
    providerId: z.string().optional(),
  }),
]);
export type ClaimAnswer = z.infer<typeof claimAnswerSchema>;

export const completeRequestSchema = z.object({
  messageId: idSchema,
  fencing: z.number().int().min(1),
  providerId: z.string().min(1).max(128),
});
export type CompleteRequest = z.infer<typeof completeRequestSchema>;

/**
 * How a held claim ends without a send. not_sent: nothing left (rescheduled, waiting, stopped),
 * another claim may take it. failed: the provider refused it for good. uncertain: the holder
 * knows the request may have left (a timeout), so no replica may take it.
 */
export const releaseOutcomeSchema = z.enum(['not_sent', 'failed', 'uncertain']);
export type ReleaseOutcome = z.infer<typeof releaseOutcomeSchema>;

export const releaseRequestSchema = z.object({
  messageId: idSchema,
  fencing: z.number().int().min(1),
  outcome: releaseOutcomeSchema,
  detail: z.string().max(200).optional(),
});
export type ReleaseRequest = z.input<typeof releaseRequestSchema>;

/** A claim's state as the server keeps it. */
export const claimStateAnswerSchema = z.object({
  messageId: idSchema,
  state: z.enum(['held', 'completed', 'released', 'uncertain', 'failed']),
  fencing: z.number().int(),
});
export type ClaimStateAnswer = z.infer<typeof claimStateAnswerSchema>;

/** One report's result: taken (the state after it), or refused as stale (CL5). */
export const settleResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), messageId: idSchema, state: claimStateAnswerSchema.shape.state }),
  z.object({
    ok: z.literal(false),
    messageId: idSchema,
    code: z.literal('stale_fencing'),
    message: z.string(),
  }),
]);
export type SettleResult = z.infer<typeof settleResultSchema>;

/** Calls carry batches (a replica draining its outbox asks for many at once), at most this many. */
export const MAX_CLAIM_BATCH = 200;
const batch = <S extends z.ZodType>(item: S) => z.array(item).min(1).max(MAX_CLAIM_BATCH);

export const claimBatchRequestSchema = z.object({ claims: batch(claimRequestSchema) });
export const claimBatchAnswerSchema = z.object({ answers: z.array(claimAnswerSchema) });
export const completeBatchRequestSchema = z.object({ reports: batch(completeRequestSchema) });
export const releaseBatchRequestSchema = z.object({ reports: batch(releaseRequestSchema) });
export const settleBatchAnswerSchema = z.object({ results: z.array(settleResultSchema) });

/**
 * GET /team/links: what a replica needs to sign the links of the emails it sends (the open
 * pixel, clicks, unsubscribe; src-shared/links): the team, the server's public URL, and the
 * team's link key (base64url).
 */
export const teamLinksSchema = z.object({
  teamId: z.string().min(1).max(64),
  publicUrl: z.string().regex(/^https?:\/\/\S+$/),
  linkKey: z.string().regex(/^[A-Za-z0-9_-]{40,}$/),
});
export type TeamLinks = z.infer<typeof teamLinksSchema>;
