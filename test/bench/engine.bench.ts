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
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import type { Lead, Message } from '../../src-shared/domain';
import { createCoreApp } from '../../src-main/core/app';
import type { CoreContext } from '../../src-main/core/context';
import { startEngine } from '../../src-main/core/engine';
import { writeEngineSettings } from '../../src-main/core/engine/settings';
import { CoreEvents } from '../../src-main/core/events';
import { systemClock } from '../../src-main/core/ports/clock';
import { openPorchlightDatabase } from '../../src-main/core/store/database';
import { getRxStorageSqlite } from '../../src-main/core/store/sqlite';
import { fakeChannels } from '../../src-main/core/testing/fake-channels';
import { ms, percentile, printTable } from './stats';

const PENDING = Number(process.env.PORCHLIGHT_BENCH_PENDING ?? 100_000);
const progress = (what: string): void => console.error(`[engine bench] ${new Date().toISOString()} ${what}`);
const DUE_SOON = 2_000;
const DUE_WINDOW_MS = 20_000;
/** node-schedule is given this long to take the load; what it scheduled by then is reported. */
const NODE_SCHEDULE_BUDGET_MS = 240_000;
const BURST = 1_000;
const NO_LIMIT = {
  sms: 1_000_000,
  whatsapp: 1_000_000,
  email: 1_000_000,
  call: 1_000_000,
  notification: 1_000_000,
};

const rssMb = (): number => process.memoryUsage().rss / 1_048_576;
const sleep = (millis: number) => new Promise((resolve) => setTimeout(resolve, millis));
const gc = (): void => (globalThis as { gc?: () => void }).gc?.();

async function openCore(dir: string): Promise<CoreContext> {
  if (process.env.PORCHLIGHT_BENCH_STORAGE === 'memory') {
    const memory = await openPorchlightDatabase({
      storage: getRxStorageMemory(),
      name: `bench-${Date.now()}`,
    });
    return {
      db: memory,
      clock: systemClock,
      events: new CoreEvents(),
      workspace: { teamId: 'solo', agentId: 'me', defaultCountry: 'US' },
      shell: 'headless',
      dataDir: dir,
    };
  }
  const db = await openPorchlightDatabase({
    storage: getRxStorageSqlite({ path: join(dir, 'porchlight.sqlite') }),
    name: 'porchlight',
  });
  return {
    db,
    clock: systemClock,
    events: new CoreEvents(),
    workspace: { teamId: 'solo', agentId: 'me', defaultCountry: 'US' },
    shell: 'headless',
    dataDir: dir,
  };
}

function lead(i: number, now: number): Lead {
  return {
    id: `lead-${i}`,
    teamId: 'solo',
    ownerId: 'me',
    updatedAt: now,
    firstName: `Ann${i}`,
    lastName: 'Bench',
    nameKey: `ann${i} bench`,
    email: `ann${i}@example.com`,
    phone: `+1312555${String(i % 10_000).padStart(4, '0')}`,
    timeZone: 'UTC',
    timeZoneSource: 'given',
    stage: 'contacted',
    source: 'import',
    intent: 'buy',
    score: 20,
    temperature: 'cold',
    tags: [],
    consent: { sms: 'granted', whatsapp: 'unknown', email: 'granted' },
    createdAt: now - 90 * 86_400_000,
    lastContactAt: now - 86_400_000,
    deletedAt: 0,
    demo: false,
  };
}

function pendingMessage(i: number, leadId: string, sendAt: number, now: number): Message {
  return {
    id: `msg-bench-${i}`,
    teamId: 'solo',
    ownerId: 'me',
    updatedAt: now,
    leadId,
    direction: 'outbound',
    channel: i % 2 === 0 ? 'sms' : 'email',
    status: 'scheduled',
    createdAt: now,
    sendAt,
    subject: 'Checking in',
    body: 'Hi {{first_name|there}}, checking in.',
    attempt: 0,
    authoredBy: 'template',
    statusHistory: [{ status: 'scheduled', at: now }],
    demo: false,
  };
}

/** Seeds the far-future load first, then the messages due soon, timed from when seeding ends. */
async function seedPending(dir: string): Promise<{ dueSoon: Map<string, number>; startAt: number }> {
  const ctx = await openCore(dir);
  await writeEngineSettings(ctx, {
    quietHours: { start: '00:00', end: '23:59' },
    rateLimits: NO_LIMIT,
    sender: {
      physicalAddress: '1 Main St, Austin, TX',
      unsubscribeUrlBase: 'https://sync.example.com/u/',
      agentName: 'Dana',
    },
  });
  const now = Date.now();
  await ctx.db.leads.bulkInsert(Array.from({ length: 10_000 }, (_, i) => lead(i, now)));
  const farStart = now + 10 * 60_000;
  for (let start = DUE_SOON; start < PENDING; start += 10_000) {
    const batch: Message[] = [];
    for (let i = start; i < Math.min(PENDING, start + 10_000); i++) {
      batch.push(pendingMessage(i, `lead-${i % 10_000}`, farStart + ((i * 97_331) % (30 * 86_400_000)), now));
    }
    await ctx.db.messages.bulkInsert(batch);
  }
  progress(`seeded ${PENDING - DUE_SOON} far-future messages`);
  const startAt = Date.now() + 8_000;
  const dueSoon = new Map<string, number>();
  const soon: Message[] = [];
  for (let i = 0; i < DUE_SOON; i++) {
    const sendAt = startAt + Math.floor((i / DUE_SOON) * DUE_WINDOW_MS);
    dueSoon.set(`msg-bench-${i}`, sendAt);
    soon.push(pendingMessage(i, `lead-${i % 10_000}`, sendAt, now));
  }
  await ctx.db.messages.bulkInsert(soon);
  await ctx.db.close();
  return { dueSoon, startAt };
}

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

async function arrivalBurst(): Promise<{ p50: number; p99: number; handed: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'porchlight-engine-burst-'));
  try {
    const ctx = await openCore(dir);
    await writeEngineSettings(ctx, {
      quietHours: { start: '00:00', end: '23:59' },
      rateLimits: NO_LIMIT,
      sender: {
        physicalAddress: '1 Main St, Austin, TX',
        unsubscribeUrlBase: 'https://sync.example.com/u/',
        agentName: 'Dana',
      },
    });
    const arrivedAt = new Map<string, number>();
    const firstHanded = new Map<string, number>();
    const channels = fakeChannels(systemClock, (send) => {
      if (!firstHanded.has(send.leadId)) firstHanded.set(send.leadId, performance.now());
    });
    const engine = await startEngine(ctx, { sms: channels.sms, mailer: channels.mailer });
    const app = createCoreApp(ctx);
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
      }),
    );
    const giveUp = Date.now() + 60_000;
    while (firstHanded.size < BURST && Date.now() < giveUp) await sleep(50);
    const latency = [...arrivedAt]
      .map(([id, at]) => (firstHanded.get(id) ?? Number.NaN) - at)
      .filter((v) => !Number.isNaN(v));
    await engine.stop();
    await ctx.db.close();
    return { p50: percentile(latency, 50), p99: percentile(latency, 99), handed: latency.length };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

type Variant = 'ours' | 'node-schedule' | 'burst';
const variants: Record<Variant, () => Promise<unknown>> = {
  ours: enginePending,
  'node-schedule': nodeSchedulePending,
  burst: arrivalBurst,
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
  const burst = await runVariant<{ p50: number; p99: number; handed: number }>('burst');
  printTable(
    `Lead arrival -> first message handed to the channel, ${BURST.toLocaleString('en-US')}-lead burst`,
    [
      ['p50', ms(burst.p50), 'target < 1 s'],
      ['p99', ms(burst.p99), 'target < 5 s'],
      ['leads reached', `${burst.handed}`, `of ${BURST}`],
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
