// The desktop's side of the sync protocol, as the three functions `replicateRxCollection`
// (rxdb/plugins/replication) takes: a pull handler, a push handler and a live `stream$`.
// No I/O of its own: the fetch, the token source, the text decoder and the wait are injected,
// so the same handlers run in the desktop, the headless shell and tests. Only the stream's
// silence watchdog uses the platform's own timer.
import { Observable, share } from 'rxjs';
import type { RxReplicationPullStreamItem, WithDeleted } from 'rxdb';
import {
  errorBodySchema,
  pullResponseSchema,
  pushResponseSchema,
  STREAM_SILENCE_MS,
  streamEventSchema,
  type PushRefusal,
  type SyncCheckpoint,
  type WireDocument,
} from './protocol';
import { parseRetryAfter } from '../retry-after';
import { SseParser } from './sse';

export interface ByteReader {
  read(): Promise<{ done: boolean; value?: Uint8Array | undefined }>;
  cancel(reason?: unknown): Promise<void>;
}
export interface FetchLikeResponse {
  status: number;
  json(): Promise<unknown>;
  body: { getReader(): ByteReader } | null;
  /** The standard Response's headers; read for a 429's Retry-After. */
  headers?: { get(name: string): string | null };
}

/** How often a pull or push asked to slow down (429) waits and asks again before it fails. */
export const RATE_LIMIT_RETRIES = 3;
/** The longest a 429's Retry-After is waited for here; longer is left to the replication. */
export const RATE_LIMIT_MAX_WAIT_MS = 10_000;

/** The wait a 429 asks for (1 s when it names none, or none at all), or undefined if too long. */
function retryAfterMs(response: FetchLikeResponse): number | undefined {
  const said = parseRetryAfter(response.headers?.get('retry-after'), Date.now());
  const ms = said === undefined || said === 0 ? 1000 : said;
  return ms <= RATE_LIMIT_MAX_WAIT_MS ? ms : undefined;
}
/** The part of the standard `fetch` the handlers use; `globalThis.fetch` fits. */
export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string },
) => Promise<FetchLikeResponse>;

export interface SyncAuth {
  /** The current access token. */
  accessToken: () => Promise<string>;
  /** Called once after a 401: refresh the session and return the new access token. */
  refresh: () => Promise<string>;
}

export interface SyncHandlerOptions {
  /** The server's base URL, without a trailing slash: `https://sync.example.com`. */
  baseUrl: string;
  collection: string;
  fetch: FetchLike;
  auth: SyncAuth;
  /** `new TextDecoder()` where the platform has one. */
  textDecoder: { decode(input: Uint8Array, options?: { stream?: boolean }): string };
  /** Resolves after `ms` (the stream's reconnect pause). */
  wait(ms: number): Promise<void>;
  /** Resolves after `ms` (the pause a 429 asks for); `wait` when absent. */
  slowDown?(ms: number): Promise<void>;
  reconnectDelayMs?: number;
  /** How long a silent stream is trusted before it is reopened (STREAM_SILENCE_MS). */
  silenceMs?: number;
  /** Documents the server refused to store, with its reason for each (SY-P5). */
  onRefused?: (refusals: PushRefusal[]) => void;
}

/** A non-2xx answer of the sync server, with its `{ code, message }`. */
export class SyncHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'SyncHttpError';
  }
}

async function errorOf(response: FetchLikeResponse): Promise<SyncHttpError> {
  const body = errorBodySchema.safeParse(await response.json().catch(() => undefined));
  return body.success
    ? new SyncHttpError(response.status, body.data.code, body.data.message)
    : new SyncHttpError(response.status, 'http_error', `The sync server answered ${response.status}.`);
}

/** A push row as RxDB hands it over (its documents typed as the collection's). */
export interface PushRowOf<T> {
  assumedMasterState?: WithDeleted<T> | undefined;
  newDocumentState: WithDeleted<T>;
}

function asDocuments<T>(documents: WireDocument[]): WithDeleted<T>[] {
  return documents as unknown as WithDeleted<T>[];
}

export interface SyncReplicationHandlers<T> {
  pullHandler: (
    checkpoint: SyncCheckpoint | undefined,
    batchSize: number,
  ) => Promise<{ documents: WithDeleted<T>[]; checkpoint: SyncCheckpoint }>;
  pushHandler: (rows: readonly PushRowOf<T>[]) => Promise<WithDeleted<T>[]>;
  stream$: Observable<RxReplicationPullStreamItem<T, SyncCheckpoint>>;
}

/**
 * The next chunk of the stream, or its end once it has been silent for `ms`: the server writes a
 * keep-alive far more often, so such silence means a connection that died without a word (a
 * half-open socket never ends on its own); the reader is cancelled and the stream reopened.
 */
function readWithin(
  reader: ByteReader,
  ms: number,
): Promise<{ done: boolean; value?: Uint8Array | undefined }> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void reader.cancel().catch(() => undefined);
      resolve({ done: true });
    }, ms);
    reader.read().then(
      (chunk) => {
        clearTimeout(timer);
        resolve(chunk);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

export function createSyncReplicationHandlers<T = WireDocument>(
  options: SyncHandlerOptions,
): SyncReplicationHandlers<T> {
  const base = `${options.baseUrl}/sync/${encodeURIComponent(options.collection)}`;

  async function send(method: string, url: string, body?: unknown): Promise<FetchLikeResponse> {
    const attempt = async (token: string): Promise<FetchLikeResponse> =>
      options.fetch(url, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    const authorized = async (): Promise<FetchLikeResponse> => {
      const first = await attempt(await options.auth.accessToken());
      if (first.status !== 401) return first;
      return attempt(await options.auth.refresh());
    };
    // A 429 names when to come back: waiting that long here keeps a busy replica (the always-on
    // engine in a burst) from failing the request and waiting out the replication's retry time.
    let response = await authorized();
    for (let retry = 0; response.status === 429 && retry < RATE_LIMIT_RETRIES; retry++) {
      const ms = retryAfterMs(response);
      if (ms === undefined) break;
      await (options.slowDown ?? options.wait)(ms);
      response = await authorized();
    }
    return response;
  }

  async function pullHandler(
    checkpoint: SyncCheckpoint | undefined,
    batchSize: number,
  ): Promise<{
    documents: WithDeleted<T>[];
    checkpoint: SyncCheckpoint;
  }> {
    const seq = checkpoint?.seq ?? 0;
    const response = await send('GET', `${base}/pull?seq=${seq}&limit=${batchSize}`);
    if (response.status !== 200) throw await errorOf(response);
    const parsed = pullResponseSchema.parse(await response.json());
    return { documents: asDocuments<T>(parsed.documents), checkpoint: parsed.checkpoint };
  }

  async function pushHandler(rows: readonly PushRowOf<T>[]): Promise<WithDeleted<T>[]> {
    const response = await send('POST', `${base}/push`, { rows } satisfies { rows: readonly PushRowOf<T>[] });
    if (response.status !== 200) throw await errorOf(response);
    const parsed = pushResponseSchema.parse(await response.json());
    if (parsed.refused.length > 0) options.onRefused?.(parsed.refused);
    return asDocuments<T>(parsed.conflicts);
  }

  // SY-P7: every (re)connection starts with RESYNC, so what happened while the stream was down
  // is pulled by checkpoint; after that the stream carries documents as the server stores them.
  const stream$ = new Observable<RxReplicationPullStreamItem<T, SyncCheckpoint>>((subscriber) => {
    let stopped = false;
    let reader: ByteReader | undefined;
    const run = async (): Promise<void> => {
      while (!stopped) {
        try {
          const response = await send('GET', `${base}/stream`);
          if (response.status === 200 && response.body !== null) {
            reader = response.body.getReader();
            subscriber.next('RESYNC');
            const parser = new SseParser();
            for (;;) {
              const chunk = await readWithin(reader, options.silenceMs ?? STREAM_SILENCE_MS);
              if (chunk.done || stopped) break;
              if (chunk.value === undefined) continue;
              for (const data of parser.feed(options.textDecoder.decode(chunk.value, { stream: true }))) {
                const event = streamEventSchema.safeParse(JSON.parse(data));
                if (!event.success) continue;
                subscriber.next(
                  event.data === 'RESYNC'
                    ? 'RESYNC'
                    : { documents: asDocuments<T>(event.data.documents), checkpoint: event.data.checkpoint },
                );
              }
            }
          }
        } catch {
          // Offline or the server went away: wait and reconnect; RESYNC covers the gap.
        }
        if (!stopped) await options.wait(options.reconnectDelayMs ?? 2000);
      }
    };
    void run();
    return () => {
      stopped = true;
      void reader?.cancel().catch(() => undefined);
    };
  }).pipe(share());

  return { pullHandler, pushHandler, stream$ };
}
