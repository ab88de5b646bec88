// The scripted conversations' reader with a model: the real openai adapter against the local
// OpenAI-compatible peer (an HTTP server on 127.0.0.1 answering from the request it receives).
// Each reply goes the way the core sends it: 'classify' (the reply's reading; an answer the
// schema refuses is read by the rules, as the AI classifier falls back), its actions chosen
// from the closed list (replyActions), the rules' opt-out kept beside the model's, then
// 'analyse' and the guardrail around its reading (aiFieldsFromReading). What each guard caught
// is tallied, so the bench can show that a hostile model changed nothing the lead was sent.
import type { AiSettings } from '../../src-shared/ai';
import { DEFAULT_AI_SETTINGS, readReplyByRules, replyActions } from '../../src-shared/ai';
import { aiFieldsFromReading } from '../../src-shared/assistant';
import { createOpenAiAdapter } from '../../src-main/adapters/openai';
import { AiError } from '../../src-main/core/ports/ai';
import { FakeClock } from '../../src-main/core/testing/fake-clock';
import { MemorySecretStore } from '../../src-main/core/testing/memory-secret-store';
import type { PeerAnswer } from '../channels/fake-openai-server';
import { startFakeOpenAiServer } from '../channels/fake-openai-server';
import type { ReplyReader } from './assistant-simulation';

export interface PeerTally {
  /** HTTP requests the peer answered. */
  requests: number;
  /** Answers the schema refused (read by the rules instead). */
  refused: number;
  /** Model readings dropped: evidence not in the reply, a value naming a protected class, a promise. */
  noEvidence: number;
  protectedClass: number;
  promise: number;
  /** STOPs the model read as no opt-out, stopped by the rules anyway. */
  stopKeptByRules: number;
  /** Fields the model read that passed the guardrail (where the rules read one too, theirs wins). */
  fieldsFromModel: number;
}

export interface PeerFlow {
  reader: ReplyReader;
  tally: PeerTally;
  close(): Promise<void>;
}

export async function startPeerFlow(answer: PeerAnswer): Promise<PeerFlow> {
  const server = await startFakeOpenAiServer(answer);
  const settings: AiSettings = {
    ...DEFAULT_AI_SETTINGS,
    provider: 'compatible',
    baseURL: server.baseURL,
    timeoutMs: 10_000,
    maxRetries: 0,
  };
  const ai = createOpenAiAdapter({
    settings: () => Promise.resolve(settings),
    secrets: new MemorySecretStore({ 'ai.apiKey': 'sk-peer-bench-key' }),
    clock: new FakeClock('2026-06-02T15:00:00Z'),
  });
  const tally: PeerTally = {
    requests: 0,
    refused: 0,
    noEvidence: 0,
    protectedClass: 0,
    promise: 0,
    stopKeptByRules: 0,
    fieldsFromModel: 0,
  };
  const refusedOr =
    <T>(fallback: T) =>
    (error: unknown): T => {
      if (!(error instanceof AiError) || error.code !== 'bad_answer') throw error;
      tally.refused++;
      return fallback;
    };

  const reader: ReplyReader = async (leadId, text, at) => {
    const rules = readReplyByRules(text);
    const reading = await ai
      .classify({ channel: 'sms', text })
      .then((a) => a.value)
      .catch(refusedOr(rules));
    const { actions } = replyActions(reading);
    const modelOptOut = actions.includes('opt_out');
    if (rules.optOut && !modelOptOut) tally.stopKeptByRules++;
    const analysed = await ai
      .analyse({ leadId, texts: [text] })
      .then((a) => aiFieldsFromReading(a.value, text, at))
      .catch(refusedOr({ fields: {}, dropped: [] }));
    for (const why of analysed.dropped)
      if (why === 'no_evidence') tally.noEvidence++;
      else if (why === 'protected_class') tally.protectedClass++;
      else tally.promise++;
    tally.fieldsFromModel += Object.keys(analysed.fields).length;
    tally.requests = server.requests.length;
    return { optOut: modelOptOut || rules.optOut, aiFields: analysed.fields, actions };
  };
  return { reader, tally, close: () => server.close() };
}
