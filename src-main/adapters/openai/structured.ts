// One structured-output call: chat completions with a strict JSON-schema response format built
// from our zod schema, then the content parsed and validated with the same schema here (a
// provider or local server may ignore the format). Not JSON, not matching, empty or a refusal:
// AiError 'bad_answer'. Usage comes from the provider, or is estimated (4 characters a token)
// when a server does not report it, so the daily cost cap still counts.
import type OpenAI from 'openai';
import { zodResponseFormat } from 'openai/helpers/zod';
import type { z } from 'zod';
import type { ChatMessage, TokenUsage } from '../../../src-shared/ai';
import { parseModelAnswer } from '../../../src-shared/ai';
import type { AiAnswer } from '../../core/ports/ai';
import { AiError } from '../../core/ports/ai';

function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

function usageOf(completion: OpenAI.ChatCompletion, messages: ChatMessage[], content: string): TokenUsage {
  const usage = completion.usage;
  if (usage !== undefined && usage !== null)
    return { promptTokens: usage.prompt_tokens, completionTokens: usage.completion_tokens };
  return {
    promptTokens: estimateTokens(messages.map((m) => m.content).join('\n')),
    completionTokens: estimateTokens(content),
  };
}

export async function askStructured<S extends z.ZodType>(
  client: OpenAI,
  model: string,
  messages: ChatMessage[],
  schema: S,
  name: string,
): Promise<AiAnswer<z.output<S>>> {
  const completion = await client.chat.completions.create({
    model,
    messages,
    response_format: zodResponseFormat(schema, name),
  });
  const message = completion.choices[0]?.message;
  const content = message?.content ?? '';
  if (typeof message?.refusal === 'string' && message.refusal !== '')
    throw new AiError('bad_answer', `The model refused: ${message.refusal.slice(0, 200)}`);
  const parsed = parseModelAnswer(content, schema);
  if (!parsed.ok) throw new AiError('bad_answer', parsed.reason);
  return {
    value: parsed.value,
    model: completion.model || model,
    usage: usageOf(completion, messages, content),
  };
}
