// Turns whatever the openai SDK throws into an `AiError` with a code, and scrubs the key (and
// anything shaped like a key or a bearer token) out of every message, since a provider may echo
// the key back in an error body. Messages say what was wrong and what to do.
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  AuthenticationError,
  PermissionDeniedError,
  RateLimitError,
} from 'openai';
import { redactSecret } from '../../../src-shared/ai';
import { AiError } from '../../core/ports/ai';
import { settingsPlace } from '../../../src-shared/settings-sections';

/** The key and anything shaped like one, scrubbed (shared with the fake). */
export function redact(text: string, key: string | undefined): string {
  return redactSecret(text, key);
}

export function toAiError(error: unknown, key: string | undefined, timeoutMs: number): AiError {
  if (error instanceof AiError) return new AiError(error.code, redact(error.message, key), error.status);
  if (error instanceof APIConnectionTimeoutError)
    return new AiError(
      'timeout',
      `The AI did not answer within ${timeoutMs} ms (after retries). Raise the timeout or check the server.`,
    );
  if (error instanceof APIConnectionError)
    return new AiError(
      'unreachable',
      `Could not reach the AI server: ${redact(error.cause instanceof Error ? error.cause.message : error.message, key)}. Check the base URL and that the server is running.`,
    );
  if (error instanceof RateLimitError)
    return new AiError(
      'rate_limited',
      `The AI provider is rate-limiting requests (429): ${redact(error.message, key)}. Try again later or lower the volume.`,
      429,
    );
  if (error instanceof AuthenticationError || error instanceof PermissionDeniedError)
    return new AiError(
      'unauthorized',
      `The AI provider refused the key (${error.status}): ${redact(error.message, key)}. Check the key in ${settingsPlace('ai')}.`,
      error.status,
    );
  if (error instanceof APIError) {
    const status: unknown = error.status;
    const code = typeof status === 'number' ? status : undefined;
    return new AiError(
      'provider_error',
      `The AI provider answered with an error${code === undefined ? '' : ` (${code})`}: ${redact(error.message, key)}.`,
      code,
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  return new AiError('unreachable', `The AI call failed: ${redact(message, key)}.`);
}
