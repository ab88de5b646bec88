// Proof of exactly-once on the burst path (KILL2): 400 new web leads arrive through `leads-create`
// at once, the engine group-commits their writes and sends their welcome emails side by side,
// and the process is killed with SIGKILL mid-burst, then restarted on the same folder. Every
// lead the store holds is enrolled once and its welcome reached the provider once (or is shown
// as uncertain); nothing is sent twice, and every create that had returned is in the store.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runChild, summaryOf } from '../support/kill-child';
import { logLines } from './logging-provider';

const CHILD = join(import.meta.dirname, 'burst-child.ts');
const LEADS = 400;
const KILL_AFTER = 120;
const dir = mkdtempSync(join(tmpdir(), 'porchlight-kill-burst-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const lines = (name: string): string[] => logLines(join(dir, name));

interface Summary {
  recovery: { released: number; uncertain: number; reconciled: number };
  catchUp: { enrolled: number; resumed: number; advanced: number };
  leads: string[];
  enrollments: Record<string, number>;
  welcomes: Record<string, { id: string; status: string }[]>;
  waitingOnSettled: number;
}

describe('kill -9 mid-burst', () => {
  it('KILL2: every stored lead is enrolled once and welcomed once; none twice, none lost', async () => {
    const first = await runChild(
      CHILD,
      [dir, 'burst', String(LEADS)],
      () => lines('provider.log').length >= KILL_AFTER,
    );
    expect(first.signal, first.out).toBe('SIGKILL');
    const receivedBeforeKill = lines('provider.log').length;
    const createdBeforeKill = lines('created.log');

    const second = await runChild(CHILD, [dir, 'resume']);
    expect(second.code, second.out).toBe(0);
    const summary = summaryOf<Summary>(second.out);
    const log = lines('provider.log');
    const welcomes = Object.values(summary.welcomes).flat();
    const statuses = new Map<string, number>();
    for (const w of welcomes) statuses.set(w.status, (statuses.get(w.status) ?? 0) + 1);
    console.log(
      `kill -9 after ${receivedBeforeKill} provider receipts and ${createdBeforeKill.length} of ${LEADS} creates answered; ` +
        `after restart: ${summary.leads.length} leads stored, welcomes ${JSON.stringify(Object.fromEntries(statuses))}, ` +
        `recovery ${JSON.stringify(summary.recovery)}, catch-up ${JSON.stringify(summary.catchUp)}`,
    );

    // Nothing sent twice.
    expect(new Set(log).size).toBe(log.length);
    // Every create that answered is kept (durable before its answer).
    for (const id of createdBeforeKill) expect(summary.leads).toContain(id);
    // Every stored lead: one enrollment, one welcome, which reached the provider or is shown.
    for (const id of summary.leads) {
      expect(summary.enrollments[id], `enrollments of ${id}`).toBe(1);
      const own = summary.welcomes[id] ?? [];
      expect(own, `welcome of ${id}`).toHaveLength(1);
      expect(['sent', 'uncertain']).toContain(own[0]?.status);
      if (own[0]?.status === 'sent') expect(log).toContain(own[0].id);
    }
    // No sequence is left waiting on a step that was settled before the kill (catch-up C3).
    expect(summary.waitingOnSettled).toBe(0);
  }, 180_000);
});
