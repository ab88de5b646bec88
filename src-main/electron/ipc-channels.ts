// The two Electron IPC channels that carry the contract, shared by main and preload.
import type { ErrorPayload } from '../../src-shared/ipc/errors';

export const INVOKE_CHANNEL = 'porchlight:invoke';
export const EVENT_CHANNEL = 'porchlight:event';

export type InvokeReply = { ok: true; result: unknown } | { ok: false; error: ErrorPayload };
