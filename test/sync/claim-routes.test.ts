// The claim routes in-process (app.request), on SQLite and PostgreSQL: exactly one grant per
// message, refusals (suppressed, held, completed, uncertain, stale token), wrong team, expired
// token, oversized and fuzzed bodies (4xx, nothing changed). Step ids are docs/sync.md's CL-*.
import fc from 'fast-check';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClaimAnswer, SessionResponse, SettleResult } from '../../src-shared/sync';
import type { ServerStorage } from '../../src-sync/storage/server-storage';
import { serverBackends, stopSharedPostgres } from './backends';
import { bearer, createTeam, jsonInit, TestClock, testApp, type TeamSessions } from './harness';

afterAll(() => stopSharedPostgres());

const ask = (messageId: string, extra: Record<string, unknown> = {}) => ({
  messageId,
  channel: 'sms',
  to: '+15551230001',
  replicaId: 'desk-1',
  leaseMs: 60_000,
  ...extra,
});

for (const backend of serverBackends()) {
  describe.skipIf(!backend.available)(`claim routes: ${backend.name}`, () => {
    let storage: ServerStorage;
    let dispose: () => Promise<void>;
    let clock: TestClock;
    let test: ReturnType<typeof testApp>;
    let team: TeamSessions;
    let alice: SessionResponse;
    let bob: SessionResponse;

    beforeEach(async () => {
      ({ storage, dispose } = await backend.create());
      clock = new TestClock();
      test = testApp(storage, clock);
      team = await createTeam(test);
      alice = await team.agent('alice@example.com');
      bob = await team.agent('bob@example.com');
    });
    afterEach(async () => dispose());

    async function claim(session: SessionResponse, claims: unknown[]): Promise<ClaimAnswer[]> {
      const response = await test.app.request('/claims', jsonInit(session, 'POST', { claims }));
      expect(response.status).toBe(200);
      return ((await response.json()) as { answers: ClaimAnswer[] }).answers;
    }
    async function settle(
      session: SessionResponse,
      path: string,
      reports: unknown[],
    ): Promise<SettleResult[]> {
      const response = await test.app.request(`/claims/${path}`, jsonInit(session, 'POST', { reports }));
      expect(response.status).toBe(200);
      return ((await response.json()) as { results: SettleResult[] }).results;
    }

    it('CL3 one grant per message among concurrent replicas; the rest are told it is held', async () => {
      const answers = (
        await Promise.all(
          ['a', 'b', 'c', 'd', 'e', 'f'].map((replica, i) =>
            claim(i % 2 === 0 ? alice : bob, [ask('msg-1', { replicaId: replica })]),
          ),
        )
      ).flat();
      expect(answers.filter((a) => a.granted)).toHaveLength(1);
      const refused = answers.filter((a) => !a.granted);
      expect(refused.map((a) => (a.granted ? '' : a.reason))).toEqual(Array(5).fill('held'));
    });

    it('CL5 complete with the provider id; a later claim is refused as completed, with that id', async () => {
      const [granted] = await claim(alice, [ask('msg-1')]);
      if (granted?.granted !== true) throw new Error('expected a grant');
      const [done] = await settle(alice, 'complete', [
        { messageId: 'msg-1', fencing: granted.fencing, providerId: 'SM1' },
      ]);
      expect(done).toEqual({ ok: true, messageId: 'msg-1', state: 'completed' });
      // Repeating the same report is harmless (a lost answer retried).
      const [again] = await settle(alice, 'complete', [
        { messageId: 'msg-1', fencing: granted.fencing, providerId: 'SM1' },
      ]);
      expect(again?.ok).toBe(true);
      const [later] = await claim(bob, [ask('msg-1', { replicaId: 'desk-2' })]);
      expect(later).toMatchObject({ granted: false, reason: 'completed', providerId: 'SM1' });
    });

    it('CL2 a suppressed recipient is refused on its channel and on all; other channels still go', async () => {
      await storage.suppressions.suppress({
        teamId: team.teamId,
        address: '+15551230001',
        channel: 'sms',
        reason: 'stop',
        source: 'twilio-inbound',
        detail: null,
        at: clock.now(),
      });
      const [sms, mail] = await claim(alice, [
        ask('msg-1'),
        ask('msg-2', { channel: 'email', to: 'lead@example.com' }),
      ]);
      expect(sms).toMatchObject({ granted: false, reason: 'suppressed' });
      expect(mail?.granted).toBe(true);
      expect(await storage.claims.readClaim(team.teamId, 'msg-1')).toBeNull();
    });

    it('CL2 a do-not-contact suppression a desktop replicated refuses the claim too', async () => {
      const response = await test.app.request(
        '/sync/suppressions/push',
        jsonInit(alice, 'POST', {
          rows: [
            {
              newDocumentState: {
                id: 'sup-1',
                teamId: team.teamId,
                ownerId: alice.agent.id,
                updatedAt: clock.now(),
                channel: 'all',
                address: 'lead@example.com',
                reason: 'manual',
                createdAt: clock.now(),
                _deleted: false,
              },
            },
          ],
        }),
      );
      expect(response.status).toBe(200);
      const [answer] = await claim(bob, [ask('msg-9', { channel: 'email', to: 'Lead@Example.com' })]);
      expect(answer).toMatchObject({ granted: false, reason: 'suppressed' });
    });

    it('CL4 a lease that ran out while its holder may have sent turns uncertain, never re-granted', async () => {
      await claim(alice, [ask('msg-1')]);
      clock.advance(61_000);
      const [answer] = await claim(bob, [ask('msg-1', { replicaId: 'desk-2' })]);
      expect(answer).toMatchObject({ granted: false, reason: 'uncertain' });
      const list = await test.app.request('/claims?state=uncertain', { headers: bearer(alice) });
      expect(
        ((await list.json()) as { claims: { messageId: string }[] }).claims.map((c) => c.messageId),
      ).toEqual(['msg-1']);
    });

    it('CL5 a stale fencing token is refused: the newer holder’s claim is untouched', async () => {
      const [first] = await claim(alice, [ask('msg-1')]);
      if (first?.granted !== true) throw new Error('expected a grant');
      await settle(alice, 'release', [{ messageId: 'msg-1', fencing: first.fencing, outcome: 'not_sent' }]);
      const [second] = await claim(bob, [ask('msg-1', { replicaId: 'desk-2' })]);
      expect(second).toMatchObject({ granted: true, fencing: first.fencing + 1 });
      const [stale] = await settle(alice, 'complete', [
        { messageId: 'msg-1', fencing: first.fencing, providerId: 'SMx' },
      ]);
      expect(stale).toMatchObject({ ok: false, code: 'stale_fencing' });
      expect(await storage.claims.readClaim(team.teamId, 'msg-1')).toMatchObject({
        state: 'held',
        holderId: bob.agent.id,
      });
    });

    it('CL6 released is claimable again; failed and uncertain releases are final', async () => {
      const answers = await claim(alice, [ask('m-a'), ask('m-b'), ask('m-c')]);
      const fencing = (i: number) => {
        const a = answers[i];
        if (a?.granted !== true) throw new Error('expected grants');
        return a.fencing;
      };
      await settle(alice, 'release', [
        { messageId: 'm-a', fencing: fencing(0), outcome: 'not_sent' },
        { messageId: 'm-b', fencing: fencing(1), outcome: 'failed', detail: 'invalid number' },
        { messageId: 'm-c', fencing: fencing(2), outcome: 'uncertain', detail: 'timed out' },
      ]);
      const again = await claim(bob, [
        ask('m-a', { replicaId: 'd2' }),
        ask('m-b', { replicaId: 'd2' }),
        ask('m-c', { replicaId: 'd2' }),
      ]);
      expect(again.map((a) => (a.granted ? 'granted' : a.reason))).toEqual([
        'granted',
        'failed',
        'uncertain',
      ]);
    });

    it('a claim belongs to its team: another team’s agent neither blocks nor sees it', async () => {
      const other = await createTeam(test, 'Hilltop Homes');
      await claim(alice, [ask('msg-1')]);
      const [theirs] = await claim(other.admin, [ask('msg-1')]);
      expect(theirs?.granted).toBe(true);
      const list = await test.app.request('/claims?state=held', { headers: bearer(other.admin) });
      expect(((await list.json()) as { claims: unknown[] }).claims).toHaveLength(1);
      const [report] = await settle(other.admin, 'complete', [
        { messageId: 'msg-1', fencing: 1, providerId: 'SM2' },
      ]);
      expect(report?.ok).toBe(true);
      expect((await storage.claims.readClaim(team.teamId, 'msg-1'))?.state).toBe('held');
    });

    it('no token, an expired token, an oversized body: refused, nothing stored', async () => {
      const noToken = await test.app.request('/claims', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ claims: [ask('msg-1')] }),
      });
      expect(noToken.status).toBe(401);
      clock.advance(24 * 3_600_000);
      const expired = await test.app.request('/claims', jsonInit(alice, 'POST', { claims: [ask('msg-1')] }));
      expect(expired.status).toBe(401);
      const fresh = await team.agent('carol@example.com');
      const huge = await test.app.request(
        '/claims',
        jsonInit(fresh, 'POST', { claims: [ask('msg-1', { to: 'x'.repeat(300_000) })] }),
      );
      expect(huge.status).toBe(413);
      expect(await storage.claims.readClaim(team.teamId, 'msg-1')).toBeNull();
    });

    it('fuzzed bodies are answered 4xx and change nothing', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.anything(),
          fc.constantFrom('/claims', '/claims/complete', '/claims/release'),
          async (body, path) => {
            const response = await test.app.request(path, jsonInit(alice, 'POST', body));
            expect(response.status).toBeGreaterThanOrEqual(400);
            expect(response.status).toBeLessThan(500);
          },
        ),
        { numRuns: 60 },
      );
      const bad = await test.app.request(
        '/claims',
        jsonInit(alice, 'POST', { claims: [ask('m', { leaseMs: -1 })] }),
      );
      expect(bad.status).toBe(400);
      expect(await storage.claims.listClaims(team.teamId, 'held', 10)).toEqual([]);
    });
  });
}
