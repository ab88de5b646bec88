// The headless engine in a child process, for the kill -9 test. Opens the workspace on the SQLite
// store and runs startEngine with a recording fake provider that appends every message it
// receives to a log file (the "provider side"), answering after a short delay so a kill lands
// between "the provider has it" and "the store knows". The mail provider can be asked about a
// message by id (reconciliation); the SMS provider cannot (those become uncertain).
//   seed N:  creates N leads with an email and a text each, due now, then dispatches
//   resume:  restarts on the same folder, dispatches what is left, prints a JSON summary
import { join } from 'node:path';
import type { Lead, Message } from '../../src-shared/domain';
import { makeLead } from '../../src-shared/scoring/test-fixtures';
import type { CoreContext } from '../../src-main/core/context';
import { buildCoreContext } from '../../src-main/core/build-context';
import { startEngine } from '../../src-main/core/engine';
import { writeEngineSettings } from '../../src-main/core/engine/settings';
import { CoreEvents } from '../../src-main/core/events';
import { systemClock } from '../../src-main/core/ports/clock';
import { openPorchlightDatabase } from '../../src-main/core/store/database';
import { getRxStorageSqlite } from '../../src-main/core/store/sqlite';
import { LoggingProvider } from './logging-provider';

const [dataDir = '', mode = 'resume', countArg = '0'] = process.argv.slice(2);
const logPath = join(dataDir, 'provider.log');

async function main(): Promise<void> {
  const db = await openPorchlightDatabase({
    storage: getRxStorageSqlite({ path: join(dataDir, 'porchlight.sqlite') }),
    name: 'porchlight',
  });
  const ctx: CoreContext = buildCoreContext({
    db,
    clock: systemClock,
    events: new CoreEvents(),
    workspace: { teamId: 'solo', agentId: 'me', defaultCountry: 'US' },
    shell: 'headless',
    dataDir,
  });
  if (mode === 'seed') {
    await writeEngineSettings(ctx, {
      quietHours: { start: '00:00', end: '23:59' },
      rateLimits: { sms: 100_000, whatsapp: 100_000, email: 100_000, call: 100_000, notification: 100_000 },
      sender: {
        physicalAddress: '1 Main St, Austin, TX',
        unsubscribeUrlBase: 'https://sync.example.com/u/',
        agentName: 'Dana',
      },
    });
    const now = Date.now();
    const count = Number(countArg);
    const leads: Lead[] = [];
    const messages: Message[] = [];
    for (let i = 0; i < count; i++) {
      const id = `lead-${i}`;
      leads.push(
        makeLead({
          id,
          teamId: 'solo',
          ownerId: 'me',
          updatedAt: now,
          firstName: `Lee${i}`,
          lastName: 'Kay',
          nameKey: `lee${i} kay`,
          email: `lee${i}@example.com`,
          phone: `+1512555${String(1000 + i).slice(-4)}`,
          timeZone: 'UTC',
          timeZoneSource: 'given',
          stage: 'contacted',
          source: 'import',
          intent: 'buy',
          score: 10,
          createdAt: now - 40 * 86_400_000,
          lastContactAt: now - 86_400_000,
        }),
      );
      for (const channel of ['email', 'sms'] as const) {
        messages.push({
          id: `msg-${channel}-${i}`,
          teamId: 'solo',
          ownerId: 'me',
          updatedAt: now,
          leadId: id,
          direction: 'outbound',
          channel,
          status: 'scheduled',
          createdAt: now,
          sendAt: now + i,
          body: 'Hello {{first_name|there}}, a quick note.',
          attempt: 0,
          authoredBy: 'template',
          statusHistory: [{ status: 'scheduled', at: now }],
          demo: false,
          ...(channel === 'email' ? { subject: 'A quick note' } : {}),
        });
      }
    }
    await db.leads.bulkInsert(leads);
    await db.messages.bulkInsert(messages);
    console.log('SEEDED');
  }
  const engine = await startEngine(ctx, {
    mailer: new LoggingProvider('email', logPath, true),
    sms: new LoggingProvider('sms', logPath, false),
  });
  console.log(`STARTED ${JSON.stringify(engine.recovery)}`);
  // Wait until nothing is scheduled, claimed or sending any more.
  for (;;) {
    await engine.idle();
    const open = await db.messages
      .count({ selector: { status: { $in: ['scheduled', 'claimed', 'sending'] } } })
      .exec();
    if (open === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const all = await db.messages.find().exec();
  const byStatus: Record<string, string[]> = {};
  for (const m of all) (byStatus[m.status] ??= []).push(m.id);
  const attention = await ctx.db.messages.find({ selector: { status: 'uncertain' } }).exec();
  const reviewTasks = await ctx.db.tasks.count({ selector: { kind: 'review', status: 'open' } }).exec();
  console.log(
    `SUMMARY ${JSON.stringify({ recovery: engine.recovery, byStatus, uncertainShown: attention.map((m) => m.id), reviewTasks })}`,
  );
  await engine.stop();
  await db.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
