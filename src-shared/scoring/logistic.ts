// Logistic regression fitted by Newton's method (iteratively reweighted least squares) with
// a small L2 penalty on the weights (not the intercept), so perfectly separated data still
// gives finite weights. Each step solves (X'WX + lambda I) d = gradient with ml-matrix's
// Cholesky decomposition; a step that lowers the penalised likelihood is halved. Weights
// marked non-negative are held at 0 when the unconstrained fit wants them below 0 (an active
// set: fit, pin the negative ones, refit), which keeps the score monotone in engagement.
// Rows are a flat row-major Float64Array so 50,000 x 20 fits in a few hundred milliseconds.
import { CholeskyDecomposition, Matrix } from 'ml-matrix';

export interface TrainingSet {
  /** n rows of d features, row-major. */
  x: Float64Array;
  /** 1 = won, 0 = lost. */
  y: Uint8Array;
  n: number;
  d: number;
}

export interface LogisticOptions {
  /** L2 penalty on the weights; 0 gives the plain maximum-likelihood fit. */
  l2?: number;
  /** Per feature: true = the weight must be >= 0. */
  nonNegative?: readonly boolean[];
  maxIterations?: number;
  /** Stop when no parameter moves more than this. */
  tolerance?: number;
}

export interface LogisticFit {
  weights: Float64Array;
  intercept: number;
  iterations: number;
  converged: boolean;
}

export class ModelFitError extends Error {
  override readonly name = 'ModelFitError';
  readonly code = 'model_fit_failed';
}

function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/** Penalised log-likelihood of (intercept, weights) on the active columns. */
function objective(set: TrainingSet, theta: Float64Array, cols: number[], l2: number): number {
  let total = 0;
  for (let r = 0; r < set.n; r++) {
    const base = r * set.d;
    let z = theta[0] ?? 0;
    for (let k = 0; k < cols.length; k++) z += (theta[k + 1] ?? 0) * (set.x[base + (cols[k] ?? 0)] ?? 0);
    // log(1 + e^z) computed without overflow.
    const softplus = z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
    total += (set.y[r] === 1 ? z : 0) - softplus;
  }
  for (let k = 1; k < theta.length; k++) total -= 0.5 * l2 * (theta[k] ?? 0) ** 2;
  return total;
}

function newton(
  set: TrainingSet,
  cols: number[],
  options: Required<Omit<LogisticOptions, 'nonNegative'>>,
): {
  theta: Float64Array;
  iterations: number;
  converged: boolean;
} {
  const p = cols.length + 1;
  let theta = new Float64Array(p);
  const row = new Float64Array(p);
  let current = objective(set, theta, cols, options.l2);
  for (let iteration = 1; iteration <= options.maxIterations; iteration++) {
    const gradient = new Float64Array(p);
    const hessian = new Float64Array(p * p);
    for (let r = 0; r < set.n; r++) {
      const base = r * set.d;
      row[0] = 1;
      let z = theta[0] ?? 0;
      for (let k = 0; k < cols.length; k++) {
        const v = set.x[base + (cols[k] ?? 0)] ?? 0;
        row[k + 1] = v;
        z += (theta[k + 1] ?? 0) * v;
      }
      const mu = sigmoid(z);
      const residual = (set.y[r] ?? 0) - mu;
      const w = mu * (1 - mu);
      for (let i = 0; i < p; i++) {
        const ri = row[i] ?? 0;
        gradient[i] = (gradient[i] ?? 0) + residual * ri;
        const wi = w * ri;
        for (let j = 0; j <= i; j++) hessian[i * p + j] = (hessian[i * p + j] ?? 0) + wi * (row[j] ?? 0);
      }
    }
    const h: number[][] = [];
    for (let i = 0; i < p; i++) {
      const line: number[] = [];
      for (let j = 0; j < p; j++) line.push(i >= j ? (hessian[i * p + j] ?? 0) : (hessian[j * p + i] ?? 0));
      // A tiny ridge on the intercept too keeps a constant column solvable.
      line[i] = (line[i] ?? 0) + (i === 0 ? 1e-9 : options.l2 + 1e-9);
      if (i > 0) gradient[i] = (gradient[i] ?? 0) - options.l2 * (theta[i] ?? 0);
      h.push(line);
    }
    const cholesky = new CholeskyDecomposition(new Matrix(h));
    if (!cholesky.isPositiveDefinite())
      throw new ModelFitError(
        'The outcome data is degenerate (a feature never varies); the model was not trained.',
      );
    const step = cholesky.solve(Matrix.columnVector(Array.from(gradient))).to1DArray();
    let scale = 1;
    let next = theta;
    let value = current;
    for (let halving = 0; halving < 30; halving++) {
      next = theta.map((t, i) => t + scale * (step[i] ?? 0));
      value = objective(set, next, cols, options.l2);
      if (value >= current - 1e-12) break;
      scale /= 2;
    }
    const moved = Math.max(...step.map((s) => Math.abs(s * scale)));
    theta = next;
    current = value;
    if (moved < options.tolerance) return { theta, iterations: iteration, converged: true };
  }
  return { theta, iterations: options.maxIterations, converged: false };
}

export function trainLogistic(set: TrainingSet, options: LogisticOptions = {}): LogisticFit {
  const resolved = {
    l2: options.l2 ?? 1e-3,
    maxIterations: options.maxIterations ?? 50,
    tolerance: options.tolerance ?? 1e-7,
  };
  const pinned = new Set<number>();
  let iterations = 0;
  for (;;) {
    const cols = Array.from({ length: set.d }, (_, i) => i).filter((i) => !pinned.has(i));
    const fit = newton(set, cols, resolved);
    iterations += fit.iterations;
    const negative = cols.filter(
      (col, k) => options.nonNegative?.[col] === true && (fit.theta[k + 1] ?? 0) < 0,
    );
    if (negative.length === 0) {
      const weights = new Float64Array(set.d);
      cols.forEach((col, k) => (weights[col] = fit.theta[k + 1] ?? 0));
      return { weights, intercept: fit.theta[0] ?? 0, iterations, converged: fit.converged };
    }
    for (const col of negative) pinned.add(col);
  }
}

export function predictProbability(
  fit: Pick<LogisticFit, 'weights' | 'intercept'>,
  x: Float64Array,
  offset = 0,
): number {
  let z = fit.intercept;
  for (let i = 0; i < fit.weights.length; i++) z += (fit.weights[i] ?? 0) * (x[offset + i] ?? 0);
  return sigmoid(z);
}
