// The AI adapter on the openai SDK: OpenAI, Azure or any OpenAI-compatible server, chosen by the
// settings read on every call (an update applies to the next call). The key is read from the
// SecretStore on every call and kept only inside the SDK client; no key means 'not_configured'
// without a request. Timeouts and retries are the SDK's (settings.timeoutMs, maxRetries; 408,
// 409, 429 and 5xx are retried, honouring retry-after). Every answer is validated with zod.
import {
  analysisAnswerSchema,
  analyseMessages,
  classifyMessages,
  draftAnswerSchema,
  draftMessages,
  replyReadingSchema,
  toAiReading,
} from '../../../src-shared/ai';
import type { AiReading } from '../../../src-shared/scoring';
import type { AiAnswer, AiPort, AiSettingsSource, AiTestReport } from '../../core/ports/ai';
import { AiError } from '../../core/ports/ai';
import type { Clock } from '../../core/ports/clock';
import type { SecretStore } from '../../core/ports/secret-store';
import { ClientCache } from './client';
import { redact, toAiError } from './errors';
import { askStructured } from './structured';
import { settingsPlace } from '../../../src-shared/settings-sections';

export interface OpenAiAdapterOptions {
  /** The team's current AI settings (core/ai/settings.ts `aiSettingsSource(db)`). */
  settings: AiSettingsSource;
  secrets: Pick<SecretStore, 'get'>;
  clock: Clock;
}

export function createOpenAiAdapter({ settings, secrets, clock }: OpenAiAdapterOptions): AiPort {
  const clients = new ClientCache();

  async function call<T>(
    run: (client: ReturnType<ClientCache['clientFor']>, model: string) => Promise<T>,
  ): Promise<T> {
    const current = await settings();
    const key = await secrets.get('ai.apiKey');
    if (key === undefined || key.trim() === '')
      throw new AiError(
        'not_configured',
        `No AI key is set; add one in ${settingsPlace('ai')}. Rules answer meanwhile.`,
      );
    try {
      return await run(clients.clientFor(current, key), current.model);
    } catch (error) {
      throw toAiError(error, key, current.timeoutMs);
    }
  }

  return {
    async configured() {
      const [current, key] = await Promise.all([settings(), secrets.get('ai.apiKey')]);
      return (
        key !== undefined &&
        key.trim() !== '' &&
        (current.provider === 'openai' || current.baseURL !== undefined)
      );
    },

    classify: (reply) =>
      call((client, model) =>
        askStructured(client, model, classifyMessages(reply), replyReadingSchema, 'reply_reading'),
      ),

    draft: (request) =>
      call((client, model) =>
        askStructured(
          client,
          model,
          draftMessages(request.context, request.retryNote),
          draftAnswerSchema,
          'draft',
        ),
      ),

    analyse: (request) =>
      call(async (client, model): Promise<AiAnswer<AiReading>> => {
        const answer = await askStructured(
          client,
          model,
          analyseMessages(request.texts),
          analysisAnswerSchema,
          'lead_reading',
        );
        const reading = toAiReading(answer.value);
        return { ...answer, value: reading };
      }),

    async test(): Promise<AiTestReport> {
      const started = clock.now();
      let key: string | undefined;
      try {
        const current = await settings();
        key = await secrets.get('ai.apiKey');
        if (key === undefined || key.trim() === '')
          throw new AiError('not_configured', `No AI key is set; add one in ${settingsPlace('ai')}.`);
        const client = clients.clientFor(current, key);
        const completion = await client.chat.completions
          .create({
            model: current.model,
            messages: [{ role: 'user', content: 'Reply with the single word OK.' }],
          })
          .catch((error: unknown) => {
            throw toAiError(error, key, current.timeoutMs);
          });
        const answer = completion.choices[0]?.message.content ?? '';
        return {
          ok: true,
          elapsedMs: clock.now() - started,
          model: completion.model,
          answer: redact(answer, key),
          ...(completion.usage == null
            ? {}
            : {
                usage: {
                  promptTokens: completion.usage.prompt_tokens,
                  completionTokens: completion.usage.completion_tokens,
                },
              }),
        };
      } catch (error) {
        const failure = error instanceof AiError ? error : toAiError(error, key, 0);
        return {
          ok: false,
          elapsedMs: clock.now() - started,
          error: {
            code: failure.code,
            message: redact(failure.message, key),
            ...(failure.status === undefined ? {} : { status: failure.status }),
          },
        };
      }
    },
  };
}
