// The Follow Up Boss events a team server received by webhook, as the desktop reads them:
// `GET /admin/fub-events?after=<seq>&limit=<n>` answers the events kept after that position in
// the order the server kept them, and the position to ask after next time (docs/sync.md, FE-*).
// An event names resources by id only; the reader fetches them from Follow Up Boss itself.
import { z } from 'zod';

export const FUB_EVENTS_PAGE_LIMIT = 500;

export const fubEventsQuerySchema = z.object({
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(FUB_EVENTS_PAGE_LIMIT).default(100),
});

export const fubWebhookEventSchema = z.object({
  /** Follow Up Boss's eventId: the server keeps each one once. */
  id: z.string(),
  event: z.string(),
  eventCreated: z.string().optional(),
  resourceIds: z.array(z.union([z.number(), z.string()])),
  receivedAt: z.number().optional(),
  /** The server's position of this event. */
  seq: z.number().int(),
});
export type FubWebhookEvent = z.infer<typeof fubWebhookEventSchema>;

export const fubEventsAnswerSchema = z.object({
  events: z.array(fubWebhookEventSchema),
  checkpoint: z.object({ seq: z.number().int().min(0) }),
});
export type FubEventsAnswer = z.infer<typeof fubEventsAnswerSchema>;
