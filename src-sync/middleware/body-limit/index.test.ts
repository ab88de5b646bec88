import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { limitBody } from '.';

describe('body-limit middleware', () => {
  const app = new Hono().post('/in', limitBody(1024), async (c) =>
    c.json({ size: (await c.req.text()).length }),
  );

  it('passes a body within the limit', async () => {
    const response = await app.request('/in', { method: 'POST', body: 'x'.repeat(1000) });
    expect(await response.json()).toEqual({ size: 1000 });
  });

  it('refuses a larger body with 413 and a JSON error saying what to do', async () => {
    const response = await app.request('/in', { method: 'POST', body: 'x'.repeat(2000) });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ code: 'body_too_large' });
  });
});
