// Which channel a step goes out on. The documented fallback order (docs/engine.md):
//   1. the step's channel, 2. the lead's preferred channel, 3. SMS, 4. email, 5. a call task.
// A channel is usable when the lead has the contact data for it, has not revoked consent, is
// not suppressed on it, and, for WhatsApp, is inside the 24-hour customer-care window
// (business-initiated free-form messages are only allowed within 24 hours of the lead's last
// WhatsApp message). Notifications go to the agent and never fall back.
import type { Channel, Lead } from '../../../src-shared/domain';

export interface ChannelFacts {
  lead: Pick<Lead, 'phone' | 'phoneProblem' | 'email' | 'consent' | 'preferredChannel'>;
  /** Channels the lead is suppressed on; 'all' blocks every channel. */
  suppressed: ReadonlySet<Channel | 'all'>;
  whatsappWindowOpen: boolean;
  requireExplicitSmsConsent: boolean;
  /** Channels with a sender connected (call tasks always are). */
  connected: ReadonlySet<Channel>;
}

export type ChannelChoice =
  { channel: Channel; fellBack: boolean; skipped: string[] } | { channel: null; skipped: string[] };

export const FALLBACK_ORDER: readonly Channel[] = ['sms', 'email', 'call'];

/** Why `channel` cannot be used for this lead, or null when it can. */
export function whyNotUsable(channel: Channel, facts: ChannelFacts): string | null {
  const { lead, suppressed } = facts;
  if (!facts.connected.has(channel)) return `${channel} is not connected`;
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

export function chooseChannel(stepChannel: Channel, facts: ChannelFacts): ChannelChoice {
  const order: Channel[] = [stepChannel];
  if (stepChannel !== 'notification') {
    if (facts.lead.preferredChannel !== undefined) order.push(facts.lead.preferredChannel);
    order.push(...FALLBACK_ORDER);
  }
  const skipped: string[] = [];
  for (const channel of [...new Set(order)]) {
    const why = whyNotUsable(channel, facts);
    if (why === null) return { channel, fellBack: channel !== stepChannel, skipped };
    skipped.push(`${channel}: ${why}`);
  }
  return { channel: null, skipped };
}
