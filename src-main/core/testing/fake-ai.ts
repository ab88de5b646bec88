// The AI used by engine tests. It behaves as the openai adapter does against a provider: it
// builds the same prompts, judges answers with the same parser and schemas, retries what the
// SDK retries (408, 409, 429, 5xx, timeouts, dropped connections) up to settings.maxRetries,
// reads the key and the settings on every call, and redacts the key from errors. A script of
// steps stands in for the provider; with none, it answers with `defaultAnswerContent`. The AI
// contract suite (test/channels/ai-contract.ts) runs against it and against the real adapter
// with a local server scripted with the same steps, so the two cannot drift.
import type { ChatMessage, TokenUsage } from '../../../src-shared/ai';
import {
  analyseMessages,
  analysisAnswerSchema,
  classifyMessages,
  draftAnswerSchema,
  draftMessages,
  LEAD_DATA_CLOSE,
  LEAD_DATA_OPEN,
  parseModelAnswer,
  readReplyByRules,
  redactSecret,
  replyReadingSchema,
  toAiReading,
} from '../../../src-shared/ai';
import type { z } from 'zod';
import type { AiAnswer, AiErrorCode, AiPort, AiSettingsSource, AiTestReport } from '../ports/ai';
import { AiError } from '../ports/ai';
import type { SecretStore } from '../ports/secret-store';
import { settingsPlace } from '../../../src-shared/settings-sections';

/** What the provider does with one request. */
export type AiStep =
  | { kind: 'answer'; content: string; model?: string }
  | { kind: 'slow' }
  | { kind: 'status'; status: number; message?: string }
  | { kind: 'down' };

export type ResponseFormatName = 'reply_reading' | 'draft' | 'lead_reading';

export interface RecordedAiRequest {
  model: string;
  messages: ChatMessage[];
  /** The response format's schema name, when one was asked for. */
  format: string | null;
}

/** The lead data block of the last user message that has one, parsed. */
export function leadDataOf(messages: readonly ChatMessage[]): unknown {
  const user = [...messages].reverse().find((m) => m.role === 'user' && m.content.includes(LEAD_DATA_OPEN));
  if (user === undefined) return null;
  const inside = user.content.slice(
    user.content.indexOf(LEAD_DATA_OPEN) + LEAD_DATA_OPEN.length,
    user.content.lastIndexOf(LEAD_DATA_CLOSE),
  );
  return JSON.parse(inside) as unknown;
}

/** A plausible answer for a request when no step is scripted (the rules' reading, a short draft). */
export function defaultAnswerContent(format: string | null, messages: readonly ChatMessage[]): string {
  const data = leadDataOf(messages);
  const record = typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {};
  if (format === 'reply_reading')
    return JSON.stringify(readReplyByRules(typeof record.reply === 'string' ? record.reply : ''));
  if (format === 'lead_reading')
    return JSON.stringify({
      seriousness: 0.6,
      intent: 'buy',
      budget: null,
      timeline: 'soon',
      propertyType: null,
      summary: 'Looking to buy in the next few months.',
      evidence: [],
    });
  if (format === 'draft') {
    const name =
      typeof record.leadFirstName === 'string' && record.leadFirstName !== ''
        ? record.leadFirstName
        : 'there';
    return JSON.stringify({ text: `Hi ${name}, would you like to see a few homes this week?` });
  }
  return 'OK';
}

const estimate = (text: string): number => Math.ceil(text.length / 4);

function retryable(step: AiStep): boolean {
  if (step.kind === 'slow' || step.kind === 'down') return true;
  if (step.kind === 'status') return [408, 409, 429].includes(step.status) || step.status >= 500;
  return false;
}

function failureOf(step: AiStep, timeoutMs: number, key: string): AiError {
  if (step.kind === 'slow')
    return new AiError('timeout', `The AI did not answer within ${timeoutMs} ms (after retries).`);
  if (step.kind === 'down')
    return new AiError('unreachable', 'Could not reach the AI server: connection reset.');
  if (step.kind !== 'status') return new AiError('bad_answer', 'unexpected step');
  const code: AiErrorCode =
    step.status === 429
      ? 'rate_limited'
      : step.status === 401 || step.status === 403
        ? 'unauthorized'
        : 'provider_error';
  return new AiError(code, redactSecret(`${step.status} ${step.message ?? 'error'}`, key), step.status);
}

export class FakeAi implements AiPort {
  private steps: AiStep[] = [];
  readonly requests: RecordedAiRequest[] = [];

  constructor(
    private readonly settings: AiSettingsSource,
    private readonly secrets: Pick<SecretStore, 'get'>,
  ) {}

  /** Queues what the provider does with the next requests (one step per HTTP attempt). */
  script(...steps: AiStep[]): void {
    this.steps.push(...steps);
  }

  async configured(): Promise<boolean> {
    const [settings, key] = await Promise.all([this.settings(), this.secrets.get('ai.apiKey')]);
    return (
      key !== undefined &&
      key.trim() !== '' &&
      (settings.provider === 'openai' || settings.baseURL !== undefined)
    );
  }

  /** One logical call: attempts until an answer, a final failure, or retries run out. */
  private async complete(
    messages: ChatMessage[],
    format: string | null,
  ): Promise<{ content: string; model: string; usage: TokenUsage }> {
    const settings = await this.settings();
    const key = await this.secrets.get('ai.apiKey');
    if (key === undefined || key.trim() === '')
      throw new AiError(
        'not_configured',
        `No AI key is set; add one in ${settingsPlace('ai')}. Rules answer meanwhile.`,
      );
    if (settings.provider !== 'openai' && settings.baseURL === undefined)
      throw new AiError(
        'not_configured',
        `A base URL is needed for this provider; set it in ${settingsPlace('ai')}.`,
      );
    for (let attempt = 0; ; attempt++) {
      this.requests.push({ model: settings.model, messages, format });
      const step = this.steps.shift() ?? { kind: 'answer', content: defaultAnswerContent(format, messages) };
      if (step.kind === 'answer')
        return {
          content: step.content,
          model: step.model ?? settings.model,
          usage: {
            promptTokens: estimate(messages.map((m) => m.content).join('\n')),
            completionTokens: estimate(step.content),
          },
        };
      if (!retryable(step) || attempt >= settings.maxRetries) throw failureOf(step, settings.timeoutMs, key);
    }
  }

  private async structured<S extends z.ZodType>(
    messages: ChatMessage[],
    schema: S,
    format: ResponseFormatName,
  ): Promise<AiAnswer<z.output<S>>> {
    const { content, model, usage } = await this.complete(messages, format);
    const parsed = parseModelAnswer(content, schema);
    if (!parsed.ok) throw new AiError('bad_answer', parsed.reason);
    return { value: parsed.value, model, usage };
  }

  classify: AiPort['classify'] = (reply) =>
    this.structured(classifyMessages(reply), replyReadingSchema, 'reply_reading');

  draft: AiPort['draft'] = (request) =>
    this.structured(draftMessages(request.context, request.retryNote), draftAnswerSchema, 'draft');

  analyse: AiPort['analyse'] = async (request) => {
    const answer = await this.structured(
      analyseMessages(request.texts),
      analysisAnswerSchema,
      'lead_reading',
    );
    return { ...answer, value: toAiReading(answer.value) };
  };

  async test(): Promise<AiTestReport> {
    const key = await this.secrets.get('ai.apiKey');
    try {
      const { content, model, usage } = await this.complete(
        [{ role: 'user', content: 'Reply with the single word OK.' }],
        null,
      );
      return { ok: true, elapsedMs: 0, model, answer: redactSecret(content, key), usage };
    } catch (error) {
      const failure = error instanceof AiError ? error : new AiError('unreachable', String(error));
      return {
        ok: false,
        elapsedMs: 0,
        error: {
          code: failure.code,
          message: redactSecret(failure.message, key),
          ...(failure.status === undefined ? {} : { status: failure.status }),
        },
      };
    }
  }
}
