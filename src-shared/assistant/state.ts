// The assistant's state, kept in settings documents (no collection of its own): the team's
// switch ("assistant": which sequences turn it on, the limits) and one document per lead it
// talks to ("assistant-lead-<lead>": mode, what it asked, what it learned, why it handed off).
// Both parse leniently: a document written by a newer version keeps what this one can read.
import { z } from 'zod';
import { handOffKinds } from './hand-off';
import { assistantLanguages, qualificationFields, qualificationSchema } from './qualification';

export const ASSISTANT_SETTINGS_ID = 'assistant';

export const assistantSettingsSchema = z
  .object({
    /** Sequences whose enrolled leads the assistant talks to (off for every other one). */
    sequenceIds: z.array(z.string().max(64)).max(200).default([]),
    /** At most this many assistant messages to one lead per team day. */
    maxPerLeadPerDay: z.number().int().min(1).max(20).default(4),
    /** Hand off after this many assistant messages in a row without an answer. */
    stallTurns: z.number().int().min(1).max(5).default(2),
    /** Wait this long for an answer before asking again (hours). */
    nudgeAfterHours: z.number().int().min(1).max(168).default(24),
    /** A lead scoring at least this is handed to the agent at once. */
    hotScore: z.number().int().min(1).max(100).default(80),
  })
  .strip();
export type AssistantSettings = z.output<typeof assistantSettingsSchema>;
export const assistantSettingsPatchSchema = assistantSettingsSchema.partial();
export type AssistantSettingsPatch = z.input<typeof assistantSettingsPatchSchema>;

export function parseAssistantSettings(value: unknown): AssistantSettings {
  const parsed = assistantSettingsSchema.safeParse(value ?? {});
  return parsed.success ? parsed.data : assistantSettingsSchema.parse({});
}

export const assistantModes = ['on', 'paused', 'handed_off', 'stopped', 'off'] as const;
export type AssistantMode = (typeof assistantModes)[number];

export const assistantTurnSchema = z
  .object({
    at: z.number().int().min(0),
    /** 'asked': our question went; 'answered': their reply read; 'note': a decision. */
    kind: z.enum(['asked', 'answered', 'note']),
    field: z.enum(qualificationFields).nullable(),
    messageId: z.string().max(64).nullable(),
    text: z.string().max(500),
  })
  .strict();
export type AssistantTurn = z.output<typeof assistantTurnSchema>;

export const assistantLeadStateSchema = z
  .object({
    leadId: z.string().max(64),
    mode: z.enum(assistantModes),
    /** Who turned it on: the agent for this lead, or a sequence. */
    startedBy: z.enum(['lead', 'sequence']),
    sequenceId: z.string().max(64).nullable(),
    language: z.enum(assistantLanguages),
    introduced: z.boolean(),
    qualification: qualificationSchema,
    /** The field our last question asked, until it is answered. */
    awaiting: z.enum(qualificationFields).nullable(),
    /** Assistant messages since the lead last wrote. */
    unanswered: z.number().int().min(0),
    /** When to ask again if they stay silent (null: no nudge planned). */
    nudgeAt: z.number().int().min(0).nullable(),
    /** The inbound message last read (each is read once). */
    lastReadId: z.string().max(64).nullable(),
    turnCount: z.number().int().min(0),
    day: z.string().max(10),
    sentToday: z.number().int().min(0),
    handOff: z
      .object({
        kind: z.enum(handOffKinds),
        reason: z.string().max(300),
        at: z.number().int().min(0),
        taskId: z.string().max(64).nullable(),
      })
      .strict()
      .nullable(),
    turns: z.array(assistantTurnSchema).max(60),
    updatedAt: z.number().int().min(0),
  })
  .strict();
export type AssistantLeadState = z.output<typeof assistantLeadStateSchema>;

export function parseAssistantLeadState(value: unknown): AssistantLeadState | null {
  const parsed = assistantLeadStateSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

export function newAssistantLeadState(
  leadId: string,
  startedBy: AssistantLeadState['startedBy'],
  sequenceId: string | null,
  at: number,
): AssistantLeadState {
  return {
    leadId,
    mode: 'on',
    startedBy,
    sequenceId,
    language: 'en',
    introduced: false,
    qualification: {},
    awaiting: null,
    unanswered: 0,
    nudgeAt: null,
    lastReadId: null,
    turnCount: 0,
    day: '',
    sentToday: 0,
    handOff: null,
    turns: [],
    updatedAt: at,
  };
}

/** Settings id of a lead's state (lead ids are at most 64; long ones are shortened stably). */
export function assistantLeadStateId(leadId: string): string {
  const id = `assistant-lead-${leadId}`;
  if (id.length <= 64) return id;
  let h = 0;
  for (const c of leadId) h = (Math.imul(h, 31) + c.charCodeAt(0)) | 0;
  return `assistant-lead-${(h >>> 0).toString(36)}-${leadId.slice(-36)}`.slice(0, 64);
}

export const ASSISTANT_LEAD_STATE_PREFIX = 'assistant-lead-';
/** Ids of the assistant's own messages and notes start with this. */
export const ASSISTANT_MESSAGE_PREFIX = 'asst-';

export function isAssistantMessageId(id: string): boolean {
  return id.startsWith(ASSISTANT_MESSAGE_PREFIX);
}
