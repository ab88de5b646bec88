import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SseParser, sseFrame } from './sse';

describe('SSE parser', () => {
  it('returns each event’s data however the stream is split into chunks', () => {
    fc.assert(
      fc.property(
        fc.array(fc.json(), { minLength: 1, maxLength: 5 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        (events, cuts) => {
          const text = `: keep-alive\n\n${events.map((data) => sseFrame(data)).join('')}`;
          const points = [...new Set(cuts.map((cut) => cut % text.length))].sort((a, b) => a - b);
          const parser = new SseParser();
          const out: string[] = [];
          let start = 0;
          for (const point of [...points, text.length]) {
            out.push(...parser.feed(text.slice(start, point)));
            start = point;
          }
          expect(out).toEqual(events);
        },
      ),
    );
  });
});
