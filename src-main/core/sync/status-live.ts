// The sync status's moving part, as pure transitions: what an answer from the server and what a
// failure (offline, a refusal, a refusal that ends the sign-in) do to the status the Settings →
// Team section shows. The client (client.ts) applies them and announces the result.
import type { SyncStatus } from '../../../src-shared/ipc/sync';
import { SyncTransportError } from '../ports/sync-transport';

/** Refusals that end the sign-in: replication stops until the agent signs in again. */
const ENDING_CODES = new Set(['deactivated', 'session_ended', 'signed_out', 'unauthenticated']);
export const KEPT_REFUSALS = 20;

export interface Live {
  state: SyncStatus['state'];
  offlineSince: number | null;
  lastSyncedAt: number | null;
  lastError: string | null;
  refused: SyncStatus['refused'];
  pendingPushes: number;
}

export const SIGNED_OUT: Live = {
  state: 'signed-out',
  offlineSince: null,
  lastSyncedAt: null,
  lastError: null,
  refused: [],
  pendingPushes: 0,
};

/**
 * The server answered. A refusal that ended the sign-in (deactivated, signed out elsewhere)
 * stands until the next sign-in: an answer still in flight from another collection does not
 * undo it.
 */
export function afterReach(live: Live): Partial<Live> {
  return live.state === 'refused' ? {} : { state: 'connected', offlineSince: null, lastError: null };
}

/** A failure: the status it leaves, and whether it ends the sign-in (replication stops). */
export function afterFailure(
  live: Live,
  error: unknown,
  now: number,
): { patch: Partial<Live>; ending: boolean } {
  const transportError = findTransportError(error);
  if (transportError?.kind === 'refused' && ENDING_CODES.has(transportError.code)) {
    return { patch: { state: 'refused', lastError: transportError.message }, ending: true };
  }
  if (transportError?.kind === 'refused') {
    return { patch: { lastError: transportError.message }, ending: false };
  }
  return {
    patch: {
      state: 'offline',
      offlineSince: live.offlineSince ?? now,
      lastError: 'The sync server is out of reach; changes wait on this desktop and go when it answers.',
    },
    ending: false,
  };
}

/** RxDB wraps handler errors (RC_PULL, RC_PUSH) with the originals in `parameters.errors`. */
function findTransportError(error: unknown): SyncTransportError | undefined {
  if (error instanceof SyncTransportError) return error;
  if (typeof error !== 'object' || error === null) return undefined;
  const inner = (error as { parameters?: { errors?: unknown[] } }).parameters?.errors?.[0];
  if (inner === undefined) return undefined;
  if (inner instanceof SyncTransportError) return inner;
  // errorToPlainJson keeps name, message and code (an offline error's code is "offline").
  const plain = inner as { name?: unknown; code?: unknown; message?: unknown };
  if (plain.name !== 'SyncTransportError') return undefined;
  const code = String(plain.code);
  return new SyncTransportError(code === 'offline' ? 'offline' : 'refused', code, String(plain.message));
}
