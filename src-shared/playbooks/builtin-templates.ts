// The built-in templates used by the built-in playbooks. Every placeholder that a lead may
// lack has a fallback, so a built-in never refuses to render for want of data.
import type { Channel } from '../domain/base';

export interface TemplateDefinition {
  id: string;
  name: string;
  channel: Channel;
  subject?: string;
  body: string;
}

const t = (id: string, name: string, channel: Channel, body: string, subject?: string): TemplateDefinition =>
  subject === undefined ? { id, name, channel, body } : { id, name, channel, body, subject };

export const BUILTIN_TEMPLATES: readonly TemplateDefinition[] = [
  t(
    'tpl-buyer-welcome-email',
    'Buyer: welcome email',
    'email',
    'Hi {{first_name|there}},\n\nThanks for reaching out about buying a home. I am {{agent_name|your agent}} and I will help you find the right place. When is a good time for a quick call?\n\nYou can reach me at {{agent_phone|this address}}.',
    'Your home search',
  ),
  t(
    'tpl-buyer-welcome-sms',
    'Buyer: welcome text',
    'sms',
    'Hi {{first_name|there}}, this is {{agent_name|your agent}}. Thanks for your home search inquiry! Is now a good time for a quick call?',
  ),
  t(
    'tpl-call-new-lead',
    'Call: welcome call',
    'call',
    'Call {{full_name|the new lead}}: first conversation.',
  ),
  t(
    'tpl-buyer-day1-sms',
    'Buyer: day 1 text',
    'sms',
    'Hi {{first_name|there}}, any homes you have seen online that you would like to visit this week?',
  ),
  t(
    'tpl-buyer-listings-email',
    'Buyer: listings email',
    'email',
    'Hi {{first_name|there}},\n\nI put together a few homes that match what you are looking for. Want me to set up showings?\n\n{{agent_name|Your agent}}',
    'Homes you might like',
  ),
  t('tpl-call-followup', 'Call: follow-up call', 'call', 'Follow-up call with {{full_name|the lead}}.'),
  t(
    'tpl-checkin-sms',
    'Check-in text',
    'sms',
    'Hi {{first_name|there}}, just checking in. Anything I can help you with on your move?',
  ),
  t(
    'tpl-market-email',
    'Market update email',
    'email',
    'Hi {{first_name|there}},\n\nHere is a short update on the market in your area. Happy to talk through what it means for you.\n\n{{agent_name|Your agent}}',
    'Your market this month',
  ),
  t(
    'tpl-seller-welcome-email',
    'Seller: welcome email',
    'email',
    'Hi {{first_name|there}},\n\nThanks for asking about selling {{property_address|your home}}. I am {{agent_name|your agent}}; I will prepare a free valuation. When can we talk?',
    'Selling your home',
  ),
  t(
    'tpl-seller-welcome-sms',
    'Seller: welcome text',
    'sms',
    'Hi {{first_name|there}}, this is {{agent_name|your agent}}. Thanks for your request about selling {{property_address|your home}}. When is a good time to talk?',
  ),
  t(
    'tpl-seller-valuation-email',
    'Seller: valuation email',
    'email',
    'Hi {{first_name|there}},\n\nRecent sales near {{property_address|your home}} suggest a strong market. Shall I send you a full valuation?',
    'What your home could sell for',
  ),
  t(
    'tpl-reactivation-sms',
    'Reactivation text',
    'sms',
    'Hi {{first_name|there}}, it is {{agent_name|your agent}}. Are you still looking to buy or sell? It has been {{days_inactive|a while}} days; happy to help when you are ready.',
  ),
  t(
    'tpl-reactivation-email',
    'Reactivation email',
    'email',
    'Hi {{first_name|there}},\n\nStill thinking about a move? The market has changed since we last spoke. Reply and I will send you fresh options.',
    'Still looking?',
  ),
  t(
    'tpl-proposal-sms',
    'Proposal: no answer',
    'sms',
    'Hi {{first_name|there}}, did you get a chance to look at the proposal? Happy to answer any questions.',
  ),
  t(
    'tpl-promised-sms',
    'Promised, no action',
    'sms',
    'Hi {{first_name|there}}, following up on what we discussed for {{promised_date|this week}}. Still good for you?',
  ),
  t(
    'tpl-missed-callback-sms',
    'Missed callback',
    'sms',
    'Hi {{first_name|there}}, sorry we missed each other. When is a good time to call you back?',
  ),
  t(
    'tpl-ghosted-email',
    'Ghosted after meeting',
    'email',
    'Hi {{first_name|there}},\n\nGreat meeting you. I would love to hear your thoughts and help with next steps whenever you are ready.',
    'Following up on our meeting',
  ),
  t(
    'tpl-price-objection-email',
    'Price objection, silence',
    'email',
    'Hi {{first_name|there}},\n\nI know the price was a concern. I looked at a few options that may fit your budget better; want me to send them?',
    'Options that fit your budget',
  ),
  t(
    'tpl-nurture-email',
    'Long-term nurture',
    'email',
    "Hi {{first_name|there}},\n\nA quick hello and this month's market notes. Whenever you are ready to talk about a move, I am here.\n\n{{agent_name|Your agent}}",
    'Keeping in touch',
  ),
];
