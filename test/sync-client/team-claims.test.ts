// The engine in team mode against the real claim routes (in-process app, the same clock): a
// team message goes out only under the server's claim and its outcome is reported; a STOP on
// the server, a send by another replica, a lease that ran out elsewhere, or a server out of
// reach all mean nothing is sent here (docs/engine.md, docs/sync.md CL-*).
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

let dir: ReturnType<typeof tempDir>;
let storage: ServerStorage;
let core: EngineTestCore;
let server: ReturnType<typeof testApp>;
let team: TeamSessions;
let session: SessionResponse;
let networkDown = false;

beforeEach(async () => {
  dir = tempDir();
  storage = await sqliteStorage(dir.path);
  core = await createEngineTestCore({ start: START });
  server = testApp(storage, { now: () => core.clock.now() });
  team = await createTeam(server);
  session = await team.agent('engine@example.com', 'admin');
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
      refresh: () => Promise.resolve(session.accessToken),
    },
  });
  await core.restart({ claims: new TeamClaimAuthority(core.ctx, { handlers, replicaId: 'engine-1' }) });
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

async function welcomeEmail(leadId: string): Promise<Message | undefined> {
  return (await core.invoke('messages-for-lead', { leadId })).find((m) => m.channel === 'email');
}

/** Another replica of the team takes the claim first (and, if given, completes it). */
async function otherReplicaClaims(messageId: string, providerId?: string): Promise<void> {
  const other = await team.agent('desk@example.com');
  const ask = { messageId, channel: 'email', to: 'x@example.com', replicaId: 'desk-9', leaseMs: 60_000 };
  await server.app.request('/claims', jsonInit(other, 'POST', { claims: [ask] }));
  if (providerId !== undefined)
    await server.app.request(
      '/claims/complete',
      jsonInit(other, 'POST', { reports: [{ messageId, fencing: 1, providerId }] }),
    );
}

describe('team mode', () => {
  it('TC1 sends a team message once under the server’s claim and reports the provider’s id', async () => {
    const leadId = await newLead(1);
    await core.runFor(60_000);
    const email = await welcomeEmail(leadId);
    expect(email?.status).toBe('sent');
    expect(email?.claimToken).toBe('team:engine-1:1');
    expect(core.channels.mailer.sent).toHaveLength(1);
    await expect
      .poll(async () => storage.claims.readClaim(team.teamId, email?.id ?? ''))
      .toMatchObject({ state: 'completed', providerId: email?.providerId, replicaId: 'engine-1' });
  });

  it('TC2 a STOP the server holds stops the send before this replica has heard of it', async () => {
    await storage.suppressions.suppress({
      teamId: team.teamId,
      address: 'lee2@example.com',
      channel: 'all',
      reason: 'stop',
      source: 'twilio-inbound',
      detail: null,
      at: START,
    });
    const leadId = await newLead(2);
    await core.runFor(60_000);
    const email = await welcomeEmail(leadId);
    expect(email?.status).toBe('cancelled');
    expect(email?.statusReason).toMatch(/opted out/);
    expect(core.channels.mailer.sent).toHaveLength(0);
  });

  it('TC3 with the server out of reach nothing is sent; once it answers, the message goes once', async () => {
    networkDown = true;
    const leadId = await newLead(3);
    await core.runFor(60_000);
    expect((await welcomeEmail(leadId))?.status).toBe('scheduled');
    expect(core.channels.mailer.sent).toHaveLength(0);
    networkDown = false;
    await core.runFor(30_000);
    expect((await welcomeEmail(leadId))?.status).toBe('sent');
    expect(core.channels.mailer.sent).toHaveLength(1);
  });

  it('TC4 a message another replica already sent is recorded as sent there, never sent here', async () => {
    networkDown = true;
    const leadId = await newLead(4);
    await core.runFor(1000);
    const id = (await welcomeEmail(leadId))?.id ?? '';
    await otherReplicaClaims(id, 'SM-other');
    networkDown = false;
    await core.runFor(30_000);
    const email = await welcomeEmail(leadId);
    expect(email).toMatchObject({ status: 'sent', providerId: 'SM-other' });
    expect(email?.statusHistory.at(-1)?.detail).toMatch(/another replica/);
    expect(core.channels.mailer.sent).toHaveLength(0);
  });

  it('TC5 a lease that ran out on another replica makes the message uncertain here, with a task', async () => {
    networkDown = true;
    const leadId = await newLead(5);
    await core.runFor(1000);
    const id = (await welcomeEmail(leadId))?.id ?? '';
    await otherReplicaClaims(id);
    networkDown = false;
    // Held elsewhere: left alone while the lease lasts, then the server says uncertain.
    await core.runFor(30_000);
    expect((await welcomeEmail(leadId))?.status).toBe('scheduled');
    await core.runFor(60_000);
    expect((await welcomeEmail(leadId))?.status).toBe('uncertain');
    expect(core.channels.mailer.sent).toHaveLength(0);
    const attention = await core.invoke('messages-attention', {});
    expect(attention.uncertain.map((m) => m.id)).toEqual([id]);
  });
});
