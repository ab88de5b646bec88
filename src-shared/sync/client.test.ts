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
