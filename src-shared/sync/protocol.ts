// The sync server's wire protocol: every request and answer body, declared once. The server
// parses requests with these schemas; the desktop's replication handlers parse answers with
// them. Step ids (SY-P1, ...) refer to docs/sync.md.
import { z } from 'zod';

/** Largest pull batch the server serves; a larger `limit` is refused (SY-P2). */
export const MAX_PULL_LIMIT = 5000;
/** Largest push batch the server accepts (SY-P4). */
export const MAX_PUSH_ROWS = 500;
/** The server writes a keep-alive comment on every idle stream this often. */
export const STREAM_KEEP_ALIVE_MS = 25_000;
/**
 * A stream that has said nothing, not even a keep-alive, for this long is taken for dead (a
 * laptop that slept, a network that changed, a proxy that lost its upstream) and reopened.
 */
export const STREAM_SILENCE_MS = 60_000;

/**
 * SY-P1: a checkpoint is the server's own position in a team's change order: `seq` of the last
 * change the client has seen. Client clocks never take part.
 */
export const checkpointSchema = z.object({ seq: z.number().int().min(0) });
export type SyncCheckpoint = z.infer<typeof checkpointSchema>;

/** A replicated document as it travels: the collection's fields plus RxDB's `_deleted`. */
export const wireDocumentSchema = z.record(z.string(), z.unknown()).and(z.object({ _deleted: z.boolean() }));
export type WireDocument = z.infer<typeof wireDocumentSchema>;

/** Query string of `GET /sync/:collection/pull`. */
export const pullQuerySchema = z.object({
  seq: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(MAX_PULL_LIMIT).default(100),
});
export type PullQuery = z.infer<typeof pullQuerySchema>;

/**
 * A document in a server's answer: an object with `_deleted`, its other fields passed through
 * as they are (the collection's schema is the store's to apply). Checked this lightly because a
 * fresh replica reads 100,000 of them: the record-and-object form above costs it over a second.
 */
const answeredDocumentSchema = z.looseObject({ _deleted: z.boolean() });

export const pullResponseSchema = z.object({
  documents: z.array(answeredDocumentSchema),
  checkpoint: checkpointSchema,
});
export type PullResponse = z.infer<typeof pullResponseSchema>;

/** One row of `POST /sync/:collection/push`, as RxDB's replication hands it over. */
export const pushRowSchema = z.object({
  assumedMasterState: wireDocumentSchema.optional(),
  newDocumentState: wireDocumentSchema,
});
export const pushRequestSchema = z.object({ rows: z.array(pushRowSchema).min(1).max(MAX_PUSH_ROWS) });
export type PushRow = z.infer<typeof pushRowSchema>;

/** Why a single document of a push was not stored (SY-P5). */
export const refusalCodes = [
  'invalid_document',
  'wrong_team',
  'out_of_scope',
  'admin_only',
  'device_only',
  'erased',
] as const;
export const refusalSchema = z.object({
  id: z.string(),
  code: z.enum(refusalCodes),
  message: z.string(),
});
export type PushRefusal = z.infer<typeof refusalSchema>;

/**
 * SY-P3: `conflicts` are the server's current state of documents whose assumed master state did
 * not match (RxDB resolves them); `refused` are documents the caller may not write, with why.
 */
export const pushResponseSchema = z.object({
  conflicts: z.array(answeredDocumentSchema),
  refused: z.array(refusalSchema),
});
export type PushResponse = z.infer<typeof pushResponseSchema>;

/** SY-P6: one `data:` frame of `GET /sync/:collection/stream`. */
export const streamEventSchema = z.union([
  z.literal('RESYNC'),
  z.object({ documents: z.array(answeredDocumentSchema), checkpoint: checkpointSchema }),
]);
export type StreamEvent = z.infer<typeof streamEventSchema>;

/** Every error answer of the server. */
export const errorBodySchema = z.object({ code: z.string(), message: z.string() });
export type ErrorBody = z.infer<typeof errorBodySchema>;

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: 'Enter an email address like jane@example.com.' }));
export const passwordSchema = z
  .string()
  .min(10, 'Choose a password of at least 10 characters.')
  .max(200, 'A password can have at most 200 characters.');

export const loginRequestSchema = z.object({ email: emailSchema, password: z.string().min(1).max(200) });
/** Redeeming a one-time sign-in code (first run, invite) sets the agent's password. */
export const redeemRequestSchema = z.object({
  email: emailSchema,
  code: z.string().min(1).max(100),
  password: passwordSchema,
});
export const refreshRequestSchema = z.object({ refreshToken: z.string().min(1).max(200) });

export const roleSchema = z.enum(['agent', 'admin']);
export type Role = z.infer<typeof roleSchema>;

export const sessionAgentSchema = z.object({
  id: z.string(),
  teamId: z.string(),
  email: z.string(),
  name: z.string(),
  role: roleSchema,
});
export type SessionAgent = z.infer<typeof sessionAgentSchema>;

export const sessionResponseSchema = z.object({
  accessToken: z.string(),
  /** Seconds until the access token expires. */
  expiresIn: z.number().int(),
  refreshToken: z.string(),
  agent: sessionAgentSchema,
});
export type SessionResponse = z.infer<typeof sessionResponseSchema>;

export const inviteRequestSchema = z.object({
  email: emailSchema,
  name: z.string().trim().min(1, 'Enter the agent’s name.').max(100),
  role: roleSchema.default('agent'),
});
export const inviteResponseSchema = z.object({
  agent: sessionAgentSchema,
  code: z.string(),
  expiresAt: z.number(),
});
export const agentPatchSchema = z
  .object({ role: roleSchema.optional(), active: z.boolean().optional() })
  .refine(
    (patch) => patch.role !== undefined || patch.active !== undefined,
    'Say what to change: role or active.',
  );

export const eraseRequestSchema = z.object({ leadId: z.string().min(1).max(64) });
export const eraseResponseSchema = z.object({
  leadId: z.string(),
  erased: z.object({ leads: z.number(), messages: z.number(), tasks: z.number(), enrollments: z.number() }),
  suppressions: z.number(),
});
export type EraseResponse = z.infer<typeof eraseResponseSchema>;

export const auditEntrySchema = z.object({
  seq: z.number(),
  at: z.number(),
  actorId: z.string().nullable(),
  action: z.string(),
  target: z.string().nullable(),
  detail: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;
