// What the scoring feature keeps per core while it runs: the AI readings already paid for
// (keyed by the lead's latest inbound message, so a new message asks again), the running
// job's request function. Held per context in a WeakMap: two cores in one process never share it.
import type { AiReading } from '../../../src-shared/scoring';
import type { CoreContext } from '../context';

export interface ScoringState {
  aiReadings: Map<string, { key: string; reading: AiReading }>;
  /** Set while startScoring runs: asks for a debounced rescore of some leads or of all. */
  request: ((ids: readonly string[] | 'all') => void) | null;
}

const states = new WeakMap<CoreContext, ScoringState>();

export function scoringState(ctx: CoreContext): ScoringState {
  let state = states.get(ctx);
  if (state === undefined) {
    state = { aiReadings: new Map(), request: null };
    states.set(ctx, state);
  }
  return state;
}
