// The AI feature's contract: drafts (a follow-up, a suggested answer to a reply) and reply
// classification, each saying whether the AI or the rules answered and why; the team's AI
// settings (never the key: that is set through the channels feature's secrets); a test call
// that reports what the provider answered; and the status (configured, reachable, today's
// spend against the cap, who answered last).
import { z } from 'zod';
import type { AiSettings, ReplyActionKind, ReplyLabel, ReplyReading } from '../ai';
import { aiSettingsPatchSchema } from '../ai';
import { idSchema } from '../domain';
import type { SegmentCount } from '../sms/segments';

export type AiSource = 'ai' | 'rules';

export interface AiDraft {
  text: string;
  source: AiSource;
  /** The model that wrote it, when the AI did. */
  model?: string;
  /** Why the rules answered, when they did. */
  fallbackReason?: string;
  segments: SegmentCount;
}

export interface AiReplyClassified {
  messageId: string;
  leadId: string;
  reading: ReplyReading;
  label: ReplyLabel;
  actions: ReplyActionKind[];
  reasons: string[];
  source: AiSource;
  model?: string;
  fallbackReason?: string;
  /** An automatic answer was scheduled (aiAutoReply on): its message id. */
  autoReplyId?: string;
}

export interface AiTestResult {
  ok: boolean;
  elapsedMs: number;
  model?: string;
  /** What the provider answered, word for word (any key redacted). */
  answer?: string;
  error?: { code: string; message: string; status?: number };
}

export interface AiStatus {
  /** An AI is connected, turned on and has a key. */
  configured: boolean;
  /** Whether the provider answered the last call; null before any call. */
  reachable: boolean | null;
  spentToday: number;
  dailyCostCap: number;
  capReached: boolean;
  lastSource: AiSource | null;
  lastFallbackReason: string | null;
}

const draftChannelSchema = z.enum(['sms', 'whatsapp', 'email']);

export const aiArgs = {
  'ai-draft-followup': z.object({ leadId: idSchema, channel: draftChannelSchema }),
  'ai-suggest-reply': z.object({ messageId: idSchema }),
  /** Classifies an inbound reply now and applies the allowed actions. */
  'ai-classify-reply': z.object({ messageId: idSchema }),
  'ai-settings-get': z.object({}).default({}),
  'ai-settings-update': z.object({ patch: aiSettingsPatchSchema }),
  'ai-test': z.object({}).default({}),
  'ai-status': z.object({}).default({}),
};

export interface AiResults {
  'ai-draft-followup': AiDraft;
  'ai-suggest-reply': AiDraft & { channel: z.infer<typeof draftChannelSchema> };
  'ai-classify-reply': AiReplyClassified;
  'ai-settings-get': AiSettings;
  'ai-settings-update': AiSettings;
  'ai-test': AiTestResult;
  'ai-status': AiStatus;
}

export interface AiEvents {
  /** A reply was classified (by the reply job or on demand) and its actions applied. */
  'ai-reply-classified': AiReplyClassified;
  'ai-status-changed': AiStatus;
}
