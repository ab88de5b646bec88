import { firstValueFrom, take, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { createSyncReplicationHandlers, type ByteReader, type FetchLike } from './client';
import { sseFrame } from './sse';

const encoder = new TextEncoder();

/** A stream answer that says `frames`, then stays open and silent, as a half-open socket does. */
function silentAfter(frames: string[]): { reader: ByteReader; cancelled: () => boolean } {
  let cancelled = false;
  const queue = frames.map((frame) => encoder.encode(frame));
  const reader: ByteReader = {
    read: () => {
      const next = queue.shift();
      return next === undefined
        ? new Promise(() => undefined)
        : Promise.resolve({ done: false, value: next });
    },
    cancel: () => {
      cancelled = true;
      return Promise.resolve();
    },
  };
  return { reader, cancelled: () => cancelled };
}

describe('the live stream', () => {
  it('reopens a stream that went silent past the keep-alive, and starts again with RESYNC', async () => {
    const answers: ReturnType<typeof silentAfter>[] = [];
    const fetch: FetchLike = (url) => {
      expect(url).toBe('https://sync.example.com/sync/leads/stream');
      const answer = silentAfter(
        answers.length === 0
          ? [sseFrame(JSON.stringify({ documents: [{ id: 'l1', _deleted: false }], checkpoint: { seq: 4 } }))]
          : [],
      );
      answers.push(answer);
      return Promise.resolve({
        status: 200,
        json: () => Promise.resolve({}),
        body: { getReader: () => answer.reader },
      });
    };
    const handlers = createSyncReplicationHandlers({
      baseUrl: 'https://sync.example.com',
      collection: 'leads',
      fetch,
      auth: { accessToken: () => Promise.resolve('t'), refresh: () => Promise.resolve('t') },
      textDecoder: new TextDecoder(),
      wait: () => Promise.resolve(),
      silenceMs: 30,
    });
    const items = await firstValueFrom(handlers.stream$.pipe(take(3), toArray()));
    expect(items[0]).toBe('RESYNC');
    expect(items[1]).toEqual({ documents: [{ id: 'l1', _deleted: false }], checkpoint: { seq: 4 } });
    expect(items[2]).toBe('RESYNC');
    expect(answers.length).toBe(2);
    expect(answers[0]?.cancelled()).toBe(true);
  });
});

describe('a request asked to slow down', () => {
  const auth = { accessToken: () => Promise.resolve('t'), refresh: () => Promise.resolve('t') };
  const pushAnswer = { status: 200, json: () => Promise.resolve({ conflicts: [], refused: [] }), body: null };
  const tooMany = (retryAfter: string | null) => ({
    status: 429,
    json: () =>
      Promise.resolve({ code: 'rate_limited', message: 'Too many sync requests from this account.' }),
    body: null,
    headers: { get: (name: string) => (name.toLowerCase() === 'retry-after' ? retryAfter : null) },
  });

  function handlersAnswering(answers: Awaited<ReturnType<FetchLike>>[]) {
    const waits: number[] = [];
    let asked = 0;
    const fetch: FetchLike = () =>
      Promise.resolve(answers[Math.min(asked++, answers.length - 1)] ?? pushAnswer);
    const handlers = createSyncReplicationHandlers({
      baseUrl: 'http://127.0.0.1:1',
      collection: 'leads',
      fetch,
      auth,
      textDecoder: new TextDecoder(),
      wait: () => Promise.reject(new Error('the stream pause is not the 429 wait')),
      slowDown: (ms) => {
        waits.push(ms);
        return Promise.resolve();
      },
    });
    return { handlers, waits, asked: () => asked };
  }

  it('waits the Retry-After the server named and asks again', async () => {
    const { handlers, waits, asked } = handlersAnswering([tooMany('2'), tooMany(null), pushAnswer]);
    await expect(handlers.pushHandler([])).resolves.toEqual([]);
    expect(waits).toEqual([2000, 1000]);
    expect(asked()).toBe(3);
  });

  it('fails with the server’s words after three waits, or at once when the wait is too long', async () => {
    const busy = handlersAnswering([tooMany('1')]);
    await expect(busy.handlers.pushHandler([])).rejects.toThrow('Too many sync requests from this account.');
    expect(busy.waits).toEqual([1000, 1000, 1000]);
    expect(busy.asked()).toBe(4);
    const long = handlersAnswering([tooMany('60')]);
    await expect(long.handlers.pushHandler([])).rejects.toThrow('Too many sync requests');
    expect(long.waits).toEqual([]);
  });
});
