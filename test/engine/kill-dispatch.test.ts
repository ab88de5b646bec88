// Proof of exactly-once across a crash: the engine runs in a child process against a logging
// fake provider; it is killed with SIGKILL mid-dispatch and restarted on the same folder.
// Nothing is sent twice, nothing is lost, and the sends that may have left are shown as
// uncertain (a provider that cannot be asked) or reconciled (a provider that can). The child's
// fake mailer answers lookups to exercise reconciliation; real SMTP has no lookup (decision
// 0332), so with SMTP an email in flight is shown as uncertain like a text.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runChild, summaryOf, type ChildRun } from '../support/kill-child';
import { logLines } from './logging-provider';

const CHILD = join(import.meta.dirname, 'dispatch-child.ts');
const LEADS = 300;
const dir = mkdtempSync(join(tmpdir(), 'porchlight-kill-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const providerLog = (): string[] => logLines(join(dir, 'provider.log'));

interface Summary {
  recovery: { released: number; uncertain: number; reconciled: number };
  byStatus: Record<string, string[]>;
  uncertainShown: string[];
  reviewTasks: number;
}

function run(mode: string, killAfterSends?: number): Promise<ChildRun> {
  return runChild(
    CHILD,
    [dir, mode, String(LEADS)],
    killAfterSends === undefined ? undefined : () => providerLog().length >= killAfterSends,
  );
}

describe('kill -9 mid-dispatch', () => {
  it('KILL1: after a restart nothing is sent twice, nothing is lost, the uncertain ones are shown', async () => {
    const first = await run('seed', 60);
    expect(first.signal, first.out).toBe('SIGKILL');
    const sentBeforeKill = providerLog().length;
    expect(sentBeforeKill).toBeGreaterThanOrEqual(60);
    expect(sentBeforeKill).toBeLessThan(2 * LEADS);

    const second = await run('resume');
    expect(second.code, second.out).toBe(0);
    const summary = summaryOf<Summary>(second.out);
    const log = providerLog();

    // Nothing sent twice: every message reached the provider at most once.
    expect(new Set(log).size).toBe(log.length);
    // Nothing lost: every message is sent or shown to the agent as uncertain; none left pending.
    const sent = summary.byStatus.sent ?? [];
    const uncertain = summary.byStatus.uncertain ?? [];
    console.log(
      `kill -9 after ${sentBeforeKill} provider receipts; after restart: ${sent.length} sent, ${uncertain.length} uncertain, recovery ${JSON.stringify(summary.recovery)}`,
    );
    expect(Object.keys(summary.byStatus).sort()).toEqual(
      uncertain.length > 0 ? ['sent', 'uncertain'] : ['sent'],
    );
    expect(sent.length + uncertain.length).toBe(2 * LEADS);
    for (const id of sent) expect(log).toContain(id);
    // Texts in flight at the kill could not be checked with the provider: shown, with a task each.
    expect(uncertain.length).toBeGreaterThan(0);
    expect(uncertain.every((id) => id.startsWith('msg-sms-'))).toBe(true);
    expect(summary.uncertainShown.sort()).toEqual([...uncertain].sort());
    expect(summary.reviewTasks).toBe(uncertain.length);
    // Emails in flight were reconciled with the fake mailer's lookup instead (SMTP has none).
    expect(summary.recovery.reconciled).toBeGreaterThan(0);
  }, 120_000);
});
