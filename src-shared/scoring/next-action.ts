// The next best action for a lead, with its reason in words: call now (hot and replied within
// the hour), send listings (a warm or hot lead who wants to move), reactivate (gone quiet) or
// wait (the ball is in their court, or the lead is settled). Rules only; a function of `now`.
import type { LeadIntent, LeadStage, Temperature } from '../domain';
import { ago } from './explain';

export const nextActionKinds = ['call_now', 'send_listings', 'reactivate', 'wait'] as const;
export type NextActionKind = (typeof nextActionKinds)[number];

export interface NextAction {
  kind: NextActionKind;
  reason: string;
}

export interface NextActionInput {
  stage: LeadStage;
  score: number;
  temperature: Temperature;
  intent: LeadIntent;
  lastInboundAt: number | null;
  lastOutboundAt: number | null;
  lastActivityAt: number;
  clicks: number;
  propertyViews: number;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** No activity for this long and the lead needs reactivating rather than more of the same. */
export const REACTIVATE_AFTER_DAYS = 30;
/** A cold lead quiet this long is worth a reactivation touch too. */
const COLD_REACTIVATE_AFTER_DAYS = 14;
/** After we write, give the lead this long to answer before anything else. */
const WAIT_FOR_REPLY_MS = 2 * DAY_MS;

export function nextBestAction(input: NextActionInput, now: number): NextAction {
  const { stage, score, temperature, intent } = input;
  if (stage === 'closed' || stage === 'lost')
    return {
      kind: 'wait',
      reason: `The lead is ${stage === 'closed' ? 'closed (won)' : 'lost'}; nothing is due.`,
    };
  const sinceInbound = input.lastInboundAt === null ? null : now - input.lastInboundAt;
  if (temperature === 'hot' && sinceInbound !== null && sinceInbound <= HOUR_MS)
    return {
      kind: 'call_now',
      reason: `Hot (${score}) and replied ${ago(sinceInbound)}: call while they are at the phone.`,
    };
  const quietDays = (now - input.lastActivityAt) / DAY_MS;
  if (
    quietDays >= REACTIVATE_AFTER_DAYS ||
    (temperature === 'cold' && quietDays >= COLD_REACTIVATE_AFTER_DAYS)
  )
    return {
      kind: 'reactivate',
      reason: `No activity for ${Math.floor(quietDays)} days: send a check-in or new listings to bring them back.`,
    };
  const weWroteLast =
    input.lastOutboundAt !== null &&
    (input.lastInboundAt === null || input.lastOutboundAt > input.lastInboundAt);
  if (weWroteLast && input.lastOutboundAt !== null && now - input.lastOutboundAt < WAIT_FOR_REPLY_MS)
    return { kind: 'wait', reason: `We wrote ${ago(now - input.lastOutboundAt)}; give them time to answer.` };
  if (temperature !== 'cold') {
    const interest =
      input.clicks + input.propertyViews > 0
        ? ` who ${input.clicks > 0 ? 'clicked listings' : 'viewed listings'}`
        : '';
    if (intent === 'sell')
      return {
        kind: 'send_listings',
        reason: `${temperature === 'hot' ? 'Hot' : 'Warm'} seller${interest}: send recent sales near their home.`,
      };
    return {
      kind: 'send_listings',
      reason: `${temperature === 'hot' ? 'Hot' : 'Warm'} ${intent === 'rent' ? 'renter' : 'buyer'}${interest}: send listings that match.`,
    };
  }
  return {
    kind: 'wait',
    reason: `Cold (${score}) but active ${ago(now - input.lastActivityAt)}: let the sequence work.`,
  };
}
