// The features every score is computed from, each in [0, 1], in one fixed order: the default
// weights and the learned logistic model read the same vector. Engagement features only rise
// with engagement, and a learned model keeps their weights >= 0, so more engagement never
// lowers a score.
import type { FactorGroup, ScoringSettings } from './config';
import { sourceQualityOf } from './config';
import type { ContentAsk } from './content';
import type { LeadSignals } from './signals';

export interface FeatureDefinition {
  name: string;
  group: FactorGroup;
  /** A learned weight for this feature is kept >= 0 (the score's monotonicity law). */
  monotone: boolean;
}

export const FEATURES = [
  { name: 'ask_urgency', group: 'content', monotone: false },
  { name: 'ask_price', group: 'content', monotone: false },
  { name: 'ask_showing', group: 'content', monotone: false },
  { name: 'ask_availability', group: 'content', monotone: false },
  { name: 'ask_preapproval', group: 'content', monotone: false },
  { name: 'ask_timeline', group: 'content', monotone: false },
  { name: 'ask_browsing', group: 'content', monotone: false },
  { name: 'replies', group: 'engagement', monotone: true },
  { name: 'opens', group: 'engagement', monotone: true },
  { name: 'clicks', group: 'engagement', monotone: true },
  { name: 'property_views', group: 'engagement', monotone: true },
  { name: 'repeat_inquiries', group: 'engagement', monotone: true },
  { name: 'source_quality', group: 'source', monotone: false },
  { name: 'reply_speed', group: 'timing', monotone: false },
  { name: 'inquiry_freshness', group: 'timing', monotone: false },
  { name: 'recency', group: 'timing', monotone: false },
  { name: 'profile', group: 'fit', monotone: false },
  { name: 'price_fit', group: 'fit', monotone: false },
  { name: 'area_fit', group: 'fit', monotone: false },
  { name: 'ai_reading', group: 'ai', monotone: false },
] as const satisfies readonly FeatureDefinition[];

export type FeatureName = (typeof FEATURES)[number]['name'];
export const FEATURE_NAMES: readonly FeatureName[] = FEATURES.map((f) => f.name);
export const FEATURE_COUNT = FEATURES.length;

/**
 * Index of each feature in the vector, written out (not built from FEATURES) so the engine keeps
 * it a fast-property object on the hot path; a test checks it against FEATURES.
 */
export const F = {
  ask_urgency: 0,
  ask_price: 1,
  ask_showing: 2,
  ask_availability: 3,
  ask_preapproval: 4,
  ask_timeline: 5,
  ask_browsing: 6,
  replies: 7,
  opens: 8,
  clicks: 9,
  property_views: 10,
  repeat_inquiries: 11,
  source_quality: 12,
  reply_speed: 13,
  inquiry_freshness: 14,
  recency: 15,
  profile: 16,
  price_fit: 17,
  area_fit: 18,
  ai_reading: 19,
} as const satisfies Record<FeatureName, number>;

const ASK_FEATURES: [ContentAsk, FeatureName][] = [
  ['urgency', 'ask_urgency'],
  ['price', 'ask_price'],
  ['showing', 'ask_showing'],
  ['availability', 'ask_availability'],
  ['preapproval', 'ask_preapproval'],
  ['timeline', 'ask_timeline'],
  ['browsing', 'ask_browsing'],
];
export { ASK_FEATURES };

const DAY_MS = 86_400_000;
/** A fresh inquiry loses half its pull in this many days (speed-to-lead). */
const INQUIRY_HALF_LIFE_DAYS = 3;
/** Reply speed halves at this many minutes: a reply within the hour is fast. */
const REPLY_SPEED_HALF_MINUTES = 30;

/** 1 - e^(-amount / scale): 0 for none, rising and levelling off towards 1. */
function saturate(amount: number, scale: number): number {
  return amount <= 0 ? 0 : 1 - Math.exp(-amount / scale);
}

/** Writes the feature vector of `signals` into `out` (reused across leads by the bulk rescorer). */
export function writeFeatures(
  signals: LeadSignals,
  now: number,
  settings: ScoringSettings,
  out: Float64Array = new Float64Array(FEATURE_COUNT),
): Float64Array {
  for (const [ask, name] of ASK_FEATURES) out[F[name]] = signals.content[ask] === null ? 0 : 1;
  const e = signals.engagement;
  out[F.replies] = saturate(e.replies, 1);
  out[F.opens] = saturate(e.opens, 2);
  out[F.clicks] = saturate(e.clicks, 1);
  out[F.property_views] = saturate(e.propertyViews, 3);
  // The first inquiry is the lead itself; only the ones after it show extra interest.
  out[F.repeat_inquiries] = saturate(e.inquiries - Math.min(1, e.inquiries), 1);
  out[F.source_quality] = sourceQualityOf(settings, signals.source);
  out[F.reply_speed] =
    signals.replyMinutes === null
      ? 0
      : REPLY_SPEED_HALF_MINUTES / (REPLY_SPEED_HALF_MINUTES + signals.replyMinutes);
  out[F.inquiry_freshness] = Math.pow(
    0.5,
    Math.max(0, now - signals.lastInquiryAt) / DAY_MS / INQUIRY_HALF_LIFE_DAYS,
  );
  out[F.recency] = Math.pow(0.5, Math.max(0, now - signals.lastActivityAt) / DAY_MS / settings.halfLifeDays);
  out[F.profile] = signals.profile;
  out[F.price_fit] = signals.priceFit ?? 0.5;
  out[F.area_fit] = signals.areaFit ?? 0.5;
  out[F.ai_reading] = signals.ai ?? 0.5;
  return out;
}
