// A local OpenAI-compatible server for the AI adapter's contract suite: Hono on
// @hono/node-server, POST /v1/chat/completions, answering each request with the next scripted
// step (the same `AiStep`s the fake AI takes): a structured answer, malformed or
// schema-violating JSON, a slow answer beyond the client's timeout, an HTTP status (500 then
// success to prove retries, 429, 401 echoing the key), or a dropped connection. With no step it
// answers as the fake does by default, or as the `answer` function given at start does (a
// model stand-in that reads the request). It records every request body it received.
import type { AddressInfo } from 'node:net';
import type { HttpBindings } from '@hono/node-server';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import type { ChatMessage } from '../../src-shared/ai';
import type { AiStep, RecordedAiRequest } from '../../src-main/core/testing/fake-ai';
import { defaultAnswerContent } from '../../src-main/core/testing/fake-ai';

export interface FakeOpenAiServer {
  /** The base URL to give the adapter (ends in /v1). */
  baseURL: string;
  script(...steps: AiStep[]): void;
  requests: RecordedAiRequest[];
  /** The Authorization header of the last request (to check the key reached the server). */
  lastAuthorization(): string | null;
  close(): Promise<void>;
}

interface ChatBody {
  model?: string;
  messages?: ChatMessage[];
  response_format?: { type?: string; json_schema?: { name?: string; strict?: boolean } };
}

const SLOW_MS = 10_000;

/** Writes the content of an answer from the request (the response format's name, the messages). */
export type PeerAnswer = (format: string | null, messages: readonly ChatMessage[]) => string;

export async function startFakeOpenAiServer(
  answer: PeerAnswer = defaultAnswerContent,
): Promise<FakeOpenAiServer> {
  const steps: AiStep[] = [];
  const requests: RecordedAiRequest[] = [];
  const timers = new Set<ReturnType<typeof setTimeout>>();
  let authorization: string | null = null;
  const app = new Hono<{ Bindings: HttpBindings }>();

  app.post('/v1/chat/completions', async (c) => {
    const body = await c.req.json<ChatBody>();
    authorization = c.req.header('authorization') ?? null;
    const format =
      body.response_format?.type === 'json_schema' && body.response_format.json_schema?.strict === true
        ? (body.response_format.json_schema.name ?? null)
        : null;
    const messages = body.messages ?? [];
    requests.push({ model: body.model ?? '', messages, format });
    const step = steps.shift() ?? { kind: 'answer', content: answer(format, messages) };
    // Tells the SDK to retry at once, so a retry test does not wait for its backoff.
    c.header('retry-after-ms', '1');
    if (step.kind === 'down') {
      c.env.incoming.socket.destroy();
      return c.body(null);
    }
    if (step.kind === 'slow')
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, SLOW_MS);
        timers.add(timer);
      });
    if (step.kind === 'status')
      return c.json(
        { error: { message: step.message ?? 'error', type: 'server_error', code: null } },
        step.status as 401,
      );
    const content = step.kind === 'answer' ? step.content : answer(format, messages);
    return c.json({
      id: `chatcmpl-${requests.length}`,
      object: 'chat.completion',
      created: 0,
      model: (step.kind === 'answer' ? step.model : undefined) ?? body.model ?? 'local-model',
      choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content, refusal: null } }],
      usage: { prompt_tokens: 120, completion_tokens: 30, total_tokens: 150 },
    });
  });

  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    script: (...more) => void steps.push(...more),
    requests,
    lastAuthorization: () => authorization,
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      if ('closeAllConnections' in server) server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
