import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { InFlight } from '.';

describe('in-flight middleware', () => {
  it('drain waits for the request in flight, and refuses new ones with 503', async () => {
    const inFlight = new InFlight();
    let release: () => void = () => undefined;
    const app = new Hono();
    app.use('*', inFlight.middleware);
    app.post('/push', async (c) => {
      await new Promise<void>((resolve) => (release = resolve));
      return c.json({ stored: true });
    });
    const pending = app.request('/push', { method: 'POST' });
    await Promise.resolve();
    expect(inFlight.active).toBe(1);
    let drained = false;
    const draining = inFlight.drain().then(() => (drained = true));
    expect((await app.request('/push', { method: 'POST' })).status).toBe(503);
    expect(drained).toBe(false);
    release();
    expect(await (await pending).json()).toEqual({ stored: true });
    await draining;
    expect(drained).toBe(true);
  });
});
