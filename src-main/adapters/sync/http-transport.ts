// The SyncTransport over HTTP: the team server's auth routes, and per collection the shared
// replication handlers (src-shared/sync/client.ts) with this process's fetch. Answers are
// parsed with the protocol's schemas; failures leave as SyncTransportError: `offline` when no
// answer came, `refused` with the server's code and message otherwise. Tokens are sent only to
// the server they were issued by (the one URL each call is given).
import {
  createSyncClaimClient,
  createSyncReplicationHandlers,
  errorBodySchema,
  fubEventsAnswerSchema,
  sessionResponseSchema,
  SyncHttpError,
  type FetchLike,
  type TeamLinks,
} from '../../../src-shared/sync';
import type {
  SyncAuth,
  SyncClaimHandlers,
  SyncCollectionHandlers,
  SyncCollectionOptions,
  SyncFubEvents,
  SyncSession,
  SyncTransport,
} from '../../core/ports/sync-transport';
import { SyncTransportError } from '../../core/ports/sync-transport';

export interface HttpSyncTransportOptions {
  /** Defaults to the platform's fetch. */
  fetch?: FetchLike;
  /** Pause before the live stream reconnects (ms). */
  reconnectDelayMs?: number;
}

function offline(serverUrl: string, error: unknown): SyncTransportError {
  const reason = error instanceof Error ? error.message : String(error);
  return new SyncTransportError(
    'offline',
    'offline',
    `The sync server at ${serverUrl} did not answer (${reason}).`,
  );
}

function refusedOf(error: SyncHttpError): SyncTransportError {
  return new SyncTransportError('refused', error.code, error.message, error.status);
}

/** The server's refusals as the port's errors. */
const translated =
  <A extends unknown[], R>(fn: (...args: A) => Promise<R>) =>
  async (...args: A): Promise<R> => {
    try {
      return await fn(...args);
    } catch (error) {
      throw error instanceof SyncHttpError ? refusedOf(error) : error;
    }
  };

export function createHttpSyncTransport(options: HttpSyncTransportOptions = {}): SyncTransport {
  const baseFetch: FetchLike = options.fetch ?? ((url, init) => fetch(url, init));

  function fetchFor(serverUrl: string): FetchLike {
    return async (url, init) => {
      try {
        return await baseFetch(url, init);
      } catch (error) {
        throw offline(serverUrl, error);
      }
    };
  }

  async function postSession(serverUrl: string, path: string, body: unknown): Promise<SyncSession> {
    const response = await fetchFor(serverUrl)(`${serverUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const json = await response.json().catch(() => undefined);
    if (response.status !== 200) {
      const error = errorBodySchema.safeParse(json);
      throw new SyncTransportError(
        'refused',
        error.success ? error.data.code : 'http_error',
        error.success
          ? error.data.message
          : `The sync server answered ${response.status}; is this a Porchlight sync server?`,
        response.status,
      );
    }
    const session = sessionResponseSchema.safeParse(json);
    if (!session.success)
      throw new SyncTransportError(
        'refused',
        'bad_answer',
        `${serverUrl} did not answer like a Porchlight sync server.`,
      );
    return session.data;
  }

  function collection(serverUrl: string, name: string, opts: SyncCollectionOptions): SyncCollectionHandlers {
    const handlers = createSyncReplicationHandlers({
      baseUrl: serverUrl,
      collection: name,
      fetch: fetchFor(serverUrl),
      auth: opts.auth,
      textDecoder: new TextDecoder(),
      reconnectDelayMs: options.reconnectDelayMs ?? 2000,
      // The shared stream waits only after it lost its connection (or could not open it).
      wait: (ms) => {
        opts.onStreamDown(offline(serverUrl, new Error('the live stream closed')));
        return new Promise((resolve) => setTimeout(resolve, ms));
      },
      slowDown: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      onRefused: (refusals) => opts.onRefused(refusals),
    });
    return {
      pullHandler: translated(handlers.pullHandler),
      pushHandler: translated(handlers.pushHandler),
      stream$: handlers.stream$,
    };
  }

  function claims(serverUrl: string, auth: SyncAuth): SyncClaimHandlers {
    const client = createSyncClaimClient({ baseUrl: serverUrl, fetch: fetchFor(serverUrl), auth });
    // Asked once per sign-in: the key is derived from the server's token key, so it holds.
    let links: TeamLinks | undefined;
    return {
      claim: translated((requests) => client.claim(requests)),
      complete: translated((reports) => client.complete(reports)),
      release: translated((reports) => client.release(reports)),
      routing: translated(() => client.routing()),
      saveRouting: translated((rules) => client.saveRouting(rules)),
      setReceiving: translated((paused) => client.setReceiving(paused)),
      takeLead: translated((leadId) => client.takeLead(leadId)),
      undoImport: translated((importId, leadIds) => client.undoImport(importId, leadIds)),
      links: translated(async () => {
        links ??= (await client.links()) ?? undefined;
        return links ?? null;
      }),
    };
  }

  function fubEvents(serverUrl: string, auth: SyncAuth): SyncFubEvents {
    const get = (token: string, path: string) =>
      fetchFor(serverUrl)(`${serverUrl}${path}`, {
        method: 'GET',
        headers: { authorization: `Bearer ${token}` },
      });
    const fromServer = async (path: string): Promise<{ status: number; json: unknown }> => {
      let response = await get(await auth.accessToken(), path);
      if (response.status === 401) response = await get(await auth.refresh(), path);
      return { status: response.status, json: await response.json().catch(() => undefined) };
    };
    const refused = (status: number, json: unknown): SyncTransportError => {
      const error = errorBodySchema.safeParse(json);
      return new SyncTransportError(
        'refused',
        error.success ? error.data.code : 'http_error',
        error.success ? error.data.message : `The sync server answered ${status}.`,
        status,
      );
    };
    return {
      async webhookUrl() {
        const { status, json } = await fromServer('/admin/webhooks');
        if (status === 409) return undefined;
        if (status !== 200) throw refused(status, json);
        const address = (json as { followUpBoss?: unknown } | undefined)?.followUpBoss;
        return typeof address === 'string' ? address : undefined;
      },
      async list(afterSeq, limit) {
        const { status, json } = await fromServer(`/admin/fub-events?after=${afterSeq}&limit=${limit}`);
        if (status !== 200) throw refused(status, json);
        const answer = fubEventsAnswerSchema.safeParse(json);
        if (!answer.success)
          throw new SyncTransportError(
            'refused',
            'bad_answer',
            `${serverUrl} did not answer like a Porchlight sync server.`,
          );
        const { events, checkpoint } = answer.data;
        return { events, checkpoint: checkpoint.seq };
      },
    };
  }

  return {
    login: (serverUrl, credentials) => postSession(serverUrl, '/auth/login', credentials),
    redeem: (serverUrl, credentials) => postSession(serverUrl, '/auth/redeem', credentials),
    refresh: (serverUrl, refreshToken) => postSession(serverUrl, '/auth/refresh', { refreshToken }),
    logout: async (serverUrl, refreshToken) => {
      await fetchFor(serverUrl)(`${serverUrl}/auth/logout`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ refreshToken }),
      });
    },
    collection,
    claims,
    fubEvents,
  };
}
