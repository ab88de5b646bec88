// Which channel a step goes out on (docs/engine.md, "Channel rules"):
//   - a step goes out on its own channel;
//   - when the lead cannot be reached on it (no phone, suppressed, bad number, consent revoked,
//     WhatsApp window closed) the step falls back to the channels it names in `fallback`, in
//     order, and is skipped with the reason when none is left;
//   - when the channel that would be used is merely not connected, the message waits for it.
// Nothing falls back silently: a text never becomes an email unless the step says so.
// Notifications go to the agent and never fall back.
import type { Channel, Lead } from '../../../src-shared/domain';
import { settingsPlace } from '../../../src-shared/settings-sections';

export interface ChannelFacts {
  lead: Pick<Lead, 'phone' | 'phoneProblem' | 'email' | 'consent'>;
  /** Channels the lead is suppressed on; 'all' blocks every channel. */
  suppressed: ReadonlySet<Channel | 'all'>;
  whatsappWindowOpen: boolean;
  requireExplicitSmsConsent: boolean;
  /** Channels with a sender connected (call tasks always are). */
  connected: ReadonlySet<Channel>;
}

export type ChannelPlan =
  | { kind: 'send'; channel: Channel; fellBack: boolean; skipped: string[] }
  | { kind: 'wait'; channel: Channel; reason: string; skipped: string[] }
  | { kind: 'skip'; reason: string };

/** What a person connects for each channel, in the product's words. */
export const CHANNEL_PROVIDER: Record<Channel, string> = {
  sms: 'Twilio',
  whatsapp: 'Twilio',
  email: 'email (SMTP)',
  call: 'calls',
  notification: 'notifications',
};

/** The Settings section where each channel is connected (named in src-shared/settings-sections). */
export const CHANNEL_SETTINGS_SECTION: Record<Channel, string> = {
  sms: settingsPlace('texts'),
  whatsapp: settingsPlace('texts'),
  email: settingsPlace('email'),
  call: 'Settings',
  notification: 'Settings',
};

const CHANNEL_WORD: Record<Channel, string> = {
  sms: 'Texts',
  whatsapp: 'WhatsApp',
  email: 'Email',
  call: 'Calls',
  notification: 'Notifications',
};

/** Why the lead cannot be reached on `channel`, or null when they can (connection aside). */
export function whyUnreachable(channel: Channel, facts: ChannelFacts): string | null {
  const { lead, suppressed } = facts;
  if (channel === 'notification') return null;
  if (suppressed.has('all')) return 'the lead opted out of all contact';
  if (suppressed.has(channel)) return `the lead is suppressed on ${channel}`;
  switch (channel) {
    case 'sms':
      if (lead.phone === undefined) return 'no phone number';
      if (lead.phoneProblem !== undefined) return `the number cannot take texts (${lead.phoneProblem})`;
      if (lead.consent.sms === 'revoked') return 'SMS consent was revoked';
      if (facts.requireExplicitSmsConsent && lead.consent.sms !== 'granted') return 'no explicit SMS consent';
      return null;
    case 'whatsapp':
      if (lead.phone === undefined) return 'no phone number';
      if (lead.consent.whatsapp === 'revoked') return 'WhatsApp consent was revoked';
      if (!facts.whatsappWindowOpen) return 'outside the WhatsApp 24-hour window';
      return null;
    case 'email':
      if (lead.email === undefined) return 'no email address';
      if (lead.consent.email === 'revoked') return 'email consent was revoked';
      return null;
    case 'call':
      return lead.phone === undefined ? 'no phone number to call' : null;
  }
}

export function notConnectedReason(channel: Channel): string {
  const word = CHANNEL_WORD[channel];
  return `Waiting for ${CHANNEL_PROVIDER[channel]}: ${word.toLowerCase()} are not connected; connect ${CHANNEL_PROVIDER[channel]} in ${CHANNEL_SETTINGS_SECTION[channel]} and it goes out.`;
}

export function planChannel(
  step: { channel: Channel; fallback?: readonly Channel[] | undefined },
  facts: ChannelFacts,
): ChannelPlan {
  const order =
    step.channel === 'notification' ? [step.channel] : [...new Set([step.channel, ...(step.fallback ?? [])])];
  const skipped: string[] = [];
  for (const channel of order) {
    const why = whyUnreachable(channel, facts);
    if (why !== null) {
      skipped.push(`${channel}: ${why}`);
      continue;
    }
    if (!facts.connected.has(channel))
      return { kind: 'wait', channel, reason: notConnectedReason(channel), skipped };
    return { kind: 'send', channel, fellBack: channel !== step.channel, skipped };
  }
  const fallbackWords = order.length > 1 ? ' and on its fallback' : '';
  return {
    kind: 'skip',
    reason: `Skipped: the lead cannot be reached by ${step.channel}${fallbackWords} (${skipped.join('; ')}).`,
  };
}
