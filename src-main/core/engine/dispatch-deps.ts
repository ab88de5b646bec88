// What sending one message needs from the running engine; the send pipeline and the hand-over
// to the provider both take it, so it lives apart from either.
import type { EngineSettings } from '../../../src-shared/playbooks/engine-settings';
import type { CoreContext } from '../context';
import type { ClaimAuthority } from '../ports/claim-authority';
import type { InFlightSends } from './in-flight';
import type { EnginePorts } from './ports';
import type { RateLimiter } from './rate-limiter';

export interface DispatchDeps {
  ctx: CoreContext;
  ports: EnginePorts;
  claims: ClaimAuthority;
  limiter: RateLimiter;
  settings: EngineSettings;
  inFlight: InFlightSends;
  /** Leave this message alone until `until` (a claim refused for now: held elsewhere, offline). */
  defer(messageId: string, until: number): void;
}
