// Retry delays: exponential from the base, capped, with ±25 % jitter derived from the message id
// and retry number (deterministic, so tests and replicas agree, yet spread across messages).
import { createHash } from 'node:crypto';

export function retryDelayMs(messageId: string, retry: number, baseMs: number, maxMs: number): number {
  const exponential = Math.min(maxMs, baseMs * 2 ** retry);
  const byte = createHash('sha256').update(`${messageId}:${retry}`).digest()[0] ?? 128;
  const jitter = 0.75 + (byte / 255) * 0.5;
  return Math.round(Math.min(maxMs, exponential * jitter));
}
