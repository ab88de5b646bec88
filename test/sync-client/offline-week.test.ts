// A laptop offline for a week in team mode (docs/engine.md "What an agent sees when their laptop
// is offline", docs/sync.md CL-*): the engine against the real claim routes in-process, both on
// the same injected clock. While it is out of reach nothing is sent and nothing fails; when it
// comes back a week later it sends no stale team message: what another replica sent meanwhile
// is recorded as sent there (its claim stays that replica's), a first touch a week late is
// skipped with the reason, a STOP the server took meanwhile cancels, and whatever still goes out
// goes once. The lead edits of such a week converge as SY-M3 says: test/sync-client/
// desktop-sync.test.ts ("catches up after a week offline") and test/system/team-sync.test.ts.
import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TeamClaimAuthority } from '../../src-main/core/engine/team-claims';
import type { EngineTestCore } from '../../src-main/core/testing/engine-harness';
import { createEngineTestCore } from '../../src-main/core/testing/engine-harness';
import type { Message } from '../../src-shared/domain';
import { createSyncClaimClient, type FetchLike, type SessionResponse } from '../../src-shared/sync';
import type { ServerStorage } from '../../src-sync/storage/server-storage';
import { createTeam, jsonInit, sqliteStorage, tempDir, testApp, type TeamSessions } from '../sync/harness';

const ZONE = 'America/Chicago';
const START = DateTime.fromISO('2026-06-01T10:00', { zone: ZONE }).toMillis();
const WEEK = 7 * 24 * 3600 * 1000;

let dir: ReturnType<typeof tempDir>;
let storage: ServerStorage;
let core: EngineTestCore;
let server: ReturnType<typeof testApp>;
let team: TeamSessions;
let claims: TeamClaimAuthority;
let networkDown = false;

beforeEach(async () => {
  dir = tempDir();
  storage = await sqliteStorage(dir.path);
  core = await createEngineTestCore({ start: START });
  server = testApp(storage, { now: () => core.clock.now() });
  team = await createTeam(server);
  let session = await team.agent('laptop@example.com', 'admin');
  networkDown = false;
  const fetch: FetchLike = async (url, init) => {
    if (networkDown) throw new TypeError('fetch failed');
    return server.app.request(url, init);
  };
  const handlers = createSyncClaimClient({
    baseUrl: 'http://sync.test',
    fetch,
    auth: {
      accessToken: () => Promise.resolve(session.accessToken),
      // A week outlives the 10-minute access token: the laptop refreshes, as the desktop does.
      refresh: async () => {
        const response = await fetch('http://sync.test/auth/refresh', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ refreshToken: session.refreshToken }),
        });
        session = (await response.json()) as SessionResponse;
        return session.accessToken;
      },
    },
  });
  claims = new TeamClaimAuthority(core.ctx, { handlers, replicaId: 'laptop-1' });
  await core.restart({ claims });
});
afterEach(async () => {
  await core.close();
  await storage.close();
  dir.remove();
});

async function newLead(n: number): Promise<string> {
  const { lead } = await core.invoke('leads-create', {
    lead: {
      firstName: `Lee${n}`,
      lastName: 'Park',
      email: `lee${n}@example.com`,
      phone: `+1 512 555 01${String(n).padStart(2, '0')}`,
      timeZone: ZONE,
      intent: 'sell',
      source: 'zillow',
    },
  });
  return lead.id;
}

const messagesOf = (leadId: string): Promise<Message[]> => core.invoke('messages-for-lead', { leadId });

/** The always-on engine (another replica) claims and sends a message while the laptop is away. */
async function alwaysOnEngineSends(messageId: string, to: string, providerId: string): Promise<void> {
  const engine = await team.agent('engine@example.com');
  const ask = { messageId, channel: 'email', to, replicaId: 'engine-9', leaseMs: 60_000 };
  await server.app.request('/claims', jsonInit(engine, 'POST', { claims: [ask] }));
  await server.app.request(
    '/claims/complete',
    jsonInit(engine, 'POST', { reports: [{ messageId, fencing: 1, providerId }] }),
  );
}

describe('a laptop back after a week offline', () => {
  it('sends no stale team message, and what it still sends goes once', async () => {
    networkDown = true;
    const rosa = await newLead(1);
    const lena = await newLead(3);
    await core.runFor(5 * 60_000);
    // Out of reach: nothing sent, nothing failed; the follow-ups wait as Scheduled.
    const waiting = [...(await messagesOf(rosa)), ...(await messagesOf(lena))].filter(
      (m) => m.direction === 'outbound' && m.channel !== 'note',
    );
    expect(waiting.length).toBeGreaterThan(0);
    expect(waiting.every((m) => m.status === 'scheduled')).toBe(true);

    // The week away (the lid shut): the team's always-on engine sent Rosa's welcome email.
    await core.engine.stop();
    const rosaEmail = (await messagesOf(rosa)).find((m) => m.channel === 'email' && m.stepIndex === 0);
    if (rosaEmail === undefined) throw new Error('Rosa has no welcome email');
    await alwaysOnEngineSends(rosaEmail.id, 'lee1@example.com', 'SG-always-on');
    await core.clock.advanceTo(START + WEEK);

    // Opened again, still offline: Omar's inquiry arrives, and he texts STOP, which only the
    // server hears (its webhook) before the laptop is back online.
    await core.restart({ claims });
    const omar = await newLead(2);
    await core.runFor(60_000);
    // A STOP suppresses the lead's phone and email on every channel (docs/engine.md reactions).
    for (const address of ['+15125550102', 'lee2@example.com'])
      await storage.suppressions.suppress({
        teamId: team.teamId,
        address,
        channel: 'all',
        reason: 'stop',
        source: 'twilio-inbound',
        detail: null,
        at: core.clock.now(),
      });
    expect(core.channels.mailer.sent).toHaveLength(0);
    expect(core.channels.sms.sent).toHaveLength(0);

    networkDown = false;
    await core.runFor(10 * 60_000);

    const rosaNow = await messagesOf(rosa);
    expect(rosaNow.find((m) => m.id === rosaEmail.id)).toMatchObject({
      status: 'sent',
      providerId: 'SG-always-on',
    });
    expect(rosaNow.find((m) => m.id === rosaEmail.id)?.statusHistory.at(-1)?.detail).toMatch(
      /another replica/,
    );
    // Lena's welcome email is a first touch a week late that nobody sent: skipped with the
    // reason, never sent now.
    const lenaNow = await messagesOf(lena);
    const lenaEmail = lenaNow.find((m) => m.channel === 'email' && m.stepIndex === 0);
    expect(lenaEmail?.status).toBe('skipped');
    expect(lenaEmail?.statusReason).toMatch(/h late for a first touch/);
    // Omar's STOP reached the server while the laptop was away: nothing of his goes out.
    const omarNow = (await messagesOf(omar)).filter((m) => m.direction === 'outbound');
    expect(omarNow.find((m) => m.stepIndex === 0)).toMatchObject({ status: 'cancelled' });
    expect(omarNow.find((m) => m.stepIndex === 0)?.statusReason).toMatch(/opted out/);
    expect(omarNow.some((m) => m.status === 'sent')).toBe(false);
    const sentTo = [...core.channels.mailer.sent, ...core.channels.sms.sent].map((s) => s.to);
    expect(sentTo).not.toContain('lee2@example.com');
    expect(sentTo).not.toContain('+15125550102');
    // What this laptop still sent (steps that are not stale) went once each, none a first touch.
    const all = [...rosaNow, ...omarNow, ...lenaNow];
    const sentHere = all.filter((m) => m.status === 'sent' && m.id !== rosaEmail.id);
    expect(sentTo).toHaveLength(sentHere.length);
    expect(sentHere.every((m) => (m.stepIndex ?? 0) > 0)).toBe(true);
    expect(await storage.claims.readClaim(team.teamId, rosaEmail.id)).toMatchObject({
      state: 'completed',
      replicaId: 'engine-9',
    });
  });
});
