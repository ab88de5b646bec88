// Lead intelligence, pure: features, score and its factors, temperature, intent, insights,
// the next action, and the logistic model (fit, predict, AUC, calibration). No I/O.
export * from './ai-reading';
export * from './config';
export * from './content';
export * from './explain';
export * from './features';
export * from './insights';
export * from './intent';
export * from './lead-scoring';
export * from './learn';
export * from './logistic';
export * from './metrics';
export * from './next-action';
export * from './score';
export * from './signals';
