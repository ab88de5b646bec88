// The AI as a port. An adapter (openai SDK) implements `AiPort`; core never imports it. Every
// answer is validated against our schema before it leaves the adapter, and every failure is an
// `AiError` with a code: core then does the job with rules and templates and says so. An
// `AiError` message never contains the key (adapters redact what a provider echoes back).
// `ReplyClassifier` is what the engine asks to read a reply: rules, or AI falling back to rules.
import type { ContentAnalysisRequest } from './content-analyzer';
import type { AiReading } from '../../../src-shared/scoring';
import type {
  AiSettings,
  DraftAnswer,
  DraftContext,
  ReplyReading,
  ReplyToClassify,
  TokenUsage,
} from '../../../src-shared/ai';

export const aiErrorCodes = [
  /** No key, AI turned off, or no base URL where one is needed. */
  'not_configured',
  'timeout',
  /** Could not connect (the server is down, DNS, TLS). */
  'unreachable',
  'rate_limited',
  /** The key was refused (401/403). */
  'unauthorized',
  /** Any other HTTP error from the provider. */
  'provider_error',
  /** The answer was not JSON, or did not match the schema, or was empty or refused. */
  'bad_answer',
] as const;
export type AiErrorCode = (typeof aiErrorCodes)[number];

export class AiError extends Error {
  override readonly name = 'AiError';
  constructor(
    readonly code: AiErrorCode,
    message: string,
    /** The HTTP status when the provider answered. */
    readonly status?: number,
  ) {
    super(message);
  }
}

export interface AiAnswer<T> {
  value: T;
  /** The model the provider says answered. */
  model: string;
  usage: TokenUsage;
}

export interface DraftRequest {
  context: DraftContext;
  /** Our own note when a first draft broke a limit (never lead text). */
  retryNote?: string;
}

export interface AiTestReport {
  ok: boolean;
  /** How long the provider took, by the injected clock (shown, never asserted). */
  elapsedMs: number;
  model?: string;
  /** What the provider answered (redacted of the key), or its error. */
  answer?: string;
  error?: { code: AiErrorCode; message: string; status?: number };
  usage?: TokenUsage;
}

/** The team's current AI settings, read on every call so an update applies at once. */
export type AiSettingsSource = () => Promise<AiSettings>;

export interface AiPort {
  /** A key is set and the settings are complete (no request is made). */
  configured(): Promise<boolean>;
  classify(reply: ReplyToClassify): Promise<AiAnswer<ReplyReading>>;
  draft(request: DraftRequest): Promise<AiAnswer<DraftAnswer>>;
  analyse(request: ContentAnalysisRequest): Promise<AiAnswer<AiReading>>;
  /** One small request that reports exactly what the provider answered; never throws. */
  test(): Promise<AiTestReport>;
}

export type AnswerSource = 'ai' | 'rules';

export interface ReplyClassification {
  reading: ReplyReading;
  source: AnswerSource;
  model?: string;
  /** Why the rules answered when AI was asked (no key, down, cap, invalid answer). */
  fallbackReason?: string;
}

export interface ReplyClassifier {
  /** Never rejects: a classifier that cannot use the AI answers with rules and says why. */
  classify(reply: ReplyToClassify): Promise<ReplyClassification>;
}
