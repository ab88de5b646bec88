// Lead arrival -> first message handed to the channel (the engine bench's second half):
// - one lead alone: 100 leads created one after another through `leads-create`, each waited for
//   until its first message reached the channel before the next is created (p50, p99);
// - a burst: 1,000 leads created at once through `leads-create`, as a portal import or a
//   campaign delivers them (p50, p99), with the event-loop delay of this process (the one running
//   core) sampled by monitorEventLoopDelay over the burst, from the first create to the last
//   lead handed over; and the same burst written straight into the store (no handler work).
// The channel is the fake SMS/email pair; rate limits and quiet hours are opened.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Lead } from '../../src-shared/domain';
import { createCoreApp } from '../../src-main/core/app';
import { startEngine } from '../../src-main/core/engine';
import { systemClock } from '../../src-main/core/ports/clock';
import { fakeChannels } from '../../src-main/core/testing/fake-channels';
import { lead, openCore, writeBenchSettings } from './engine-bench-fixtures';
import { percentile } from './stats';

export const BURST = Number(process.env['PORCHLIGHT_BENCH_BURST'] ?? 1_000);
export const SOLO = 100;
const sleep = (millis: number) => new Promise((resolve) => setTimeout(resolve, millis));

export interface ArrivalResult {
  p50: number;
  p99: number;
  handed: number;
  /** From the lead's insert in the store (the handler's own work excluded): the engine's share. */
  engineP50: number;
  engineP99: number;
  createP50: number;
  loopP50: number;
  loopP99: number;
  loopMax: number;
  /** How many delays monitorEventLoopDelay sampled: with few, its p99 is the longest one or two. */
  loopSamples: number;
}

const newLead = (i: number) => ({
  lead: {
    firstName: `New${i}`,
    lastName: 'Lead',
    email: `new${i}@example.com`,
    timeZone: 'UTC',
    intent: 'buy' as const,
    source: 'website' as const,
  },
});

/** `through`: the leads-create handler (as a webhook would), or straight into the store. */
export async function arrival(through: 'handler' | 'store' | 'solo'): Promise<ArrivalResult> {
  const dir = mkdtempSync(join(tmpdir(), 'porchlight-engine-burst-'));
  try {
    const ctx = await openCore(dir);
    await writeBenchSettings(ctx);
    const arrivedAt = new Map<string, number>();
    const firstHanded = new Map<string, number>();
    const channels = fakeChannels(systemClock, (send) => {
      if (!firstHanded.has(send.leadId)) firstHanded.set(send.leadId, performance.now());
    });
    const engine = await startEngine(ctx, { sms: channels.sms, mailer: channels.mailer });
    const insertedAt = new Map<string, number>();
    const inserts = ctx.db.leads.$.subscribe((event) => {
      if (event.operation === 'INSERT') insertedAt.set(event.documentId, performance.now());
    });
    const createMs: number[] = [];
    const app = createCoreApp(ctx);
    const loop = monitorEventLoopDelay({ resolution: 10 });
    const expected = through === 'solo' ? SOLO : BURST;
    loop.enable();
    if (through === 'store') {
      const now = Date.now();
      await Promise.all(
        Array.from({ length: BURST }, async (_, i) => {
          const started = performance.now();
          const fresh: Lead = {
            ...lead(i, now),
            id: `new-${i}`,
            source: 'website',
            stage: 'new',
            createdAt: now,
            lastContactAt: 0,
          };
          await ctx.db.leads.insert(fresh);
          arrivedAt.set(fresh.id, started);
          createMs.push(performance.now() - started);
        }),
      );
    } else if (through === 'handler') {
      await Promise.all(
        Array.from({ length: BURST }, async (_, i) => {
          const started = performance.now();
          const result = (await app.invoke('leads-create', newLead(i))) as { lead: Lead };
          arrivedAt.set(result.lead.id, started);
          createMs.push(performance.now() - started);
        }),
      );
    } else {
      for (let i = 0; i < SOLO; i++) {
        const started = performance.now();
        const result = (await app.invoke('leads-create', newLead(i))) as { lead: Lead };
        arrivedAt.set(result.lead.id, started);
        createMs.push(performance.now() - started);
        const giveUp = Date.now() + 5_000;
        while (!firstHanded.has(result.lead.id) && Date.now() < giveUp) await sleep(1);
      }
    }
    const giveUp = Date.now() + 180_000;
    while (firstHanded.size < expected && Date.now() < giveUp) await sleep(5);
    loop.disable();
    const latency = [...arrivedAt]
      .map(([id, at]) => (firstHanded.get(id) ?? Number.NaN) - at)
      .filter((v) => !Number.isNaN(v));
    const engineShare = [...insertedAt]
      .map(([id, at]) => (firstHanded.get(id) ?? Number.NaN) - at)
      .filter((v) => !Number.isNaN(v));
    inserts.unsubscribe();
    await engine.stop();
    await ctx.db.close();
    return {
      p50: percentile(latency, 50),
      p99: percentile(latency, 99),
      handed: latency.length,
      engineP50: percentile(engineShare, 50),
      engineP99: percentile(engineShare, 99),
      createP50: percentile(createMs, 50),
      loopP50: loop.percentile(50) / 1e6,
      loopP99: loop.percentile(99) / 1e6,
      loopMax: loop.max / 1e6,
      loopSamples: loop.count,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
