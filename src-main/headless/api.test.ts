// The headless boundary in-process, as Hono tests its own middleware: `app.request()`, no port.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Hono } from 'hono';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestCore } from '../core/testing/test-core';
import { createTestCore } from '../core/testing/test-core';
import { createHeadlessApi, loopbackHosts } from './api';
import { HeadlessSessions } from './session';

const HOST = '127.0.0.1:4174';
const TOKEN = 'session-token-for-tests-0123456789';

let core: TestCore;
let api: Hono;
let rendererDir: string;
let cookie: string;

beforeEach(async () => {
  core = await createTestCore();
  rendererDir = mkdtempSync(join(tmpdir(), 'porchlight-renderer-'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Porchlight</title>');
  api = createHeadlessApi({
    app: core.app,
    sessions: new HeadlessSessions(TOKEN),
    rendererDir,
    allowedHosts: loopbackHosts(4174),
    maxBodyBytes: 1024,
  });
  cookie = await signIn();
});

/** Opens the printed address once, as the browser does, and keeps the cookie it sets. */
async function signIn(): Promise<string> {
  const response = await api.request(`http://${HOST}/?token=${TOKEN}`, { headers: { host: HOST } });
  return (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

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
        cookie,
        origin: `http://${HOST}`,
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

  it('exchanges the printed one-time address for an HttpOnly, SameSite=Strict cookie and a clean address', async () => {
    const fresh = createHeadlessApi({
      app: core.app,
      sessions: new HeadlessSessions(TOKEN),
      rendererDir,
      allowedHosts: loopbackHosts(4174),
    });
    const first = await fresh.request(`http://${HOST}/?token=${TOKEN}`, { headers: { host: HOST } });
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe('/');
    expect(first.headers.get('cache-control')).toBe('no-store');
    const setCookie = first.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^porchlight_session=[\w-]{40,}; /);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    expect(setCookie).not.toContain(TOKEN);

    // The address works once: a second visit (history, a shared screen) gets no session.
    const again = await fresh.request(`http://${HOST}/?token=${TOKEN}`, { headers: { host: HOST } });
    expect(again.status).toBe(303);
    expect(again.headers.get('set-cookie')).toBeNull();
    const wrong = await fresh.request(`http://${HOST}/?token=guess`, { headers: { host: HOST } });
    expect(wrong.headers.get('set-cookie')).toBeNull();
  });

  it('refuses calls without a session, or with the token instead of one, before core sees them', async () => {
    const none = await invoke('leads-create', JSON.stringify({ lead: { firstName: 'Eve' } }), { cookie: '' });
    expect(none.status).toBe(401);
    expect(((await none.json()) as ApiBody).error?.code).toBe('unauthorized');
    const forged = await invoke('leads-counts', '{}', { cookie: 'porchlight_session=forged' });
    expect(forged.status).toBe(401);
    const bearer = await invoke('leads-counts', '{}', { cookie: '', authorization: `Bearer ${TOKEN}` });
    expect(bearer.status).toBe(401);
    expect((await core.invoke('leads-counts', {})).total).toBe(0);
  });

  it('refuses calls from another origin even with the cookie (another local page or port)', async () => {
    const otherPort = await invoke('leads-create', JSON.stringify({ lead: { firstName: 'Eve' } }), {
      origin: 'http://127.0.0.1:8080',
    });
    expect(otherPort.status).toBe(403);
    const crossSite = await invoke('leads-counts', '{}', { 'sec-fetch-site': 'cross-site' });
    expect(crossSite.status).toBe(403);
    const sameSite = await invoke('leads-counts', '{}', { 'sec-fetch-site': 'same-site' });
    expect(sameSite.status).toBe(403);
    expect((await core.invoke('leads-counts', {})).total).toBe(0);
    const ours = await invoke('leads-counts', '{}', { 'sec-fetch-site': 'same-origin' });
    expect(ours.status).toBe(200);
  });

  it('forbids framing: CSP frame-ancestors and X-Frame-Options on every answer', async () => {
    for (const response of [
      await api.request(`http://${HOST}/`, { headers: { host: HOST } }),
      await invoke('leads-counts', '{}'),
    ]) {
      expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(response.headers.get('content-security-policy')).toContain("connect-src 'self';");
      expect(response.headers.get('x-frame-options')).toBe('DENY');
    }
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
