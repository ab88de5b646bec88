// One OpenAI client per (settings, key): rebuilt when either changes, so a settings update or a
// new key takes effect on the next call. OpenAI uses the provider's default base URL unless one
// is given; Azure sends the key as `api-key` and the `api-version` query parameter; any
// OpenAI-compatible server needs its base URL. The key lives only inside the client.
import { createHash } from 'node:crypto';
import OpenAI from 'openai';
import type { AiSettings } from '../../../src-shared/ai';
import { AiError } from '../../core/ports/ai';
import { settingsPlace } from '../../../src-shared/settings-sections';

function fingerprintOf(settings: AiSettings, key: string): string {
  const { provider, baseURL, azureApiVersion, timeoutMs, maxRetries } = settings;
  return createHash('sha256')
    .update(JSON.stringify([provider, baseURL, azureApiVersion, timeoutMs, maxRetries, key]))
    .digest('hex');
}

/** Holds the current client of one adapter instance. */
export class ClientCache {
  private cached: { fingerprint: string; client: OpenAI } | null = null;

  clientFor(settings: AiSettings, key: string): OpenAI {
    if (settings.provider !== 'openai' && settings.baseURL === undefined)
      throw new AiError(
        'not_configured',
        `A base URL is needed for ${settings.provider === 'azure' ? 'Azure' : 'an OpenAI-compatible server'}; set it in ${settingsPlace('ai')}.`,
      );
    const fingerprint = fingerprintOf(settings, key);
    if (this.cached?.fingerprint === fingerprint) return this.cached.client;
    const azure = settings.provider === 'azure';
    const client = new OpenAI({
      apiKey: key,
      ...(settings.baseURL === undefined ? {} : { baseURL: settings.baseURL }),
      timeout: settings.timeoutMs,
      maxRetries: settings.maxRetries,
      ...(azure ? { defaultHeaders: { 'api-key': key } } : {}),
      ...(azure && settings.azureApiVersion !== undefined
        ? { defaultQuery: { 'api-version': settings.azureApiVersion } }
        : {}),
    });
    this.cached = { fingerprint, client };
    return client;
  }
}
