// A lead's STOP while every desktop of the team is shut, across real processes (issue: a STOP
// must stop everything at once): the sync server from its command line with a public URL and
// the team's Twilio auth token, one headless desktop, and the Twilio-compatible peer.
//   1. The desktop holds a text for a new lead that waits for Twilio (not connected yet).
//   2. The desktop is stopped; the lead texts STOP to the server's signed webhook.
//   3. The desktop starts and Twilio connects: the waiting text is never sent (the server
//      refuses its claim, or the replicated suppression skips it first); another lead's text
//      goes out through the same channel, so the silence is the STOP's doing.
import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionResponse } from '../../src-shared/sync';
import { startFakeTwilio, type FakeTwilio } from '../channels/fake-twilio-server';
import { startHeadless, type HeadlessProcess } from '../support/headless-process';
import { httpInvoker } from '../support/invoke-http';
import { freePort } from '../support/postgres';
import { initTeam, startSyncServerProcess, type SyncServerProcess } from '../support/sync-server-process';
import { zoneInWorkingHours } from '../support/working-hours';
import { tempDir } from '../sync/harness';

const WAIT = { timeout: 60_000, interval: 250 };
const PASSWORD = 'correct horse battery';
const TEAM_TWILIO_TOKEN = 'team-twilio-auth-token-0123456789';
const LEAD_PHONE = '+13125550142';
const OTHER_PHONE = '+13125550143';

const serverDir = tempDir('porchlight-stop-server-');
const shellDir = tempDir('porchlight-stop-shell-');
let server: SyncServerProcess;
let peer: FakeTwilio;
let shell: HeadlessProcess | undefined;

const openShell = () =>
  startHeadless(['--data', shellDir.path, '--port', '0', '--no-demo', '--twilio-api', peer.baseUrl]);

async function api(path: string, init: { method: string; token: string; body: unknown }): Promise<Response> {
  return fetch(`${server.url}${path}`, {
    method: init.method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${init.token}` },
    body: JSON.stringify(init.body),
  });
}

beforeAll(async () => {
  peer = await startFakeTwilio(() => Date.now());
  const code = await initTeam(serverDir.path, 'Lakeside Realty', 'jane@example.com');
  const port = await freePort();
  server = await startSyncServerProcess(serverDir.path, port, {
    SYNC_PUBLIC_URL: `http://127.0.0.1:${port}`,
  });
  shell = await openShell();
  const invoke = httpInvoker(shell.url);
  await invoke('sync-sign-in', {
    serverUrl: server.url,
    email: 'jane@example.com',
    code,
    password: PASSWORD,
  });
  await invoke('profile-set', {
    firstName: 'Jane',
    lastName: 'Reyes',
    phone: '(217) 555-0100',
    email: 'jane@example.org',
    brokerage: 'Lakeside Realty',
  });
  const login = await fetch(`${server.url}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'jane@example.com', password: PASSWORD }),
  });
  const jane = (await login.json()) as SessionResponse;
  const saved = await api('/admin/secrets/twilio-auth-token', {
    method: 'PUT',
    token: jane.accessToken,
    body: { value: TEAM_TWILIO_TOKEN },
  });
  expect(saved.status).toBe(204);
}, 120_000);

afterAll(async () => {
  await shell?.stop();
  await server?.stop();
  await peer?.close();
  shellDir.remove();
  serverDir.remove();
});

describe('a STOP that arrives while every desktop is shut', () => {
  it('keeps the desktop from sending the waiting text when it starts', { timeout: 180_000 }, async () => {
    let invoke = httpInvoker(shell?.url ?? '');
    await expect.poll(async () => (await invoke('sync-status', {})).state, WAIT).toBe('connected');
    const zone = zoneInWorkingHours();
    // Imported leads get no new-lead playbook: the one text is the sequence's, due at once.
    const sequence = await invoke('sequences-create', {
      sequence: {
        name: 'Text at once',
        trigger: { type: 'manual' },
        steps: [
          {
            id: 'text-1',
            channel: 'sms',
            delay: { amount: 0, unit: 'minutes' },
            condition: { type: 'always' },
            templateId: 'tpl-buyer-welcome-sms',
          },
        ],
      },
    });
    const { lead } = await invoke('leads-create', {
      lead: { firstName: 'Maria', lastName: 'Lopez', phone: LEAD_PHONE, timeZone: zone, source: 'import' },
    });
    await invoke('enrollments-enroll', { sequenceId: sequence.id, leadIds: [lead.id] });
    const waitingText = async () =>
      (await invoke('messages-for-lead', { leadId: lead.id })).find(
        (m) => m.direction === 'outbound' && (m.plannedChannel ?? m.channel) === 'sms',
      );
    await expect.poll(async () => (await waitingText())?.status, WAIT).toBe('waiting_for_channel');
    const textId = (await waitingText())?.id ?? '';
    // The waiting text has reached the server before the desktop closes.
    await expect.poll(async () => (await invoke('sync-status', {})).pendingPushes, WAIT).toBe(0);
    expect(await shell?.stop()).toBe(0);

    // 2: STOP, signed as Twilio signs it, to the server's always-on webhook.
    const path = `/webhooks/twilio/inbound?team=${encodeURIComponent(lead.teamId)}`;
    const params = { MessageSid: 'SMstop0001', From: LEAD_PHONE, To: '+14155550100', Body: 'STOP' };
    const stop = await fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': twilio.getExpectedTwilioSignature(
          TEAM_TWILIO_TOKEN,
          `${server.url}${path}`,
          params,
        ),
      },
      body: new URLSearchParams(params).toString(),
    });
    expect(stop.status).toBe(200);

    // 3: the desktop starts; Twilio connects, so waiting texts go now, unless refused.
    shell = await openShell();
    invoke = httpInvoker(shell.url);
    await invoke('channels-secrets-set', { name: 'twilio.accountSid', value: peer.accountSid });
    await invoke('channels-secrets-set', { name: 'twilio.authToken', value: peer.authToken });
    await invoke('channels-twilio-settings-set', { smsFrom: '+14155550100' });
    const other = await invoke('leads-create', {
      lead: { firstName: 'Omar', lastName: 'Haddad', phone: OTHER_PHONE, timeZone: zone, source: 'import' },
    });
    await invoke('enrollments-enroll', { sequenceId: sequence.id, leadIds: [other.lead.id] });
    await expect
      .poll(() => peer.messages.filter((m) => m.to === OTHER_PHONE).length, WAIT)
      .toBeGreaterThan(0);
    await expect
      .poll(async () => {
        const text = (await invoke('messages-for-lead', { leadId: lead.id })).find((m) => m.id === textId);
        return ['skipped', 'cancelled'].includes(text?.status ?? '');
      }, WAIT)
      .toBe(true);
    expect(peer.messages.filter((m) => m.to === LEAD_PHONE)).toEqual([]);
    const timeline = await invoke('messages-for-lead', { leadId: lead.id });
    expect(timeline.some((m) => m.direction === 'inbound' && m.body === 'STOP')).toBe(true);
    expect((await invoke('leads-get', { id: lead.id }))?.consent.sms).toBe('revoked');
    expect(other.lead.id).not.toBe(lead.id);
  });
});
