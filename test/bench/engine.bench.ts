// The follow-up engine under load (DESIGN.md section 8), on the SQLite store in a temp folder:
//  1. 100,000 pending messages: start-up rehydration (startEngine on a reopened store), dispatch
//     lateness of the messages falling due while the 100k wait (p50/p99), RSS; and the same load
//     held as one node-schedule job per message, side by side, as ratios.
//  2. Lead arrival -> first message handed to the channel, for 1,000 leads in one burst.
// Rate limits are raised to the provider capacity the bench assumes (no throttling); quiet
// hours are opened to 00:00–23:59 in UTC so the wall-clock time of the run does not matter.
// Figures are printed, never asserted.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import schedule from 'node-schedule';
import type { Lead } from '../../src-shared/domain';
import { createCoreApp } from '../../src-main/core/app';
import { startEngine } from '../../src-main/core/engine';
import { writeEngineSettings } from '../../src-main/core/engine/settings';
import { systemClock } from '../../src-main/core/ports/clock';
import { fakeChannels } from '../../src-main/core/testing/fake-channels';
import {
  DUE_SOON,
  DUE_WINDOW_MS,
  BENCH_ENGINE_SETTINGS,
  PENDING,
  openCore,
  progress,
  seedPending,
  lead,
} from './engine-bench-fixtures';
import { ms, percentile, printTable } from './stats';

/** node-schedule is given this long to take the load; what it scheduled by then is reported. */
const NODE_SCHEDULE_BUDGET_MS = 240_000;
const BURST = 1_000;

const rssMb = (): number => process.memoryUsage().rss / 1_048_576;
const sleep = (millis: number) => new Promise((resolve) => setTimeout(resolve, millis));
const gc = (): void => (globalThis as { gc?: () => void }).gc?.();

interface VariantResult {
  rehydrateMs: number;
  p50: number;
  p99: number;
  rss: number;
  handed: number;
  scheduled: number;
}

async function enginePending(): Promise<VariantResult> {
  const dir = mkdtempSync(join(tmpdir(), 'porchlight-engine-bench-'));
  try {
    const { dueSoon, startAt } = await seedPending(dir);
    gc();
    const opened = performance.now();
    const ctx = await openCore(dir);
    const channels = fakeChannels(systemClock);
    const engine = await startEngine(ctx, { sms: channels.sms, mailer: channels.mailer });
    const rehydrateMs = performance.now() - opened;
    progress(`rehydrated in ${rehydrateMs.toFixed(0)} ms`);
    let peak = rssMb();
    while (Date.now() < startAt + DUE_WINDOW_MS + 3_000) {
      await sleep(250);
      peak = Math.max(peak, rssMb());
    }
    const late = channels
      .all()
      .filter((s) => dueSoon.has(s.messageId))
      .map((s) => s.at - (dueSoon.get(s.messageId) ?? s.at));
    await engine.stop();
    await ctx.db.close();
    return {
      rehydrateMs,
      p50: percentile(late, 50),
      p99: percentile(late, 99),
      rss: peak,
      handed: late.length,
      scheduled: PENDING,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The same load held as one node-schedule job per message (scheduled in sendAt order, yielding). */
async function nodeSchedulePending(): Promise<VariantResult> {
  const dir = mkdtempSync(join(tmpdir(), 'porchlight-engine-bench-ns-'));
  try {
    const { dueSoon, startAt } = await seedPending(dir);
    gc();
    const opened = performance.now();
    const ctx = await openCore(dir);
    const late: number[] = [];
    const deadline = Date.now() + NODE_SCHEDULE_BUDGET_MS;
    const docs = await ctx.db.messages
      .find({
        selector: { status: 'scheduled', sendAt: { $gte: 0 } },
        sort: [{ status: 'asc' }, { sendAt: 'asc' }],
      })
      .exec();
    let scheduled = 0;
    let peak = rssMb();
    for (const doc of docs) {
      const sendAt = doc.sendAt ?? 0;
      const id = doc.id;
      schedule.scheduleJob(new Date(sendAt), () => {
        if (dueSoon.has(id)) late.push(Date.now() - sendAt);
      });
      if (++scheduled % 1_000 === 0) {
        await new Promise((resolve) => setImmediate(resolve));
        peak = Math.max(peak, rssMb());
        if (Date.now() > deadline) break;
      }
    }
    const rehydrateMs = performance.now() - opened;
    progress(`node-schedule: ${scheduled} jobs in ${rehydrateMs.toFixed(0)} ms`);
    while (Date.now() < startAt + DUE_WINDOW_MS + 3_000) {
      await sleep(250);
      peak = Math.max(peak, rssMb());
    }
    // Not cancelled: cancelling 100k jobs is quadratic in node-schedule; the process exits.
    return {
      rehydrateMs,
      p50: percentile(late, 50),
      p99: percentile(late, 99),
      rss: peak,
      handed: late.length,
      scheduled,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

interface BurstResult {
  p50: number;
  p99: number;
  handed: number;
  /** From the lead's insert in the store (the handler's own work excluded): the engine's share. */
  engineP50: number;
  engineP99: number;
  createP50: number;
}

/** `through`: the leads-create handler (as a webhook would), or straight into the store. */
async function arrivalBurst(through: 'handler' | 'store'): Promise<BurstResult> {
  const dir = mkdtempSync(join(tmpdir(), 'porchlight-engine-burst-'));
  try {
    const ctx = await openCore(dir);
    await writeEngineSettings(ctx, BENCH_ENGINE_SETTINGS);
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
    } else {
      await Promise.all(
        Array.from({ length: BURST }, async (_, i) => {
          const started = performance.now();
          const result = (await app.invoke('leads-create', {
            lead: {
              firstName: `New${i}`,
              lastName: 'Lead',
              email: `new${i}@example.com`,
              timeZone: 'UTC',
              intent: 'buy',
              source: 'website',
            },
          })) as { lead: Lead };
          arrivedAt.set(result.lead.id, started);
          createMs.push(performance.now() - started);
        }),
      );
    }
    const giveUp = Date.now() + 60_000;
    while (firstHanded.size < BURST && Date.now() < giveUp) await sleep(50);
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
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

type Variant = 'ours' | 'node-schedule' | 'burst' | 'burst-store';
const variants: Record<Variant, () => Promise<unknown>> = {
  ours: enginePending,
  'node-schedule': nodeSchedulePending,
  burst: () => arrivalBurst('handler'),
  'burst-store': () => arrivalBurst('store'),
};

/** Each variant runs in a fresh process: clean RSS figures, and no 100k jobs left to cancel. */
function runVariant<T>(variant: Variant): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', fileURLToPath(import.meta.url), variant],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
        env: process.env,
      },
    );
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('RESULT '));
      if (code !== 0 || line === undefined)
        reject(new Error(`engine bench variant ${variant} failed (exit ${code}): ${out}`));
      else resolve(JSON.parse(line.slice('RESULT '.length)) as T);
    });
  });
}

export async function runEngineBench(): Promise<void> {
  const ours = await runVariant<VariantResult>('ours');
  const baseline = await runVariant<VariantResult>('node-schedule');
  const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)}x` : 'n/a');
  printTable(
    `Outbox, ${PENDING.toLocaleString('en-US')} pending (${DUE_SOON.toLocaleString('en-US')} falling due over ${DUE_WINDOW_MS / 1000} s)`,
    [
      ['', 'one timer (ours)', 'node-schedule job each', 'ours / node-schedule', 'target'],
      [
        'rehydrate',
        ms(ours.rehydrateMs),
        ms(baseline.rehydrateMs),
        ratio(ours.rehydrateMs, baseline.rehydrateMs),
        '< 2 s',
      ],
      ['lateness p50', ms(ours.p50), ms(baseline.p50), ratio(ours.p50, baseline.p50), ''],
      ['lateness p99', ms(ours.p99), ms(baseline.p99), ratio(ours.p99, baseline.p99), '< 1 s'],
      [
        'peak RSS',
        `${ours.rss.toFixed(0)} MB`,
        `${baseline.rss.toFixed(0)} MB`,
        ratio(ours.rss, baseline.rss),
        '< 300 MB',
      ],
      ['handed / fired', `${ours.handed}`, `${baseline.handed}`, '', `${DUE_SOON}`],
      ['held', `${ours.scheduled}`, `${baseline.scheduled}`, '', `${PENDING}`],
    ],
  );
  const burst = await runVariant<BurstResult>('burst');
  const direct = await runVariant<BurstResult>('burst-store');
  printTable(
    `Lead arrival -> first message handed to the channel, ${BURST.toLocaleString('en-US')}-lead burst`,
    [
      ['p50', ms(burst.p50), 'target < 1 s'],
      ['p99', ms(burst.p99), 'target < 5 s'],
      ['leads reached', `${burst.handed}`, `of ${BURST}`],
      ['leads-create alone, p50', ms(burst.createP50), 'the handler, before the engine sees the lead'],
      ['from the stored lead, p50', ms(burst.engineP50), "the engine's share"],
      ['from the stored lead, p99', ms(burst.engineP99), ''],
      [
        'leads written straight to the store, p50',
        ms(direct.p50),
        'the engine alone (no handler work queued ahead)',
      ],
      ['leads written straight to the store, p99', ms(direct.p99), ''],
    ],
  );
}

const asChild = process.argv[2] as Variant | undefined;
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (asChild !== undefined && asChild in variants) {
    console.log(`RESULT ${JSON.stringify(await variants[asChild]())}`);
    process.exit(0);
  } else await runEngineBench();
}
