// The built-in templates used by the built-in playbooks, written as an agent writes: the agent's
// own name, number and brokerage from the profile ({{agent.*}}, {{brokerage}}), a signature on
// every email, and texts that fit one GSM-7 segment with a typical name and number (no curly
// quotes or dashes, which would switch a text to UCS-2). A profile field has no fallback: an
// empty one holds the message back and says where to fill it. A lead's field always has one.
// The texts as first shipped are fingerprinted in core/sequences/builtin-upgrade.ts, so an
// untouched built-in in an existing workspace is brought up to these (decision 0343).
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

const SIGN = '\n\n{{agent.signature}}';

export const BUILTIN_TEMPLATES: readonly TemplateDefinition[] = [
  t(
    'tpl-buyer-welcome-email',
    'Buyer: welcome email',
    'email',
    "Hi {{first_name|there}},\n\nThanks for getting in touch about buying a home. I'm {{agent.name}} with {{brokerage}}, and I'd be glad to help you find the right place.\n\nTo get started, could you tell me the areas you like, your price range and when you hope to move? Or call or text me at {{agent.phone}}: ten minutes on the phone is usually enough to set up a search that sends you the right homes." +
      SIGN,
    'Your home search',
  ),
  t(
    'tpl-buyer-welcome-sms',
    'Buyer: welcome text',
    'sms',
    "Hi {{first_name|there}}, it's {{agent.first_name}} with {{brokerage}}. Thanks for your home search inquiry! Is now a good time for a quick call? Reply STOP to opt out",
  ),
  t(
    'tpl-call-new-lead',
    'Call: welcome call',
    'call',
    'Call {{full_name|the new lead}} to welcome them: what they are looking for, where, the price range, when they hope to move, and whether they are pre-approved.',
  ),
  t(
    'tpl-buyer-day1-sms',
    'Buyer: day 1 text',
    'sms',
    "Hi {{first_name|there}}, seen any homes online you'd like to visit this week? I can set up showings. {{agent.first_name}}, {{agent.phone}}",
  ),
  t(
    'tpl-buyer-listings-email',
    'Buyer: listings email',
    'email',
    "Hi {{first_name|there}},\n\nI've put together a few homes that fit what you're looking for:\n\n{{property_matches}}\n\nReply with the ones you like and I'll set up showings, usually within a day or two.\n\nIf your search has changed (area, budget, must-haves), tell me and I'll adjust it." +
      SIGN,
    'A few homes for you',
  ),
  t(
    'tpl-property-alert-email',
    'Property alert email',
    'email',
    "Hi {{first_name|there}},\n\n{{property_summary}}, picked for your search:\n\n{{property_matches}}\n\nWant to see any of them? Reply and I'll set up a showing, usually within a day or two.\n\nIf your search has changed (area, budget, must-haves), tell me and I'll adjust what I send you." +
      SIGN,
    '{{property_summary}}',
  ),
  t(
    'tpl-call-followup',
    'Call: follow-up call',
    'call',
    'Follow-up call with {{full_name|the lead}}: how the search is going, anything new they have seen, and whether to book showings.',
  ),
  t(
    'tpl-checkin-sms',
    'Check-in text',
    'sms',
    'Hi {{first_name|there}}, {{agent.first_name}} here. Just checking in: anything I can help with on your move? {{agent.phone}}',
  ),
  t(
    'tpl-market-email',
    'Market update email',
    'email',
    "Hi {{first_name|there}},\n\nI keep a close eye on sales in {{city|your area}}. If you'd like to know what homes like yours, or the ones you're watching, have sold for lately, reply and I'll send you the recent numbers. No strings attached." +
      SIGN,
    'What homes are selling for near you',
  ),
  t(
    'tpl-seller-welcome-email',
    'Seller: welcome email',
    'email',
    "Hi {{first_name|there}},\n\nThanks for reaching out about selling {{property_address|your home}}. I'm {{agent.name}} with {{brokerage}}. I'll prepare a free valuation based on recent sales nearby.\n\nWhen would suit you for a short call, or for me to walk through the home? You can reach me at {{agent.phone}}." +
      SIGN,
    'Selling your home',
  ),
  t(
    'tpl-seller-welcome-sms',
    'Seller: welcome text',
    'sms',
    "Hi {{first_name|there}}, it's {{agent.first_name}} with {{brokerage}}. Thanks for asking about selling {{property_address|your home}}. When's a good time to talk? Reply STOP to opt out",
  ),
  t(
    'tpl-seller-valuation-email',
    'Seller: valuation email',
    'email',
    "Hi {{first_name|there}},\n\nI've been looking at recent sales near {{property_address|your home}}. Would you like a full valuation, with the comparable sales and a suggested price range? It takes me a day to put together, and there's no obligation." +
      SIGN,
    'What your home could sell for',
  ),
  t(
    'tpl-reactivation-sms',
    'Reactivation text',
    'sms',
    "Hi {{first_name|there}}, it's {{agent.first_name}} with {{brokerage}}. Still thinking about buying or selling? Happy to help when you're ready. {{agent.phone}}",
  ),
  t(
    'tpl-reactivation-email',
    'Reactivation email',
    'email',
    "Hi {{first_name|there}},\n\nIt's been a while since we talked. Are you still thinking about a move? The market has changed since then, and I'd be happy to send you fresh options or a quick update on prices.\n\nJust reply to this email, or call me at {{agent.phone}}." +
      SIGN,
    'Still thinking about a move?',
  ),
  t(
    'tpl-proposal-sms',
    'Proposal: no answer',
    'sms',
    'Hi {{first_name|there}}, did you get a chance to look at the proposal? Happy to answer any questions. {{agent.first_name}}, {{agent.phone}}',
  ),
  t(
    'tpl-promised-sms',
    'Promised, no action',
    'sms',
    'Hi {{first_name|there}}, following up on what we discussed for {{promised_date|this week}}. Still good for you? {{agent.first_name}}',
  ),
  t(
    'tpl-missed-callback-sms',
    'Missed callback',
    'sms',
    "Hi {{first_name|there}}, sorry I missed you! When's a good time to call you back? Or reach me at {{agent.phone}}. {{agent.first_name}}",
  ),
  t(
    'tpl-ghosted-email',
    'Ghosted after meeting',
    'email',
    "Hi {{first_name|there}},\n\nIt was great meeting you. I'd love to hear what you thought, and I'm happy to help with next steps whenever you're ready, whether that's more homes to see or questions about the numbers." +
      SIGN,
    'Following up on our meeting',
  ),
  t(
    'tpl-price-objection-email',
    'Price objection, silence',
    'email',
    "Hi {{first_name|there}},\n\nI know the price was a concern. I've looked at a few options that may fit your budget better. Would you like me to send them over?" +
      SIGN,
    'Options that fit your budget',
  ),
  t(
    'tpl-nurture-email',
    'Long-term nurture',
    'email',
    "Hi {{first_name|there}},\n\nJust a quick hello. Whenever you're ready to talk about a move, or just want to know what a home nearby sold for, reply here or call me at {{agent.phone}}." +
      SIGN,
    'Keeping in touch',
  ),
];
