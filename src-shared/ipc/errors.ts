// Errors that cross the contract. A person reads `message`; a form reads `fieldErrors`
// (keyed by the field's dotted path) to put each message beside its input.
export const errorCodes = [
  'invalid_args',
  'validation',
  'not_found',
  'conflict',
  'unknown_handler',
  /** A secrets file other users can read: refused until its permissions are fixed. */
  'insecure_secrets',
  'unavailable',
  /** The caller lacks the session's access key (a bare headless address). */
  'unauthorized',
  'internal',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export interface ErrorPayload {
  code: ErrorCode;
  message: string;
  fieldErrors?: Record<string, string>;
}

export class PorchlightError extends Error {
  override readonly name = 'PorchlightError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fieldErrors?: Record<string, string>,
  ) {
    super(message);
  }

  toPayload(): ErrorPayload {
    return this.fieldErrors === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, fieldErrors: this.fieldErrors };
  }

  static fromPayload(payload: ErrorPayload): PorchlightError {
    return new PorchlightError(payload.code, payload.message, payload.fieldErrors);
  }
}

export function isErrorPayload(value: unknown): value is ErrorPayload {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return (
    typeof candidate.message === 'string' &&
    typeof candidate.code === 'string' &&
    (errorCodes as readonly string[]).includes(candidate.code)
  );
}
