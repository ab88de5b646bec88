import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TrainingSet } from './logistic';
import { predictProbability, trainLogistic } from './logistic';
import { auc, brier, calibration, expectedCalibrationError } from './metrics';

/** Rows of (features, won) repeated `times`. */
function set(rows: [number[], 0 | 1, number][]): TrainingSet {
  const d = rows[0]?.[0].length ?? 0;
  const x: number[] = [];
  const y: number[] = [];
  for (const [features, won, times] of rows) {
    for (let i = 0; i < times; i++) {
      x.push(...features);
      y.push(won);
    }
  }
  return { x: Float64Array.from(x), y: Uint8Array.from(y), n: y.length, d };
}

const logit = (p: number): number => Math.log(p / (1 - p));

describe('trainLogistic against known maximum-likelihood solutions', () => {
  it('one binary feature: intercept = logit(p0), weight = logit(p1) - logit(p0)', () => {
    // x = 0: 10 of 30 won; x = 1: 30 of 40 won.
    const data = set([
      [[0], 1, 10],
      [[0], 0, 20],
      [[1], 1, 30],
      [[1], 0, 10],
    ]);
    const fit = trainLogistic(data, { l2: 0 });
    expect(fit.converged).toBe(true);
    expect(fit.intercept).toBeCloseTo(logit(1 / 3), 6);
    expect(fit.weights[0]).toBeCloseTo(logit(0.75) - logit(1 / 3), 6);
  });

  it('three groups coded by two indicators: each weight is the log odds ratio to the base group', () => {
    const data = set([
      [[0, 0], 1, 5],
      [[0, 0], 0, 45],
      [[1, 0], 1, 20],
      [[1, 0], 0, 20],
      [[0, 1], 1, 27],
      [[0, 1], 0, 3],
    ]);
    const fit = trainLogistic(data, { l2: 0 });
    expect(fit.intercept).toBeCloseTo(logit(0.1), 6);
    expect(fit.weights[0]).toBeCloseTo(logit(0.5) - logit(0.1), 6);
    expect(fit.weights[1]).toBeCloseTo(logit(0.9) - logit(0.1), 6);
  });

  it("satisfies the score equations X'(y - p) = 0 at the unpenalised optimum", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => {
        let state = seed;
        const random = (): number => (state = (state * 48_271) % 2_147_483_647) / 2_147_483_647;
        const n = 300;
        const d = 3;
        const x = Float64Array.from({ length: n * d }, () => random());
        const y = Uint8Array.from({ length: n }, (_, r) =>
          random() < 1 / (1 + Math.exp(-(2 * (x[r * d] ?? 0) - 1.5 * (x[r * d + 1] ?? 0)))) ? 1 : 0,
        );
        const fit = trainLogistic({ x, y, n, d }, { l2: 0 });
        const gradient = new Array<number>(d + 1).fill(0);
        for (let r = 0; r < n; r++) {
          const residual = (y[r] ?? 0) - predictProbability(fit, x, r * d);
          gradient[0] = (gradient[0] ?? 0) + residual;
          for (let j = 0; j < d; j++)
            gradient[j + 1] = (gradient[j + 1] ?? 0) + residual * (x[r * d + j] ?? 0);
        }
        for (const g of gradient) expect(Math.abs(g)).toBeLessThan(1e-6);
      }),
      { numRuns: 20 },
    );
  });

  it('holds a weight marked non-negative at 0 when the data pulls it below', () => {
    const data = set([
      [[0, 0], 1, 30],
      [[0, 0], 0, 10],
      [[1, 0], 1, 10],
      [[1, 0], 0, 30],
      [[0, 1], 1, 35],
      [[0, 1], 0, 5],
    ]);
    const free = trainLogistic(data, { l2: 0 });
    expect(free.weights[0]).toBeLessThan(0);
    const held = trainLogistic(data, { l2: 0, nonNegative: [true, false] });
    expect(held.weights[0]).toBe(0);
    expect(held.weights[1]).toBeGreaterThan(0);
  });

  it('gives finite weights on perfectly separated data thanks to the L2 penalty', () => {
    const fit = trainLogistic(
      set([
        [[0], 0, 20],
        [[1], 1, 20],
      ]),
    );
    expect(Number.isFinite(fit.weights[0])).toBe(true);
    expect(predictProbability(fit, Float64Array.of(1))).toBeGreaterThan(0.99);
  });
});

describe('metrics', () => {
  it('AUC is 1 for a perfect ranking, 0.5 for all ties, and counts ties half', () => {
    expect(auc([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1])).toBe(1);
    expect(auc([0.5, 0.5, 0.5, 0.5], [0, 1, 0, 1])).toBe(0.5);
    // Pairs (pos, neg): (0.8 > 0.3), (0.8 > 0.5), (0.5 = 0.5 -> half), (0.5 > 0.3): 3.5 of 4.
    expect(auc([0.3, 0.5, 0.5, 0.8], [0, 0, 1, 1])).toBe(0.875);
    expect(auc([0.2, 0.4], [1, 1])).toBeNaN();
  });

  it('Brier and calibration of a perfectly calibrated bin', () => {
    const predicted = [0.25, 0.25, 0.25, 0.25];
    const won = [1, 0, 0, 0];
    expect(brier(predicted, won)).toBeCloseTo((0.75 ** 2 + 3 * 0.25 ** 2) / 4, 12);
    const bins = calibration(predicted, won);
    expect(bins).toEqual([{ predicted: 0.25, observed: 0.25, count: 4 }]);
    expect(expectedCalibrationError(bins)).toBe(0);
  });
});
