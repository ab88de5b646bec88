import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { rateLimit } from '.';

describe('rate-limit middleware', () => {
  it('allows a burst, refuses past it with 429 and Retry-After, and refills with the clock', async () => {
    const clock = { ms: 0, now: () => clock.ms };
    const app = new Hono().get(
      '/',
      rateLimit({
        perMinute: 60,
        burst: 3,
        clock,
        key: (c) => c.req.header('x-key') ?? '',
        message: 'Slow down.',
      }),
      (c) => c.text('ok'),
    );
    const hit = (key = 'a') => app.request('/', { headers: { 'x-key': key } });
    expect([(await hit()).status, (await hit()).status, (await hit()).status]).toEqual([200, 200, 200]);
    const refused = await hit();
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(await refused.json()).toMatchObject({ code: 'rate_limited' });
    expect((await hit('b')).status).toBe(200);
    clock.ms += 1000;
    expect((await hit()).status).toBe(200);
  });
});
