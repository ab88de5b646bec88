// The assistant feature's contract: a lead's conversation state and qualification, turning it
// on for a lead or a sequence, the agent taking over and handing back, the team's limits, and
// the conversations it holds (for Replies). `assistant-changed` follows any of its documents.
import { z } from 'zod';
import type { AssistantLeadState, AssistantSettings, QualificationField } from '../assistant';
import { assistantSettingsPatchSchema } from '../assistant';
import type { Lead } from '../domain';
import { idSchema } from '../domain';

export const assistantArgs = {
  'assistant-get': z.object({ leadId: idSchema }),
  /** Turns it on for one lead: it introduces itself and asks its first question. */
  'assistant-start': z.object({ leadId: idSchema }),
  /** The agent takes over: the assistant pauses for that lead. */
  'assistant-take-over': z.object({ leadId: idSchema }),
  /** The agent hands back: the assistant answers the lead's next message. */
  'assistant-hand-back': z.object({ leadId: idSchema }),
  /** Turns it off for one lead (a sequence does not turn it on again). */
  'assistant-stop': z.object({ leadId: idSchema }),
  'assistant-settings-get': z.object({}).default({}),
  'assistant-settings-set': z.object({ patch: assistantSettingsPatchSchema }),
  'assistant-sequence-set': z.object({ sequenceId: idSchema, on: z.boolean() }),
  'assistant-conversations': z
    .object({ limit: z.number().int().min(1).max(500).default(100) })
    .default({ limit: 100 }),
};

export interface AssistantLeadView {
  leadId: string;
  state: AssistantLeadState | null;
  /** The question it would ask next (null: qualified, or off). */
  nextQuestion: string | null;
  nextField: QualificationField | null;
  progress: { filled: number; of: number };
  /** Why it cannot speak now, in words (no name in the profile), or null. */
  blocked: string | null;
}

export interface AssistantConversation {
  lead: Lead;
  state: AssistantLeadState;
}

export interface AssistantResults {
  'assistant-get': AssistantLeadView;
  'assistant-start': AssistantLeadView;
  'assistant-take-over': AssistantLeadView;
  'assistant-hand-back': AssistantLeadView;
  'assistant-stop': AssistantLeadView;
  'assistant-settings-get': AssistantSettings;
  'assistant-settings-set': AssistantSettings;
  'assistant-sequence-set': AssistantSettings;
  'assistant-conversations': AssistantConversation[];
}

export interface AssistantEvents {
  'assistant-changed': Record<string, never>;
}
