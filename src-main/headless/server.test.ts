import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { TestCore } from '../core/testing/test-core';
import { createTestCore } from '../core/testing/test-core';
import type { HeadlessServer } from './server';
import { startHeadlessServer } from './server';

let core: TestCore;
let server: HeadlessServer;
let rendererDir: string;
let base: string;

beforeEach(async () => {
  core = await createTestCore();
  rendererDir = mkdtempSync(join(tmpdir(), 'porchlight-renderer-'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Porchlight</title>');
  server = await startHeadlessServer({ app: core.app, events: core.ctx.events, rendererDir, port: 0 });
  base = new URL(server.url).origin;
});

afterEach(async () => {
  await server.close();
  await core.close();
  rmSync(rendererDir, { recursive: true, force: true });
});

function invoke(name: string, body: string, token = server.token): Promise<Response> {
  return fetch(`${base}/api/invoke/${name}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body,
  });
}

describe('headless server', () => {
  it('listens on 127.0.0.1 only and prints a URL carrying the session token', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]{20,}$/);
  });

  it('runs handlers for a caller with the token', async () => {
    const response = await invoke('leads-create', JSON.stringify({ lead: { firstName: 'Ada' } }));
    const body = (await response.json()) as { ok: boolean; result: { lead: { firstName: string } } };
    expect(body.ok).toBe(true);
    expect(body.result.lead.firstName).toBe('Ada');
  });

  it('refuses calls without the token', async () => {
    const response = await invoke('leads-counts', '{}', 'wrong-token');
    expect(response.status).toBe(401);
    expect((await core.invoke('leads-counts', {})).total).toBe(0);
  });

  it('refuses requests for another host name (DNS rebinding)', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number | undefined>((resolve) => {
      const url = new URL(base);
      const headers = { host: 'evil.example.com' };
      request({ host: '127.0.0.1', port: url.port, path: '/', headers, agent: false }, (res) => {
        res.resume();
        resolve(res.statusCode);
      }).end();
    });
    expect(status).toBe(421);
  });

  it('answers a body that is not JSON, and a handler error, with clear JSON errors', async () => {
    const notJson = (await (await invoke('leads-counts', '{oops')).json()) as { error: { code: string } };
    expect(notJson.error.code).toBe('invalid_args');
    const refused = (await (
      await invoke('leads-create', JSON.stringify({ lead: { phone: '12' } }))
    ).json()) as {
      ok: boolean;
      error: { code: string; fieldErrors: Record<string, string> };
    };
    expect(refused.ok).toBe(false);
    expect(refused.error.code).toBe('validation');
    expect(refused.error.fieldErrors.phone).toContain('"12"');
  });

  it('serves the renderer', async () => {
    const response = await fetch(`${base}/`);
    expect(await response.text()).toContain('<title>Porchlight</title>');
  });

  it('streams core events over the WebSocket to a caller with the token, and refuses others', async () => {
    const wsBase = base.replace('http', 'ws');
    const refused = new WebSocket(`${wsBase}/api/events?token=nope`);
    const refusedOutcome = await new Promise<string>((resolve) => {
      refused.on('open', () => resolve('open'));
      refused.on('error', () => resolve('refused'));
    });
    expect(refusedOutcome).toBe('refused');

    const socket = new WebSocket(`${wsBase}/api/events?token=${server.token}`);
    await new Promise((resolve) => socket.once('open', resolve));
    const received = new Promise<{ name: string; payload: { ids: string[] } }>((resolve) =>
      socket.once('message', (data: Buffer) => resolve(JSON.parse(data.toString()) as never)),
    );
    const { lead } = await core.invoke('leads-create', { lead: { firstName: 'Live' } });
    expect(await received).toEqual({ name: 'leads-changed', payload: { ids: [lead.id] } });
    socket.close();
  });
});
