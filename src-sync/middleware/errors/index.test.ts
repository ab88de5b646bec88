import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { SyncError, errorHandler, notFound } from '.';

function app(logged: string[]): Hono {
  const hono = new Hono();
  hono.onError(
    errorHandler({
      info: () => undefined,
      warn: () => undefined,
      error: (event, fields) => logged.push(`${event} ${JSON.stringify(fields)}`),
    }),
  );
  hono.notFound(notFound);
  hono.get('/known', () => {
    throw new SyncError(409, 'own_account', 'You cannot deactivate yourself.');
  });
  hono.get('/bug', () => {
    throw new Error('secret detail jane@example.com at /srv/file.ts:12');
  });
  return hono;
}

describe('errors middleware', () => {
  it('answers a SyncError with its status, code and message', async () => {
    const response = await app([]).request('/known');
    expect(response.status).toBe(409);
    expect(await response.json()).toEqual({
      code: 'own_account',
      message: 'You cannot deactivate yourself.',
    });
  });

  it('answers anything else as internal, without its message or stack, and logs only its name', async () => {
    const logged: string[] = [];
    const response = await app(logged).request('/bug');
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(text).not.toContain('jane@example.com');
    expect(text).not.toContain('file.ts');
    expect(JSON.parse(text)).toMatchObject({ code: 'internal' });
    expect(logged.join('')).not.toContain('jane@example.com');
  });

  it('answers an unknown route as JSON 404', async () => {
    const response = await app([]).request('/nope');
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ code: 'not_found' });
  });
});
