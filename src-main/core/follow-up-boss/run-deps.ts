// What one Follow Up Boss run works with, and how it waits: a 429's Retry-After is waited on
// core's clock, and a wait ends early (RunStopped) when the service stops, so closing the app
// never sits out a rate limit.
import type { Workspace } from '../context';
import type { FubApi } from '../ports/follow-up-boss';
import { FubError } from '../ports/follow-up-boss';
import type { PorchlightDatabase } from '../store/collections';

const RATE_LIMIT_TRIES = 6;
const LONGEST_WAIT_MS = 60_000;

export interface FubRunDeps {
  db: PorchlightDatabase;
  workspace: Workspace;
  api: FubApi;
  now(): number;
  /** Waits on core's clock (a 429's Retry-After); rejects with RunStopped when the service stops. */
  wait(ms: number): Promise<void>;
}

/** The service stopped while a run waited: the run ends where it is, its state kept. */
export class RunStopped extends Error {
  constructor() {
    super('Follow Up Boss stopped while a run was waiting.');
    this.name = 'RunStopped';
  }
}

/** Runs a call, waiting as long as Follow Up Boss asks each time it answers 429. */
export async function politely<T>(deps: Pick<FubRunDeps, 'wait'>, call: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof FubError) || error.kind !== 'rate_limited' || attempt >= RATE_LIMIT_TRIES)
        throw error;
      await deps.wait(Math.min(error.retryAfterMs ?? 10_000, LONGEST_WAIT_MS));
    }
  }
}
