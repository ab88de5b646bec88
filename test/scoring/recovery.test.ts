// Training on a generated book with a known true model recovers its ranking of leads.
import { describe, expect, it } from 'vitest';
import { auc, DEFAULT_SCORING_SETTINGS, isHeldOut, learnScoringModel } from '../../src-shared/scoring';
import { T0 } from '../../src-shared/scoring/test-fixtures';
import { generateBook, outcomeRowsOf } from './synthetic';

describe('learning from outcomes', () => {
  it("recovers the true model's ranking of held-out leads (AUC >= 0.80 and close to the true model's)", () => {
    const book = generateBook(20_000, T0);
    const { rows, truth } = outcomeRowsOf(book, DEFAULT_SCORING_SETTINGS);
    const result = learnScoringModel(rows, DEFAULT_SCORING_SETTINGS);
    if (result.status !== 'trained') throw new Error(`not trained: ${result.status}`);
    const heldOut = rows.map((r, i) => ({ r, p: truth[i] ?? 0 })).filter(({ r }) => isHeldOut(r.id));
    const oracle = auc(
      heldOut.map(({ p }) => p),
      heldOut.map(({ r }) => (r.won ? 1 : 0)),
    );
    console.info(
      `synthetic 20k: learned AUC ${result.model.metrics.auc.toFixed(3)}, true model ${oracle.toFixed(3)}, default weights ${result.model.metrics.defaultAuc.toFixed(3)}, ECE ${result.model.metrics.ece.toFixed(3)}`,
    );
    expect(oracle).toBeGreaterThan(0.8);
    expect(result.model.metrics.auc).toBeGreaterThanOrEqual(0.8);
    expect(result.model.metrics.auc).toBeGreaterThan(oracle - 0.02);
    expect(result.model.beatsDefault).toBe(true);
    expect(result.model.metrics.ece).toBeLessThan(0.05);
  });

  it('keeps the default weights below the minimum number of outcomes', () => {
    const { rows } = outcomeRowsOf(generateBook(50, T0), DEFAULT_SCORING_SETTINGS);
    expect(learnScoringModel(rows, DEFAULT_SCORING_SETTINGS).status).toBe('too_few_outcomes');
  });
});
