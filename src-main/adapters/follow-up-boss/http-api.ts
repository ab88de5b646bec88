// Follow Up Boss over HTTPS: HTTP Basic with the user's API key as the user name (no password),
// the X-System / X-System-Key headers that identify Porchlight as the calling system, JSON
// both ways. A call ends at 20 s, or at once when the caller's signal aborts. Answers become
// FubError kinds core acts on: a 429 carries its Retry-After, a 404 is "not found", anything
// else keeps Follow Up Boss's own errorMessage.
import type {
  FubActivity,
  FubApi,
  FubApiFactory,
  FubCredentials,
  FubNote,
  FubPeoplePage,
  FubPerson,
} from '../../core/ports/follow-up-boss';
import { FubError } from '../../core/ports/follow-up-boss';
import { parseRetryAfter } from '../../../src-shared/retry-after';

export const FUB_API_BASE_URL = 'https://api.followupboss.com/v1';
export const FUB_SYSTEM_NAME = 'Porchlight';
const TIMEOUT_MS = 20_000;
/** The fields of a person Porchlight reads (a list answers only a few fields unless asked). */
const PERSON_FIELDS =
  'id,created,updated,firstName,lastName,name,stage,source,price,background,tags,emails,phones,addresses';

export interface FubHttpOptions {
  /** Another Follow Up Boss-compatible origin + `/v1` (a local test server); the key goes there. */
  baseUrl?: string;
  fetch?: typeof fetch;
}

type Json = Record<string, unknown>;

function retryAfterMs(header: string | null): number {
  return Math.ceil(parseRetryAfter(header, Date.now()) ?? 10_000);
}

async function errorOf(response: Response): Promise<FubError> {
  let words = '';
  try {
    const body = (await response.json()) as Json;
    if (typeof body.errorMessage === 'string') words = body.errorMessage;
  } catch {
    // Not JSON: the status says enough.
  }
  const said = words === '' ? `HTTP ${response.status}` : words.replace(/\.+$/, '');
  switch (response.status) {
    case 401:
      return new FubError(
        'auth',
        `Follow Up Boss did not accept the API key (${said}). Copy it again from Admin → API in Follow Up Boss.`,
        401,
      );
    case 403:
      return new FubError('refused', `Follow Up Boss refused the request: ${said}.`, 403);
    case 404:
      return new FubError('not_found', `Follow Up Boss has no such record (${said}).`, 404);
    case 429:
      return new FubError(
        'rate_limited',
        'Follow Up Boss asked us to slow down.',
        429,
        retryAfterMs(response.headers.get('retry-after')),
      );
    default:
      return response.status >= 500
        ? new FubError('unreachable', `Follow Up Boss is not answering properly (${said}).`, response.status)
        : new FubError('refused', `Follow Up Boss refused the request: ${said}.`, response.status);
  }
}

export function createFubHttpApi(options: FubHttpOptions = {}): FubApiFactory {
  const base = (options.baseUrl ?? FUB_API_BASE_URL).replace(/\/+$/, '');
  const doFetch = options.fetch ?? fetch;
  return (credentials: FubCredentials): FubApi => {
    const headers: Record<string, string> = {
      authorization: `Basic ${Buffer.from(`${credentials.apiKey}:`).toString('base64')}`,
      accept: 'application/json',
      'x-system': FUB_SYSTEM_NAME,
      ...(credentials.systemKey === undefined ? {} : { 'x-system-key': credentials.systemKey }),
    };
    async function call(method: string, path: string, body?: Json): Promise<Json> {
      let response: Response;
      try {
        response = await doFetch(`${base}${path}`, {
          method,
          headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
          signal:
            credentials.signal === undefined
              ? AbortSignal.timeout(TIMEOUT_MS)
              : AbortSignal.any([AbortSignal.timeout(TIMEOUT_MS), credentials.signal]),
        });
      } catch (error) {
        const why = error instanceof Error ? error.message : String(error);
        throw new FubError('unreachable', `Follow Up Boss could not be reached (${why}).`);
      }
      if (!response.ok) throw await errorOf(response);
      return (await response.json()) as Json;
    }
    const list = <T>(body: Json, key: string): T[] => (Array.isArray(body[key]) ? (body[key] as T[]) : []);
    return {
      async listPeople({ next, limit }): Promise<FubPeoplePage> {
        const query = new URLSearchParams({ sort: '-updated', limit: String(limit), fields: PERSON_FIELDS });
        if (next !== undefined) query.set('next', next);
        const body = await call('GET', `/people?${query.toString()}`);
        const metadata = (body._metadata ?? {}) as Json;
        const cursor = metadata.next;
        return {
          people: list<FubPerson>(body, 'people'),
          ...(typeof cursor === 'string' && cursor !== '' ? { next: cursor } : {}),
        };
      },
      async getPerson(id) {
        try {
          return (await call('GET', `/people/${id}?fields=${PERSON_FIELDS}`)) as unknown as FubPerson;
        } catch (error) {
          if (error instanceof FubError && error.kind === 'not_found') return undefined;
          throw error;
        }
      },
      async listNotes(personId) {
        const body = await call('GET', `/notes?personId=${personId}&limit=100`);
        return list<FubNote>(body, 'notes');
      },
      async createNote({ personId, subject, body }) {
        return (await call('POST', '/notes', {
          personId,
          subject,
          body,
          isHtml: false,
        })) as unknown as FubNote;
      },
      async updateStage(personId, stage) {
        await call('PUT', `/people/${personId}`, { stage });
      },
      async listWebhooks() {
        const body = await call('GET', '/webhooks?limit=100');
        return list<{ id: number; event: string; url: string }>(body, 'webhooks');
      },
      async createWebhook({ event, url }) {
        await call('POST', '/webhooks', { event, url });
      },
      async getActivity(kind, id) {
        try {
          return (await call('GET', `/${kind}/${id}`)) as unknown as FubActivity;
        } catch (error) {
          if (error instanceof FubError && error.kind === 'not_found') return undefined;
          throw error;
        }
      },
    };
  };
}
