// Creates the demo workspace on first run and removes it when asked. Removal deletes only
// records marked `demo: true`; leads a person added are never touched.
import type { RxCollection } from 'rxdb';
import type { CoreContext } from '../context';
import type { Lead } from '../../../src-shared/domain';
import { enrollLead } from '../enrollments/materialise';
import { deriveTimeZone } from '../leads/time-zone';
import { installBuiltIns } from '../sequences/sequence-store';
import { readProfile } from '../profile/profile-store';
import { scoreOnWrite } from '../scoring/lead-score';
import { buildDemoWorkspace } from './demo-data';

const WORKSPACE_SETTING = 'workspace';

interface WorkspaceState {
  initializedAt: number;
  demoRemoved: boolean;
}

async function readState(ctx: CoreContext): Promise<WorkspaceState | null> {
  const doc = await ctx.db.settings.findOne(WORKSPACE_SETTING).exec();
  return doc === null ? null : (doc.toJSON().value as WorkspaceState);
}

async function writeState(ctx: CoreContext, state: WorkspaceState): Promise<void> {
  const { teamId, agentId } = ctx.workspace;
  await ctx.db.settings.upsert({
    id: WORKSPACE_SETTING,
    teamId,
    ownerId: agentId,
    updatedAt: ctx.clock.now(),
    value: state,
  });
}

const HOUR = 3_600_000;
const RUNNING_DEMO_LEADS = 3;

/**
 * A few new demo buyers run the new-buyer playbook, their first touches due in the coming
 * hours, so a new user sees the engine at work. They are demo leads: a real provider never gets
 * them, and each message says why it was held (or what it waits for).
 */
async function enrollDemoBuyers(ctx: CoreContext, leads: readonly Lead[], now: number): Promise<void> {
  await installBuiltIns(ctx);
  const buyers = leads
    .filter((lead) => lead.stage === 'new' && lead.intent === 'buy' && lead.email !== undefined)
    .slice(0, RUNNING_DEMO_LEADS);
  for (const [i, lead] of buyers.entries())
    await enrollLead(ctx, lead, 'builtin-new-buyer', {
      anchorAt: now + (i + 1) * HOUR,
      reason: 'demo workspace: the new-buyer playbook at work',
    });
}

export async function createDemoWorkspace(ctx: CoreContext): Promise<number> {
  const now = ctx.clock.now();
  const { firstName } = await readProfile(ctx);
  const demo = buildDemoWorkspace({
    now,
    teamId: ctx.workspace.teamId,
    agentId: ctx.workspace.agentId,
    agentFirstName: firstName,
  });
  const leads = await Promise.all(
    demo.leads.map(async (lead) => {
      const zoned = { ...lead, ...(await deriveTimeZone({ address: lead.address, phone: lead.phone })) };
      return { ...zoned, ...scoreOnWrite(zoned, now) };
    }),
  );
  await ctx.db.leads.bulkUpsert(leads);
  await ctx.db.messages.bulkUpsert(demo.messages);
  await ctx.db.tasks.bulkUpsert(demo.tasks);
  await enrollDemoBuyers(ctx, leads, now);
  const state = await readState(ctx);
  await writeState(ctx, { initializedAt: state?.initializedAt ?? now, demoRemoved: false });
  ctx.events.emit('demo-changed', { hasDemo: true });
  return leads.length;
}

/** On first run (no workspace state yet) creates the demo workspace; later runs do nothing. */
export async function ensureFirstRun(ctx: CoreContext, options: { demo: boolean }): Promise<void> {
  if ((await readState(ctx)) !== null) return;
  // Demo first, state last: a crash part-way re-creates the (idempotent) demo on the next start.
  if (options.demo) await createDemoWorkspace(ctx);
  await writeState(ctx, { initializedAt: ctx.clock.now(), demoRemoved: !options.demo });
}

async function removeDemoFrom<T extends { id: string; demo: boolean }>(
  collection: RxCollection<T>,
): Promise<number> {
  const docs: { primary: string }[] = await collection.find({ selector: { demo: true } as never }).exec();
  if (docs.length > 0) await collection.bulkRemove(docs.map((doc) => doc.primary));
  return docs.length;
}

export async function removeDemoWorkspace(ctx: CoreContext): Promise<number> {
  const { db } = ctx;
  let removed = 0;
  removed += await removeDemoFrom(db.messages);
  removed += await removeDemoFrom(db.tasks);
  removed += await removeDemoFrom(db.enrollments);
  removed += await removeDemoFrom(db.sequences);
  removed += await removeDemoFrom(db.templates);
  removed += await removeDemoFrom(db.leads);
  const state = await readState(ctx);
  await writeState(ctx, { initializedAt: state?.initializedAt ?? ctx.clock.now(), demoRemoved: true });
  ctx.events.emit('demo-changed', { hasDemo: false });
  return removed;
}

/**
 * Read from the workspace state, not by counting `demo: true` leads: there is no index on
 * `demo`, and a count would read every lead of a large workspace on each start.
 */
export async function hasDemo(ctx: CoreContext): Promise<boolean> {
  const state = await readState(ctx);
  return state !== null && !state.demoRemoved;
}
