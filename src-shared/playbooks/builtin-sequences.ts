// The built-in playbooks (editable like any other; `builtIn` only marks their origin). Delays
// count from the previous step's send, in the lead's local calendar, inside quiet hours.
import { leadSources } from '../domain/lead';
import type { LeadStage } from '../domain/lead';
import type { SequenceStep, Trigger } from '../domain/sequence';

/** Imported leads are not new inquiries: no speed-to-lead welcome for them. */
const INQUIRY_SOURCES = leadSources.filter((source) => source !== 'import');

export interface PlaybookDefinition {
  id: string;
  name: string;
  description: string;
  trigger: Trigger;
  steps: SequenceStep[];
  /** Installed paused when the team should choose it (it writes to every matching lead). */
  status?: 'paused';
}

type Unit = SequenceStep['delay']['unit'];
type StepSpec = [
  channel: SequenceStep['channel'],
  amount: number,
  unit: Unit,
  templateId: string,
  condition?: SequenceStep['condition'],
  fallback?: SequenceStep['fallback'],
];

function steps(prefix: string, specs: StepSpec[]): SequenceStep[] {
  return specs.map(([channel, amount, unit, templateId, condition, fallback], index) => ({
    id: `${prefix}-${index + 1}`,
    channel,
    delay: { amount, unit },
    condition: condition ?? { type: 'always' },
    templateId,
    ...(fallback === undefined ? {} : { fallback }),
  }));
}

const noReply = { type: 'no_reply_since_enrollment' } as const;
// Fallback is chosen per step (docs/engine.md, "Built-in playbooks"): a later text falls back to
// email when the lead's number cannot take texts, so they still hear from the agent; welcome
// texts do not (the welcome email went two minutes earlier), nor do call tasks (no number, no call).
const orEmail: SequenceStep['fallback'] = ['email'];

export const BUILTIN_SEQUENCES: readonly PlaybookDefinition[] = [
  {
    id: 'builtin-new-buyer',
    name: 'New buyer lead',
    description: 'Email and text within minutes, a call task, then a 30-day mix until they answer.',
    trigger: { type: 'new_lead', intents: ['buy', 'rent', 'unknown'], sources: [...INQUIRY_SOURCES] },
    steps: steps('buyer', [
      ['email', 0, 'minutes', 'tpl-buyer-welcome-email'],
      ['sms', 2, 'minutes', 'tpl-buyer-welcome-sms'],
      ['call', 10, 'minutes', 'tpl-call-new-lead'],
      ['sms', 1, 'days', 'tpl-buyer-day1-sms', noReply, orEmail],
      ['email', 2, 'days', 'tpl-buyer-listings-email', noReply],
      ['call', 2, 'days', 'tpl-call-followup', noReply],
      ['sms', 2, 'days', 'tpl-checkin-sms', noReply, orEmail],
      ['email', 7, 'days', 'tpl-market-email', noReply],
      ['sms', 7, 'days', 'tpl-checkin-sms', noReply, orEmail],
      ['email', 9, 'days', 'tpl-market-email', noReply],
    ]),
  },
  {
    id: 'builtin-new-seller',
    name: 'New seller lead',
    description: 'Email and text within minutes, a call task, a valuation, then a 30-day mix.',
    trigger: { type: 'new_lead', intents: ['sell', 'both'], sources: [...INQUIRY_SOURCES] },
    steps: steps('seller', [
      ['email', 0, 'minutes', 'tpl-seller-welcome-email'],
      ['sms', 2, 'minutes', 'tpl-seller-welcome-sms'],
      ['call', 10, 'minutes', 'tpl-call-new-lead'],
      ['email', 1, 'days', 'tpl-seller-valuation-email', noReply],
      ['sms', 2, 'days', 'tpl-checkin-sms', noReply, orEmail],
      ['call', 4, 'days', 'tpl-call-followup', noReply],
      ['email', 7, 'days', 'tpl-market-email', noReply],
      ['sms', 7, 'days', 'tpl-checkin-sms', noReply, orEmail],
      ['email', 9, 'days', 'tpl-market-email', noReply],
    ]),
  },
  {
    id: 'builtin-reactivation',
    name: 'Aged-lead reactivation',
    description: '"Still looking to buy or sell?" after 60 days without contact; again every 30 days.',
    trigger: { type: 'inactive', days: 60 },
    steps: steps('reactivation', [
      ['sms', 0, 'minutes', 'tpl-reactivation-sms'],
      ['email', 2, 'days', 'tpl-reactivation-email', noReply],
    ]),
  },
  {
    id: 'builtin-proposal-no-answer',
    name: 'Proposal sent, no answer',
    description: 'Tag "proposal-sent": a nudge after 3 days of silence.',
    trigger: { type: 'tag_added', tag: 'proposal-sent' },
    steps: steps('proposal', [['sms', 3, 'days', 'tpl-proposal-sms', noReply, orEmail]]),
  },
  {
    id: 'builtin-promised-no-action',
    name: 'Promised but no action',
    description: 'Tag "promised": a reminder after 2 days.',
    trigger: { type: 'tag_added', tag: 'promised' },
    steps: steps('promised', [['sms', 2, 'days', 'tpl-promised-sms', noReply, orEmail]]),
  },
  {
    id: 'builtin-missed-callback',
    name: 'Missed callback',
    description: 'Tag "missed-callback": a text and a call task the next day.',
    trigger: { type: 'tag_added', tag: 'missed-callback' },
    steps: steps('callback', [
      ['sms', 1, 'days', 'tpl-missed-callback-sms', noReply],
      ['call', 0, 'minutes', 'tpl-call-followup', noReply],
    ]),
  },
  {
    id: 'builtin-ghosted-after-meeting',
    name: 'Ghosted after meeting',
    description: 'Tag "met": an email after 4 days of silence.',
    trigger: { type: 'tag_added', tag: 'met' },
    steps: steps('ghosted', [['email', 4, 'days', 'tpl-ghosted-email', noReply]]),
  },
  {
    id: 'builtin-price-objection',
    name: 'Price objection and silence',
    description: 'Tag "price-objection": options in budget after 3 days.',
    trigger: { type: 'tag_added', tag: 'price-objection' },
    steps: steps('price', [['email', 3, 'days', 'tpl-price-objection-email', noReply]]),
  },
  {
    id: 'builtin-long-term-nurture',
    name: 'Long-term nurture',
    description: 'A friendly email every 30 days for six months; where positive replies go.',
    trigger: { type: 'stage_change', to: 'nurture' },
    steps: steps(
      'nurture',
      Array.from({ length: 6 }, (): StepSpec => ['email', 30, 'days', 'tpl-nurture-email']),
    ),
  },
  {
    id: 'builtin-property-alerts',
    name: 'New homes and price cuts',
    description:
      'An email when a new listing or a price cut fits the lead: "3 new homes in Maple Grove under $450k", at most one per alert window (Settings → Listings).',
    trigger: { type: 'property_alert' },
    steps: steps('alerts', [['email', 0, 'minutes', 'tpl-property-alert-email']]),
    status: 'paused',
  },
];

/**
 * The stages that end a sequence when its `endStages` is not set: a new-lead or reactivation plan
 * ends once there is an appointment, a contract, or the lead is closed or lost; every other plan
 * (nurture, the tag follow-ups) ends on closed and lost.
 */
export function endStagesOf(sequence: {
  trigger: Trigger;
  endStages?: readonly LeadStage[] | undefined;
}): readonly LeadStage[] {
  if (sequence.endStages !== undefined) return sequence.endStages;
  return sequence.trigger.type === 'new_lead' || sequence.trigger.type === 'inactive'
    ? ['appointment', 'under_contract', 'closed', 'lost']
    : ['closed', 'lost'];
}
