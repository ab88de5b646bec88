// The RESO Web API over HTTP (RESO Web API Core 2.0, OData 4.0). A query is
// `GET {endpoint}/Property?$filter=…&$select=…&$orderby=…&$top=N&$expand=Media`; the server
// answers `{ value: [...], "@odata.nextLink"?: url }`. Paging follows the next link when the
// server gives one and falls back to $skip (by the page size) while pages come back full.
// Signing in: a bearer token as given, or OAuth2 client credentials (RFC 6749 §4.4) against the
// token endpoint, the token kept until a minute before it expires and fetched again once on 401.
// 429 and 503 wait for Retry-After (seconds or an HTTP date; 5 s when absent, 60 s at most) and
// try again, up to 5 times. The token is sent only to the endpoint's origin, never to a next
// link on another host.
import type { ResoConnection, ResoFeed, ResoPage, ResoQuery } from '../../core/ports/reso-feed';
import { ResoError } from '../../core/ports/reso-feed';
import { parseRetryAfter } from '../../../src-shared/retry-after';

export interface WebApiOptions {
  fetch?: typeof fetch;
  /** Waits between retries (tests pass one that records instead of sleeping). */
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  maxRetries?: number;
}

const MAX_WAIT_MS = 60_000;

export function retryAfterMs(header: string | null, now: number): number {
  return Math.min(MAX_WAIT_MS, parseRetryAfter(header, now) ?? 5000);
}

function queryUrl(endpoint: string, query: ResoQuery, skip: number): string {
  const params = new URLSearchParams();
  if (query.filter !== '') params.set('$filter', query.filter);
  if (query.select.length > 0) params.set('$select', query.select.join(','));
  params.set('$orderby', query.orderBy);
  params.set('$top', String(query.pageSize));
  if (skip > 0) params.set('$skip', String(skip));
  if (query.expandMedia) params.set('$expand', 'Media');
  return `${endpoint.replace(/\/+$/, '')}/Property?${params.toString().replaceAll('+', '%20')}`;
}

export function createResoWebApi(connection: ResoConnection, options: WebApiOptions = {}): ResoFeed {
  const doFetch = options.fetch ?? fetch;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const now = options.now ?? Date.now;
  const maxRetries = options.maxRetries ?? 5;
  const origin = new URL(connection.endpoint).origin;
  let cached: { token: string; until: number } | undefined;

  async function token(fresh: boolean): Promise<string> {
    const auth = connection.auth;
    if (auth.kind === 'bearer') return auth.token;
    if (!fresh && cached !== undefined && cached.until > now()) return cached.token;
    const body = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: auth.clientId,
      client_secret: auth.clientSecret,
    });
    if (auth.scope !== '') body.set('scope', auth.scope);
    let response: Response;
    try {
      response = await doFetch(auth.tokenUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body,
      });
    } catch (error) {
      throw new ResoError(
        'unreachable',
        `Could not reach the MLS sign-in address ${auth.tokenUrl}: ${(error as Error).message}.`,
      );
    }
    const answer = (await response.json().catch(() => ({}))) as {
      access_token?: unknown;
      expires_in?: unknown;
      error?: unknown;
      error_description?: unknown;
    };
    if (!response.ok || typeof answer.access_token !== 'string') {
      const said =
        typeof answer.error_description === 'string'
          ? answer.error_description
          : typeof answer.error === 'string'
            ? answer.error
            : `HTTP ${String(response.status)}`;
      throw new ResoError(
        'unauthorized',
        `The MLS refused the client id and secret (${said}); check them in Settings → Listings.`,
        response.status,
      );
    }
    const lifetime = typeof answer.expires_in === 'number' ? answer.expires_in * 1000 : 3_600_000;
    cached = { token: answer.access_token, until: now() + Math.max(0, lifetime - 60_000) };
    return cached.token;
  }

  async function get(url: string): Promise<unknown> {
    let refreshed = false;
    for (let attempt = 0; ; attempt += 1) {
      const headers: Record<string, string> = { accept: 'application/json' };
      if (new URL(url).origin === origin) headers.authorization = `Bearer ${await token(refreshed)}`;
      let response: Response;
      try {
        response = await doFetch(url, { headers });
      } catch (error) {
        throw new ResoError(
          'unreachable',
          `Could not reach the MLS at ${origin}: ${(error as Error).message}.`,
        );
      }
      if ((response.status === 429 || response.status === 503) && attempt < maxRetries) {
        await sleep(retryAfterMs(response.headers.get('retry-after'), now()));
        continue;
      }
      if (response.status === 401 && connection.auth.kind === 'client_credentials' && !refreshed) {
        refreshed = true;
        continue;
      }
      if (response.status === 401 || response.status === 403)
        throw new ResoError(
          'unauthorized',
          `The MLS refused the ${connection.auth.kind === 'bearer' ? 'access token' : 'sign-in'} (HTTP ${String(response.status)}); enter it again in Settings → Listings.`,
          response.status,
        );
      if (response.status === 429)
        throw new ResoError(
          'rate_limited',
          `The MLS kept asking us to slow down (HTTP 429) after ${String(maxRetries)} waits; the import stopped and resumes from where it was next time.`,
          429,
        );
      if (!response.ok) {
        const text = (await response.text().catch(() => '')).slice(0, 200);
        throw new ResoError(
          'refused',
          `The MLS answered HTTP ${String(response.status)}${text === '' ? '' : `: ${text}`}.`,
          response.status,
        );
      }
      try {
        return await response.json();
      } catch {
        throw new ResoError(
          'bad_response',
          'The MLS answered with something that is not JSON; check the Web API address in Settings → Listings.',
        );
      }
    }
  }

  async function* pages(query: ResoQuery): AsyncGenerator<ResoPage> {
    let url: string | undefined = queryUrl(connection.endpoint, query, 0);
    let skip = 0;
    while (url !== undefined) {
      const body = await get(url);
      const value = (body as { value?: unknown }).value;
      if (!Array.isArray(value))
        throw new ResoError(
          'bad_response',
          'The MLS answer has no "value" list of records; is the address the Web API’s service root?',
        );
      yield { records: value };
      const next = (body as { '@odata.nextLink'?: unknown })['@odata.nextLink'];
      skip += value.length;
      if (typeof next === 'string' && next !== '') url = new URL(next, url).toString();
      else
        url =
          value.length >= query.pageSize && value.length > 0
            ? queryUrl(connection.endpoint, query, skip)
            : undefined;
    }
  }

  return { pages };
}
