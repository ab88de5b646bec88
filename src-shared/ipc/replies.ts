// The replies feature's contract: every reply from a lead that nobody has answered yet, newest
// first, with the lead it came from, for the Replies and Today screens.
import { z } from 'zod';
import type { Lead, Message } from '../domain';

export const replyArgs = {
  'replies-unanswered': z
    .object({ limit: z.number().int().min(1).max(500).default(100) })
    .default({ limit: 100 }),
};

export interface UnansweredReply {
  message: Message;
  lead: Lead;
}

export interface ReplyResults {
  'replies-unanswered': UnansweredReply[];
}
