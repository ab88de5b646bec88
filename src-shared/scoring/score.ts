// The score: 1..100 from the feature vector, with each factor's contribution in points and
// a confidence from how much there was to go on. Two models read the same features:
// - default: each factor group gives a 0..1 group score; score = 100 x sum(weight x group
//   score), weights normalised to 1. A factor's contribution is weight x (group score - 0.5)
//   x 100, so the contributions add up to (score - 50): positive raised it, negative lowered it.
// - logistic (learned from the team's outcomes): score = 1 + 99 x sigmoid(b + w.x); a
//   factor's contribution is its share of w.(x - mean) mapped onto the points between the
//   score of an average lead and this one, so they add up to (score - average score).
// Same inputs, same score: no randomness, no clock.
import type { ScoreFactor, ScoringModel, Temperature } from '../domain';
import type { FactorGroup, ScoringSettings } from './config';
import { factorGroups, temperatureOf } from './config';
import { ASK_STRENGTH } from './content';
import { factorReason } from './explain';
import { F, FEATURE_COUNT, FEATURES } from './features';
import type { LeadSignals } from './signals';

export type CompiledModel =
  | { kind: 'default' }
  | {
      kind: 'logistic';
      version: number;
      /** Coefficients in FEATURES order (a feature the model does not know weighs 0). */
      coefficients: Float64Array;
      intercept: number;
      means: Float64Array;
    };

export const DEFAULT_MODEL: CompiledModel = { kind: 'default' };

/** Aligns a stored model with today's feature order; the default model when there is none. */
export function compileModel(
  doc: Pick<ScoringModel, 'kind' | 'version' | 'features' | 'weights' | 'intercept' | 'featureMeans'> | null,
): CompiledModel {
  if (doc === null || doc.kind === 'default') return DEFAULT_MODEL;
  const coefficients = new Float64Array(FEATURE_COUNT);
  const means = new Float64Array(FEATURE_COUNT);
  doc.features.forEach((name, i) => {
    const at = (F as Record<string, number | undefined>)[name];
    if (at === undefined) return;
    coefficients[at] = doc.weights[i] ?? 0;
    means[at] = doc.featureMeans?.[i] ?? 0;
  });
  return { kind: 'logistic', version: doc.version, coefficients, intercept: doc.intercept, means };
}

function clamp01(v: number): number {
  return v < 0 ? 0 : v > 1 ? 1 : v;
}

function at(x: Float64Array, i: number): number {
  return x[i] ?? 0;
}

/** Each default factor group's 0..1 score, read from the feature vector. */
export function groupScores(x: Float64Array): Record<FactorGroup, number> {
  const content =
    ASK_STRENGTH.urgency * at(x, F.ask_urgency) +
    ASK_STRENGTH.price * at(x, F.ask_price) +
    ASK_STRENGTH.showing * at(x, F.ask_showing) +
    ASK_STRENGTH.availability * at(x, F.ask_availability) +
    ASK_STRENGTH.preapproval * at(x, F.ask_preapproval) +
    ASK_STRENGTH.timeline * at(x, F.ask_timeline) +
    ASK_STRENGTH.browsing * at(x, F.ask_browsing);
  return {
    content: clamp01(content),
    engagement: clamp01(
      0.6 * at(x, F.replies) +
        0.15 * at(x, F.opens) +
        0.3 * at(x, F.clicks) +
        0.2 * at(x, F.property_views) +
        0.3 * at(x, F.repeat_inquiries),
    ),
    source: at(x, F.source_quality),
    timing: 0.45 * at(x, F.reply_speed) + 0.25 * at(x, F.inquiry_freshness) + 0.3 * at(x, F.recency),
    fit: 0.4 * at(x, F.profile) + 0.4 * at(x, F.price_fit) + 0.2 * at(x, F.area_fit),
    ai: at(x, F.ai_reading),
  };
}

/** The default weights as shares of 1; the AI factor takes `aiWeight`% only when there is a reading. */
export function normalisedWeights(settings: ScoringSettings, hasAi: boolean): Record<FactorGroup, number> {
  const w = settings.weights;
  const total = w.content + w.engagement + w.source + w.timing + w.fit;
  const aiShare = hasAi ? settings.aiWeight / 100 : 0;
  const scale = (1 - aiShare) / total;
  return {
    content: w.content * scale,
    engagement: w.engagement * scale,
    source: w.source * scale,
    timing: w.timing * scale,
    fit: w.fit * scale,
    ai: aiShare,
  };
}

export interface LeadScore {
  score: number;
  temperature: Temperature;
  confidence: number;
  /** Largest effect first; contribution in points, + raised the score, - lowered it. */
  factors: ScoreFactor[];
  model: 'default' | 'logistic';
}

function toScore(raw: number): number {
  return Math.min(100, Math.max(1, Math.round(raw)));
}

function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

/** Points per group, before rounding. */
function contributions(
  x: Float64Array,
  hasAi: boolean,
  settings: ScoringSettings,
  model: CompiledModel,
): { raw: number; points: Record<FactorGroup, number> } {
  const points: Record<FactorGroup, number> = {
    content: 0,
    engagement: 0,
    source: 0,
    timing: 0,
    fit: 0,
    ai: 0,
  };
  if (model.kind === 'default') {
    const g = groupScores(x);
    const w = normalisedWeights(settings, hasAi);
    let raw = 0;
    for (const group of factorGroups) {
      raw += 100 * w[group] * g[group];
      points[group] = 100 * w[group] * (g[group] - 0.5);
    }
    return { raw, points };
  }
  let logit = model.intercept;
  let reference = model.intercept;
  for (let i = 0; i < FEATURE_COUNT; i++) {
    const c = model.coefficients[i] ?? 0;
    const xi = x[i] ?? 0;
    const mi = model.means[i] ?? 0;
    logit += c * xi;
    reference += c * mi;
    const def = FEATURES[i];
    if (def !== undefined) points[def.group] += c * (xi - mi);
  }
  const raw = 1 + 99 * sigmoid(logit);
  const rawReference = 1 + 99 * sigmoid(reference);
  const delta = logit - reference;
  // Secant slope of the sigmoid between the average lead and this one: always > 0, so each
  // factor keeps its sign and the factors add up to the distance from the average score.
  const slope =
    Math.abs(delta) > 1e-9 ? (raw - rawReference) / delta : 99 * sigmoid(logit) * (1 - sigmoid(logit));
  for (const group of factorGroups) points[group] *= slope;
  return { raw, points };
}

/** How much the score had to go on, 0.05..1: messages, touches, engagement and profile. */
export function confidenceOf(s: LeadSignals): number {
  const c = s.counts;
  const evidence =
    2 * c.inbound +
    0.5 * c.outbound +
    c.opens +
    c.clicks +
    Math.min(3, c.propertyViews) +
    2 * s.profile +
    (s.source === 'other' || s.source === 'import' ? 0 : 1) +
    (s.ai === null ? 0 : 1);
  return Math.round(Math.max(0.05, Math.min(1, 1 - Math.exp(-evidence / 6))) * 100) / 100;
}

function largestFirst(a: ScoreFactor, b: ScoreFactor): number {
  return Math.abs(b.contribution) - Math.abs(a.contribution) || (a.name < b.name ? -1 : 1);
}

/**
 * The score of a feature vector. With `words: false` the factors carry no reasons (the bulk
 * rescorer first checks whether anything moved, then asks `withReasons` for the few that did).
 */
export function scoreFromFeatures(
  x: Float64Array,
  signals: LeadSignals,
  now: number,
  settings: ScoringSettings,
  model: CompiledModel,
  options: { words?: boolean } = {},
): LeadScore {
  const hasAi = signals.ai !== null;
  const { raw, points } = contributions(x, hasAi, settings, model);
  const score = toScore(raw);
  const factors: ScoreFactor[] = [];
  const words = options.words !== false;
  for (const group of factorGroups) {
    if (group === 'ai' && !hasAi) continue;
    const contribution = Math.round(points[group] * 10) / 10;
    factors.push({
      name: group,
      contribution,
      reason: words ? factorReason(group, signals, now, settings) : '',
    });
  }
  factors.sort(largestFirst);
  return {
    score,
    temperature: temperatureOf(score, settings.thresholds),
    confidence: confidenceOf(signals),
    factors,
    model: model.kind,
  };
}

/** The default model's unrounded score for a feature vector, for comparing models on the same rows. */
export function defaultRawScore(x: Float64Array, settings: ScoringSettings, hasAi: boolean): number {
  return contributions(x, hasAi, settings, DEFAULT_MODEL).raw;
}

/** Fills in the words of factors scored with `words: false`. */
export function withReasons(
  factors: readonly ScoreFactor[],
  signals: LeadSignals,
  now: number,
  settings: ScoringSettings,
): ScoreFactor[] {
  return factors.map((f) => ({ ...f, reason: factorReason(f.name as FactorGroup, signals, now, settings) }));
}
