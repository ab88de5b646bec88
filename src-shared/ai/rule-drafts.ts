// The drafts rules write when the AI does not: a follow-up chosen by the lead's intent and how
// long they have been quiet, and a suggested reply chosen by the reply's reading. The lead's
// placeholders have fallbacks; the agent is the profile's (first name in texts, the signature
// in emails), so a draft never says "your agent": an empty profile field is named instead.
// Every SMS template here fits one GSM-7 segment with long names (checked by a test).
import type { ReplyReading } from './reply-reading';

export type DraftChannel = 'sms' | 'whatsapp' | 'email';

export interface RuleDraftTemplate {
  id: string;
  /** Short channels (SMS, WhatsApp) and email differ in length and greeting. */
  short: string;
  email: string;
}

const followUps: Record<'buy' | 'sell' | 'quiet' | 'other', RuleDraftTemplate> = {
  buy: {
    id: 'ai-rules-followup-buy',
    short: 'Hi {{first_name|there}}, {{agent.first_name}} here. Any homes you would like to see this week?',
    email:
      'Hi {{first_name|there}},\n\nI have been keeping an eye on homes that fit what you told me. Would you like me to set up a few showings this week?\n\n{{agent.signature}}',
  },
  sell: {
    id: 'ai-rules-followup-sell',
    short:
      'Hi {{first_name|there}}, {{agent.first_name}} here. Want a quick update on what homes near you sold for?',
    email:
      'Hi {{first_name|there}},\n\nHomes near you have been selling. Would a short valuation of {{property_address|your home}} help with your plans?\n\n{{agent.signature}}',
  },
  quiet: {
    id: 'ai-rules-followup-quiet',
    short:
      'Hi {{first_name|there}}, it is {{agent.first_name}}. Still thinking about a move? Happy to help when you are ready.',
    email:
      'Hi {{first_name|there}},\n\nIt has been {{days_inactive|a few}} days since we spoke. Still thinking about a move? Reply and I will send fresh options.\n\n{{agent.signature}}',
  },
  other: {
    id: 'ai-rules-followup-checkin',
    short: 'Hi {{first_name|there}}, just checking in. Anything I can help you with on your move?',
    email:
      'Hi {{first_name|there}},\n\nJust checking in. Is there anything I can help you with on your move?\n\n{{agent.signature}}',
  },
};

const replies: Record<'opt_out' | 'negative' | 'call' | 'positive' | 'neutral', RuleDraftTemplate> = {
  opt_out: {
    id: 'ai-rules-reply-optout',
    short: 'You will not hear from us again. Thank you, {{first_name|and take care}}.',
    email: 'Hi {{first_name|there}},\n\nUnderstood: you will not hear from us again.\n\n{{agent.signature}}',
  },
  negative: {
    id: 'ai-rules-reply-negative',
    short:
      'Thanks for letting me know, {{first_name|and good luck}}. If anything changes, I am here to help.',
    email:
      'Hi {{first_name|there}},\n\nThanks for letting me know. If anything changes, I am happy to help.\n\n{{agent.signature}}',
  },
  call: {
    id: 'ai-rules-reply-call',
    short: 'Happy to call, {{first_name|there}}! What time works best for you today or tomorrow?',
    email:
      'Hi {{first_name|there}},\n\nHappy to call. What time works best for you today or tomorrow?\n\n{{agent.signature}}',
  },
  positive: {
    id: 'ai-rules-reply-positive',
    short:
      'Great, {{first_name|thanks}}! What would be the best next step for you: a call or a few listings?',
    email:
      'Hi {{first_name|there}},\n\nGreat to hear from you. What would help most next: a quick call, or a few listings that match?\n\n{{agent.signature}}',
  },
  neutral: {
    id: 'ai-rules-reply-neutral',
    short: 'Thanks, {{first_name|there}}! Is there anything I can help you with right now?',
    email:
      'Hi {{first_name|there}},\n\nThanks for your message. Is there anything I can help you with right now?\n\n{{agent.signature}}',
  },
};

export const RULE_DRAFT_TEMPLATES: readonly RuleDraftTemplate[] = [
  ...Object.values(followUps),
  ...Object.values(replies),
];

/** Quiet this many days and the follow-up asks whether they are still moving. */
const QUIET_DAYS = 21;

export function followUpTemplate(intent: string, daysQuiet: number): RuleDraftTemplate {
  if (daysQuiet >= QUIET_DAYS) return followUps.quiet;
  if (intent === 'sell') return followUps.sell;
  if (intent === 'buy' || intent === 'both' || intent === 'rent') return followUps.buy;
  return followUps.other;
}

export function replyTemplate(reading: ReplyReading): RuleDraftTemplate {
  if (reading.optOut) return replies.opt_out;
  if (reading.sentiment === 'negative') return replies.negative;
  if (reading.wantsCall) return replies.call;
  return reading.sentiment === 'positive' ? replies.positive : replies.neutral;
}

export function templateText(template: RuleDraftTemplate, channel: DraftChannel): string {
  return channel === 'email' ? template.email : template.short;
}
