// The AI contract against the real openai adapter and a local OpenAI-compatible server. The
// server's slow answer waits on real time past a 300 ms client timeout; nothing asserts timings.
import type { AiSettings } from '../../src-shared/ai';
import { DEFAULT_AI_SETTINGS } from '../../src-shared/ai';
import { createOpenAiAdapter } from '../../src-main/adapters/openai';
import { FakeClock } from '../../src-main/core/testing/fake-clock';
import { MemorySecretStore } from '../../src-main/core/testing/memory-secret-store';
import { KEY, registerAiContract } from './ai-contract';
import { startFakeOpenAiServer } from './fake-openai-server';

registerAiContract('openai adapter + local server', async () => {
  const server = await startFakeOpenAiServer();
  let settings: AiSettings = {
    ...DEFAULT_AI_SETTINGS,
    provider: 'compatible',
    baseURL: server.baseURL,
    timeoutMs: 300,
    maxRetries: 1,
  };
  const secrets = new MemorySecretStore({ 'ai.apiKey': KEY });
  const ai = createOpenAiAdapter({
    settings: () => Promise.resolve(settings),
    secrets,
    clock: new FakeClock(),
  });
  return {
    ai,
    script: (...steps) => server.script(...steps),
    requests: server.requests,
    setKey: (value) => (value === undefined ? secrets.delete('ai.apiKey') : secrets.set('ai.apiKey', value)),
    updateSettings: (patch) => void (settings = { ...settings, ...patch }),
    close: () => server.close(),
  };
});
