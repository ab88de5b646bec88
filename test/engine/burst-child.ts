// The engine in a child process for the kill -9 test of the burst path: new leads arrive through
// `leads-create` all at once (the store's group commit, the reactions side by side, the
// enrollment and its welcome email), and a logging provider appends each message it receives to
// a log file (the "provider side"), answering after a short delay so a kill lands between "the
// provider has it" and "the store knows". It can be asked about a message by id.
//   burst N: creates N new web leads at once; each create that returns is appended to created.log
//   resume:  restarts on the same folder, waits until every lead's welcome is settled, prints a
//            JSON summary
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCoreApp } from '../../src-main/core/app';
import { startEngine } from '../../src-main/core/engine';
import { openCore, writeBenchSettings } from '../bench/engine-bench-fixtures';
import { LoggingProvider } from './logging-provider';

const [dataDir = '', mode = 'resume', countArg = '0'] = process.argv.slice(2);
const logPath = join(dataDir, 'provider.log');
const createdPath = join(dataDir, 'created.log');

const FAST = { least: 10, spread: 20 };
const OPEN = ['scheduled', 'claimed', 'sending'];

async function main(): Promise<void> {
  const ctx = await openCore(dataDir);
  if (mode === 'burst') await writeBenchSettings(ctx);
  const engine = await startEngine(ctx, {
    mailer: new LoggingProvider('email', logPath, true, FAST),
    sms: new LoggingProvider('sms', logPath, true, FAST),
  });
  console.log(`STARTED ${JSON.stringify({ recovery: engine.recovery, catchUp: engine.catchUp })}`);
  if (mode === 'burst') {
    const app = createCoreApp(ctx);
    await Promise.all(
      Array.from({ length: Number(countArg) }, async (_, i) => {
        const { lead } = (await app.invoke('leads-create', {
          lead: {
            firstName: `New${i}`,
            lastName: 'Lead',
            email: `new${i}@example.com`,
            phone: `+1512555${String(1000 + i).slice(-4)}`,
            timeZone: 'UTC',
            intent: 'buy',
            source: 'website',
          },
        })) as { lead: { id: string } };
        appendFileSync(createdPath, `${lead.id}\n`);
      }),
    );
  }
  // Until every lead's welcome email (step 0) has left the outbox's open states.
  for (;;) {
    await engine.idle();
    const open = await ctx.db.messages.count({ selector: { stepIndex: 0, status: { $in: OPEN } } }).exec();
    if (open === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const leads = (await ctx.db.leads.find().exec()).map((d) => d.id);
  const enrollments: Record<string, number> = {};
  for (const e of await ctx.db.enrollments.find().exec())
    enrollments[e.leadId] = (enrollments[e.leadId] ?? 0) + 1;
  const welcomes: Record<string, { id: string; status: string }[]> = {};
  for (const m of await ctx.db.messages.find({ selector: { stepIndex: 0 } }).exec())
    (welcomes[m.leadId] ??= []).push({ id: m.id, status: m.status });
  // Active enrollments still waiting on a welcome that was settled: their sequence would stop.
  // (Only the welcomes: a later step due now may be between its `sent` and its advance.)
  const active = await ctx.db.enrollments.find({ selector: { status: 'active' } }).exec();
  const pendingIds = active.flatMap((e) => (e.pendingMessageId === undefined ? [] : [e.pendingMessageId]));
  const pending = await ctx.db.messages.findByIds(pendingIds).exec();
  const settled = ['sent', 'delivered', 'undelivered', 'failed', 'skipped', 'rerouted'];
  const waitingOnSettled = [...pending.values()].filter(
    (m) => m.stepIndex === 0 && settled.includes(m.status),
  ).length;
  console.log(
    `SUMMARY ${JSON.stringify({ recovery: engine.recovery, catchUp: engine.catchUp, leads, enrollments, welcomes, waitingOnSettled })}`,
  );
  await engine.stop();
  await ctx.db.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
