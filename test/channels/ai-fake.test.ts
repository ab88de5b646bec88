// The AI contract against the fake that engine tests use.
import type { AiSettings } from '../../src-shared/ai';
import { DEFAULT_AI_SETTINGS } from '../../src-shared/ai';
import { FakeAi } from '../../src-main/core/testing/fake-ai';
import { MemorySecretStore } from '../../src-main/core/testing/memory-secret-store';
import { KEY, registerAiContract } from './ai-contract';

registerAiContract('fake', () => {
  let settings: AiSettings = {
    ...DEFAULT_AI_SETTINGS,
    provider: 'compatible',
    baseURL: 'http://127.0.0.1:9/v1',
    timeoutMs: 300,
    maxRetries: 1,
  };
  const secrets = new MemorySecretStore({ 'ai.apiKey': KEY });
  const ai = new FakeAi(() => Promise.resolve(settings), secrets);
  return Promise.resolve({
    ai,
    script: (...steps) => ai.script(...steps),
    requests: ai.requests,
    setKey: (value) => (value === undefined ? secrets.delete('ai.apiKey') : secrets.set('ai.apiKey', value)),
    updateSettings: (patch) => void (settings = { ...settings, ...patch }),
    close: () => Promise.resolve(),
  });
});
