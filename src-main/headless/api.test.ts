// The headless boundary in-process, as Hono tests its own middleware: `app.request()`, no port.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Hono } from 'hono';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestCore } from '../core/testing/test-core';
import { createTestCore } from '../core/testing/test-core';
import { createHeadlessApi, loopbackHosts } from './api';

const HOST = '127.0.0.1:4174';
const TOKEN = 'session-token-for-tests-0123456789';

let core: TestCore;
let api: Hono;
let rendererDir: string;

beforeEach(async () => {
  core = await createTestCore();
  rendererDir = mkdtempSync(join(tmpdir(), 'porchlight-renderer-'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Porchlight</title>');
  api = createHeadlessApi({
    app: core.app,
    token: TOKEN,
    rendererDir,
    allowedHosts: loopbackHosts(4174),
    maxBodyBytes: 1024,
  });
});

afterEach(async () => {
  await core.close();
  rmSync(rendererDir, { recursive: true, force: true });
});

function invoke(name: string, body: string, headers: Record<string, string> = {}): Promise<Response> {
  return Promise.resolve(
    api.request(`http://${HOST}/api/invoke/${name}`, {
      method: 'POST',
      headers: {
        host: HOST,
        authorization: `Bearer ${TOKEN}`,
        'content-type': 'application/json',
        ...headers,
      },
      body,
    }),
  );
}

type ApiBody = {
  ok: boolean;
  result?: unknown;
  error?: { code: string; message: string; fieldErrors?: Record<string, string> };
};

describe('headless API', () => {
  it('runs handlers for a caller with the token', async () => {
    const response = await invoke('leads-create', JSON.stringify({ lead: { firstName: 'Ada' } }));
    const body = (await response.json()) as { ok: boolean; result: { lead: { firstName: string } } };
    expect(body.ok).toBe(true);
    expect(body.result.lead.firstName).toBe('Ada');
  });

  it('refuses calls with a wrong token or none, before core sees them', async () => {
    const wrong = await invoke('leads-create', JSON.stringify({ lead: { firstName: 'Eve' } }), {
      authorization: 'Bearer wrong-token',
    });
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as ApiBody).error?.message).toContain('session token');
    const none = await api.request(`http://${HOST}/api/invoke/leads-counts`, {
      method: 'POST',
      headers: { host: HOST },
      body: '{}',
    });
    expect(none.status).toBe(401);
    expect((await core.invoke('leads-counts', {})).total).toBe(0);
  });

  it('refuses requests for another host name (DNS rebinding), pages and API alike', async () => {
    const page = await api.request('http://evil.example.com/', { headers: { host: 'evil.example.com' } });
    expect(page.status).toBe(421);
    const call = await invoke('leads-counts', '{}', { host: `evil.example.com:4174` });
    expect(call.status).toBe(421);
    const otherPort = await invoke('leads-counts', '{}', { host: '127.0.0.1:9999' });
    expect(otherPort.status).toBe(421);
  });

  it('refuses a body over the limit with a clear JSON error, and nothing is saved', async () => {
    const big = JSON.stringify({ lead: { firstName: 'A', notes: 'x'.repeat(2048) } });
    const response = await invoke('leads-create', big);
    expect(response.status).toBe(413);
    const body = (await response.json()) as ApiBody;
    expect(body.error?.code).toBe('invalid_args');
    expect(body.error?.message).toContain('send less at once');
    expect((await core.invoke('leads-counts', {})).total).toBe(0);
  });

  it('answers an unknown handler by name', async () => {
    const body = (await (await invoke('leads-explode', '{}')).json()) as ApiBody;
    expect(body.ok).toBe(false);
    expect(body.error?.code).toBe('unknown_handler');
    expect(body.error?.message).toContain('"leads-explode"');
  });

  it('answers a body that is not JSON, invalid arguments and a refused value with clear JSON errors', async () => {
    const notJson = (await (await invoke('leads-counts', '{oops')).json()) as ApiBody;
    expect(notJson.error?.code).toBe('invalid_args');
    expect(notJson.error?.message).toContain('not JSON');

    const invalid = (await (await invoke('leads-create', JSON.stringify({ lead: 42 }))).json()) as ApiBody;
    expect(invalid.error?.code).toBe('invalid_args');
    expect(Object.keys(invalid.error?.fieldErrors ?? {})).toContain('lead');

    const refused = (await (
      await invoke('leads-create', JSON.stringify({ lead: { phone: '12' } }))
    ).json()) as ApiBody;
    expect(refused.ok).toBe(false);
    expect(refused.error?.code).toBe('validation');
    expect(refused.error?.fieldErrors?.phone).toContain('"12"');
  });

  it('serves the renderer with protective headers, and index.html for app routes', async () => {
    const root = await api.request(`http://${HOST}/`, { headers: { host: HOST } });
    expect(await root.text()).toContain('<title>Porchlight</title>');
    expect(root.headers.get('x-content-type-options')).toBe('nosniff');
    expect(root.headers.get('referrer-policy')).toBe('no-referrer');
    const deep = await api.request(`http://${HOST}/leads/abc`, { headers: { host: HOST } });
    expect(await deep.text()).toContain('<title>Porchlight</title>');
  });
});
