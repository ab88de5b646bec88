// CL4 without waiting for someone to ask: every so often, held claims whose lease ran out are
// turned uncertain, so `GET /claims?state=uncertain` shows what an agent must decide. Safe on
// several instances at once (each expiry is one UPDATE). Logs counts only.
import type { Clock, Logger } from '../context';
import type { ClaimStore } from '../storage/engine-store';

export const LEASE_SWEEP_MS = 30_000;

export function startLeaseSweep(deps: { claims: ClaimStore; clock: Clock; logger: Logger }): () => void {
  const sweep = (): void => {
    deps.claims
      .expireLeases(deps.clock.now())
      .then((expired) => {
        if (expired.length > 0) deps.logger.warn('claims_expired', { count: expired.length });
      })
      .catch((error: unknown) =>
        deps.logger.error('claims_sweep_failed', { error: error instanceof Error ? error.name : 'unknown' }),
      );
  };
  const timer = setInterval(sweep, LEASE_SWEEP_MS);
  timer.unref();
  return () => clearInterval(timer);
}
