// How good a model's probabilities are on rows it did not see: AUC (the chance a random won
// lead ranks above a random lost one; ties count half), the Brier score, and calibration in
// ten equal-width bins of predicted probability with the expected calibration error.

/** Mann-Whitney AUC with average ranks for ties; NaN when one class is missing. */
export function auc(predicted: ArrayLike<number>, won: ArrayLike<number>): number {
  const n = predicted.length;
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => (predicted[a] ?? 0) - (predicted[b] ?? 0),
  );
  let positives = 0;
  let rankSum = 0;
  let i = 0;
  while (i < n) {
    let j = i;
    const value = predicted[order[i] ?? 0] ?? 0;
    while (j + 1 < n && (predicted[order[j + 1] ?? 0] ?? 0) === value) j++;
    const averageRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) {
      if ((won[order[k] ?? 0] ?? 0) === 1) {
        positives++;
        rankSum += averageRank;
      }
    }
    i = j + 1;
  }
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) return Number.NaN;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

export function brier(predicted: ArrayLike<number>, won: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < predicted.length; i++) total += ((predicted[i] ?? 0) - (won[i] ?? 0)) ** 2;
  return predicted.length === 0 ? Number.NaN : total / predicted.length;
}

export interface CalibrationBin {
  predicted: number;
  observed: number;
  count: number;
}

/** Non-empty bins only, lowest first. */
export function calibration(
  predicted: ArrayLike<number>,
  won: ArrayLike<number>,
  bins = 10,
): CalibrationBin[] {
  const sums = Array.from({ length: bins }, () => ({ predicted: 0, observed: 0, count: 0 }));
  for (let i = 0; i < predicted.length; i++) {
    const p = predicted[i] ?? 0;
    const bin = sums[Math.min(bins - 1, Math.max(0, Math.floor(p * bins)))];
    if (bin === undefined) continue;
    bin.predicted += p;
    bin.observed += won[i] ?? 0;
    bin.count++;
  }
  return sums
    .filter((b) => b.count > 0)
    .map((b) => ({ predicted: b.predicted / b.count, observed: b.observed / b.count, count: b.count }));
}

export function expectedCalibrationError(bins: readonly CalibrationBin[]): number {
  const total = bins.reduce((sum, b) => sum + b.count, 0);
  if (total === 0) return Number.NaN;
  return bins.reduce((sum, b) => sum + (b.count / total) * Math.abs(b.predicted - b.observed), 0);
}
