// Fixtures for the engine bench: a core on the SQLite store (or memory, with
// PORCHLIGHT_BENCH_STORAGE=memory), bench leads and pending messages, and the seeding of the
// 100k-pending load (far-future messages first, then the ones due soon, timed from the end).
import { join } from 'node:path';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import type { Lead, Message } from '../../src-shared/domain';
import { makeLead } from '../../src-shared/scoring/test-fixtures';
import type { CoreContext } from '../../src-main/core/context';
import { buildCoreContext } from '../../src-main/core/build-context';
import { writeEngineSettings } from '../../src-main/core/engine/settings';
import { writeProfile } from '../../src-main/core/profile/profile-store';
import { CoreEvents } from '../../src-main/core/events';
import { systemClock } from '../../src-main/core/ports/clock';
import { openPorchlightDatabase } from '../../src-main/core/store/database';
import { getRxStorageSqlite } from '../../src-main/core/store/sqlite';

export const PENDING = Number(process.env.PORCHLIGHT_BENCH_PENDING ?? 100_000);
export const DUE_SOON = 2_000;
export const DUE_WINDOW_MS = 20_000;
export const NO_LIMIT = {
  sms: 1_000_000,
  whatsapp: 1_000_000,
  email: 1_000_000,
  call: 1_000_000,
  notification: 1_000_000,
};
export const progress = (what: string): void =>
  console.error(`[engine bench] ${new Date().toISOString()} ${what}`);

export async function openCore(dir: string): Promise<CoreContext> {
  if (process.env.PORCHLIGHT_BENCH_STORAGE === 'memory') {
    const memory = await openPorchlightDatabase({
      storage: getRxStorageMemory(),
      name: `bench-${Date.now()}`,
    });
    return buildCoreContext({
      db: memory,
      clock: systemClock,
      events: new CoreEvents(),
      workspace: { teamId: 'solo', agentId: 'me', defaultCountry: 'US' },
      shell: 'headless',
      dataDir: dir,
    });
  }
  const db = await openPorchlightDatabase({
    storage: getRxStorageSqlite({ path: join(dir, 'porchlight.sqlite') }),
    name: 'porchlight',
  });
  return buildCoreContext({
    db,
    clock: systemClock,
    events: new CoreEvents(),
    workspace: { teamId: 'solo', agentId: 'me', defaultCountry: 'US' },
    shell: 'headless',
    dataDir: dir,
  });
}

export function lead(i: number, now: number): Lead {
  return makeLead({
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
    createdAt: now - 90 * 86_400_000,
    lastContactAt: now - 86_400_000,
  });
}

/** Engine settings for the benches: no quiet hours or rate limits in the way, a complete sender. */
export const BENCH_ENGINE_SETTINGS = {
  quietHours: { start: '00:00', end: '23:59' },
  rateLimits: NO_LIMIT,
  sender: {
    physicalAddress: '1 Main St, Austin, TX',
    unsubscribeUrlBase: 'https://sync.example.com/u/',
    agentName: 'Dana',
  },
};

/**
 * The engine settings and a complete agent profile: without the profile every first message
 * waits for it (waiting_for_profile) and never reaches the channel.
 */
export async function writeBenchSettings(ctx: CoreContext): Promise<void> {
  await writeEngineSettings(ctx, BENCH_ENGINE_SETTINGS);
  await writeProfile(ctx, {
    firstName: 'Dana',
    lastName: 'Reyes',
    phone: '+15125550100',
    email: 'dana@example.com',
    brokerage: 'Reyes Realty',
    licence: 'TX-000000',
    signature: 'Dana Reyes, Reyes Realty',
    officeAddress: '1 Main St, Austin, TX',
  });
}

export function pendingMessage(i: number, leadId: string, sendAt: number, now: number): Message {
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
/** The messages falling due, and when the first does. */
export interface SeededPending {
  dueSoon: Map<string, number>;
  startAt: number;
}

/**
 * Seeds the outbox of a workspace in `dir`; the first message falls due `leadMs` after the seed.
 * The bench runs it in a process of its own, so the measured process opens a store it never wrote
 * (as an agent's desktop starting up does) and its RSS holds none of the seed's memory.
 */
export async function seedPending(dir: string, leadMs = 8_000): Promise<SeededPending> {
  const ctx = await openCore(dir);
  await writeBenchSettings(ctx);
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
  const startAt = Date.now() + leadMs;
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
