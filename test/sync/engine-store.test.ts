// The team engine's storage contract (ES1, ES2, ...; src-sync/storage/engine-store.ts), run on
// SQLite always and on PostgreSQL when it is installed.
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClaimRecord, ServerSuppression } from '../../src-sync/storage/engine-store';
import type { ServerStorage } from '../../src-sync/storage/server-storage';
import { serverBackends, stopSharedPostgres } from './backends';

const stop = (address: string, channel: ServerSuppression['channel'], at = 1): ServerSuppression => ({
  teamId: 't1',
  address,
  channel,
  reason: 'stop',
  source: 'twilio-inbound',
  detail: null,
  at,
});

const held = (messageId: string, fencing: number, leaseUntil: number): ClaimRecord => ({
  teamId: 't1',
  messageId,
  state: 'held',
  fencing,
  holderId: 'a1',
  replicaId: 'r1',
  leaseUntil,
  channel: 'sms',
  recipient: '+15551230001',
  providerId: null,
  detail: null,
  updatedAt: 1,
});

afterAll(() => stopSharedPostgres());

for (const backend of serverBackends()) {
  describe.skipIf(!backend.available)(`team engine storage: ${backend.name}`, () => {
    let storage: ServerStorage;
    let dispose: () => Promise<void>;
    beforeEach(async () => {
      ({ storage, dispose } = await backend.create());
    });
    afterEach(async () => dispose());

    it('ES1 suppressing twice keeps the first record; addresses are matched in one spelling', async () => {
      await storage.suppressions.suppress(stop('Lead@Example.com ', 'email', 5));
      await storage.suppressions.suppress({ ...stop('lead@example.com', 'email', 9), reason: 'bounce' });
      const found = await storage.suppressions.findSuppression('t1', 'LEAD@example.com', 'email');
      expect(found).toMatchObject({ address: 'lead@example.com', reason: 'stop', at: 5 });
      expect(await storage.suppressions.listSuppressions('t1', 10)).toHaveLength(1);
    });

    it('ES2 a suppression refuses its own channel and, on all, every channel; never another team', async () => {
      await storage.suppressions.suppress(stop('+15551230001', 'sms'));
      await storage.suppressions.suppress(stop('+15551230002', 'all'));
      const s = storage.suppressions;
      expect(await s.isSuppressed('t1', 'whatsapp:+15551230001', 'sms')).toBe(true);
      expect(await s.isSuppressed('t1', '+15551230001', 'whatsapp')).toBe(false);
      expect(await s.isSuppressed('t1', '+15551230001')).toBe(true);
      expect(await s.isSuppressed('t1', '+15551230002', 'whatsapp')).toBe(true);
      expect(await s.isSuppressed('t2', '+15551230002', 'sms')).toBe(false);
      expect(await s.isSuppressed('t1', '+15551230003')).toBe(false);
    });

    it('ES3 START lifts the channel and the all-channel suppression, and says how many', async () => {
      await storage.suppressions.suppress(stop('+15551230001', 'sms'));
      await storage.suppressions.suppress(stop('+15551230001', 'all'));
      await storage.suppressions.suppress(stop('+15551230001', 'email'));
      expect(await storage.suppressions.lift('t1', '+15551230001', 'sms')).toBe(2);
      expect(await storage.suppressions.isSuppressed('t1', '+15551230001', 'sms')).toBe(false);
      expect(await storage.suppressions.isSuppressed('t1', '+15551230001', 'email')).toBe(true);
    });

    it('ES4 concurrent read-decide-writes of one claim take turns: exactly one grant', async () => {
      const attempts = Array.from({ length: 12 }, (_, i) =>
        storage.claims.updateClaim('t1', 'msg-1', (current) =>
          current === null
            ? { next: { ...held('msg-1', 1, 100), replicaId: `r${i}` }, result: true }
            : { next: null, result: false },
        ),
      );
      const granted = (await Promise.all(attempts)).filter(Boolean);
      expect(granted).toHaveLength(1);
      expect(await storage.claims.readClaim('t1', 'msg-1')).toMatchObject({ state: 'held', fencing: 1 });
      expect(await storage.claims.readClaim('t2', 'msg-1')).toBeNull();
    });

    it('ES5 held leases that ran out turn uncertain; live ones and finished claims stay', async () => {
      const put = (record: ClaimRecord) =>
        storage.claims.updateClaim('t1', record.messageId, () => ({ next: record, result: undefined }));
      await put(held('old', 1, 50));
      await put(held('live', 1, 500));
      await put({ ...held('done', 2, 10), state: 'completed', providerId: 'SM1' });
      const expired = await storage.claims.expireLeases(100);
      expect(expired.map((c) => [c.messageId, c.state])).toEqual([['old', 'uncertain']]);
      expect((await storage.claims.readClaim('t1', 'live'))?.state).toBe('held');
      expect((await storage.claims.readClaim('t1', 'done'))?.state).toBe('completed');
      expect((await storage.claims.listClaims('t1', 'uncertain', 10)).map((c) => c.messageId)).toEqual([
        'old',
      ]);
    });
  });
}
