// The headless shell on a real port: what only a listening server shows (the printed address,
// the WebSocket upgrade). The routes themselves are tested in-process in api.test.ts.
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

function opens(url: string, headers: Record<string, string>): Promise<'open' | 'refused'> {
  const socket = new WebSocket(url, { headers });
  return new Promise((resolve) => {
    socket.on('open', () => {
      socket.close();
      resolve('open');
    });
    socket.on('error', () => resolve('refused'));
  });
}

describe('headless server', () => {
  it('listens on 127.0.0.1 only and prints a one-time address', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{20,}$/);
    expect(await (await fetch(`${base}/`)).text()).toContain('<title>Porchlight</title>');
  });

  it('streams core events over the WebSocket to our page with a session, and refuses other origins', async () => {
    const signIn = await fetch(server.url, { redirect: 'manual' });
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const wsBase = base.replace('http', 'ws');
    const events = `${wsBase}/api/events`;
    expect(await opens(events, { origin: base })).toBe('refused');
    expect(await opens(events, { cookie, origin: 'http://evil.example.com' })).toBe('refused');
    expect(await opens(events, { cookie, origin: 'http://127.0.0.1:1' })).toBe('refused');
    expect(await opens(events, { cookie })).toBe('refused');
    expect(await opens(`${wsBase}/api/other`, { cookie, origin: base })).toBe('refused');

    const socket = new WebSocket(events, { headers: { cookie, origin: base } });
    await new Promise((resolve) => socket.once('open', resolve));
    const received = new Promise<{ name: string; payload: { ids: string[] } }>((resolve) =>
      socket.once('message', (data: Buffer) => resolve(JSON.parse(data.toString()) as never)),
    );
    const { lead } = await core.invoke('leads-create', { lead: { firstName: 'Live' } });
    expect(await received).toEqual({ name: 'leads-changed', payload: { ids: [lead.id] } });
    socket.close();
  });
});
