import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { requestLog } from '.';

describe('request-log middleware', () => {
  it('logs method, the answering route’s pattern, status and duration, never the query or the body', async () => {
    const lines: string[] = [];
    const log = (event: string, fields?: object) => lines.push(JSON.stringify({ event, ...fields }));
    const app = new Hono();
    app.use('*', requestLog({ info: log, warn: log, error: log }, { now: () => 5 }));
    app.post('/sync/:collection/push', (c) => c.json({ ok: true }));
    await app.request('/sync/leads/push?email=jane@example.com', {
      method: 'POST',
      body: '{"phone":"+13125550142"}',
    });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({
      event: 'request',
      method: 'POST',
      route: '/sync/:collection/push',
      collection: 'leads',
      status: 200,
      ms: 0,
    });
    expect(lines[0]).not.toContain('jane');
    expect(lines[0]).not.toContain('3125550142');
  });

  it('names the route of a mounted group, and an unknown path by no handler pattern', async () => {
    const lines: { route?: string }[] = [];
    const log = (_event: string, fields?: object) => lines.push({ ...fields });
    const admin = new Hono();
    admin.patch('/agents/:id', (c) => c.json({ ok: true }));
    const app = new Hono();
    app.use('*', requestLog({ info: log, warn: log, error: log }, { now: () => 5 }));
    app.route('/admin', admin);
    await app.request('/admin/agents/acct-7', { method: 'PATCH' });
    await app.request('/nowhere');
    expect(lines.map((line) => line.route)).toEqual(['/admin/agents/:id', '/*']);
  });
});
