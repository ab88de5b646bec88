// Learning the team's own weights: a logistic model over the score's features, trained on
// leads that reached an outcome (closed = won, lost = lost). One in five rows, chosen by a
// hash of the lead id (the same split on every replica), is held out to measure AUC and
// calibration, and the default weights are measured on the same rows; the final model is then
// fitted on every row. Below the minimum number of outcomes nothing is trained.
import type { ScoringSettings } from './config';
import { FEATURE_COUNT, FEATURE_NAMES, FEATURES } from './features';
import type { TrainingSet } from './logistic';
import { predictProbability, trainLogistic } from './logistic';
import type { CalibrationBin } from './metrics';
import { auc, brier, calibration, expectedCalibrationError } from './metrics';
import { defaultRawScore } from './score';

export interface OutcomeRow {
  id: string;
  /** The lead's features as of its last activity. */
  x: Float64Array;
  won: boolean;
  hasAi: boolean;
}

export interface LearnedModel {
  features: string[];
  weights: number[];
  intercept: number;
  featureMeans: number[];
  outcomes: number;
  won: number;
  metrics: {
    auc: number;
    defaultAuc: number;
    brier: number;
    ece: number;
    heldOut: number;
    calibration: CalibrationBin[];
  };
  /** True when the learned model ranks the held-out leads at least as well as the default weights. */
  beatsDefault: boolean;
}

export type LearnResult =
  | { status: 'trained'; model: LearnedModel }
  | { status: 'too_few_outcomes'; outcomes: number; won: number; lost: number; needed: number };

/** Each class needs at least this many rows, whatever the minimum total. */
export const MIN_PER_CLASS = 10;

/** FNV-1a: a stable hash so every replica holds out the same leads. */
export function isHeldOut(id: string): boolean {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    hash ^= id.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % 5 === 0;
}

function toSet(rows: readonly OutcomeRow[]): TrainingSet {
  const x = new Float64Array(rows.length * FEATURE_COUNT);
  const y = new Uint8Array(rows.length);
  rows.forEach((row, r) => {
    x.set(row.x.subarray(0, FEATURE_COUNT), r * FEATURE_COUNT);
    y[r] = row.won ? 1 : 0;
  });
  return { x, y, n: rows.length, d: FEATURE_COUNT };
}

const nonNegative = FEATURES.map((f) => f.monotone);

export function learnScoringModel(rows: readonly OutcomeRow[], settings: ScoringSettings): LearnResult {
  const won = rows.filter((r) => r.won).length;
  const lost = rows.length - won;
  const needed = settings.learning.minOutcomes;
  if (rows.length < needed || won < MIN_PER_CLASS || lost < MIN_PER_CLASS)
    return { status: 'too_few_outcomes', outcomes: rows.length, won, lost, needed };

  const train = rows.filter((r) => !isHeldOut(r.id));
  const test = rows.filter((r) => isHeldOut(r.id));
  const evaluation = trainLogistic(toSet(train), { nonNegative });
  const predicted = test.map((r) => predictProbability(evaluation, r.x));
  const defaults = test.map((r) => defaultRawScore(r.x, settings, r.hasAi));
  const outcomes = test.map((r) => (r.won ? 1 : 0));
  const bins = calibration(predicted, outcomes);
  const heldOutAuc = auc(predicted, outcomes);
  const defaultAuc = auc(defaults, outcomes);

  const final = trainLogistic(toSet(rows), { nonNegative });
  const means = new Array<number>(FEATURE_COUNT).fill(0);
  for (const row of rows)
    for (let i = 0; i < FEATURE_COUNT; i++) means[i] = (means[i] ?? 0) + (row.x[i] ?? 0);
  return {
    status: 'trained',
    model: {
      features: [...FEATURE_NAMES],
      weights: Array.from(final.weights),
      intercept: final.intercept,
      featureMeans: means.map((m) => m / rows.length),
      outcomes: rows.length,
      won,
      metrics: {
        auc: heldOutAuc,
        defaultAuc,
        brier: brier(predicted, outcomes),
        ece: expectedCalibrationError(bins),
        heldOut: test.length,
        calibration: bins,
      },
      // A held-out set with one class only gives NaN AUCs: then the default weights stay.
      beatsDefault: Number.isFinite(heldOutAuc) && (!Number.isFinite(defaultAuc) || heldOutAuc >= defaultAuc),
    },
  };
}
