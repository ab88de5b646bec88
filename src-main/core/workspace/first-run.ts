// The getting-started guide's state: four steps (your profile, one channel connected, leads of
// your own, playbooks picked), each seen done from the workspace itself where it can be (a name
// the messages can sign with, a provider reported connected, a lead that is not demo data) or
// marked done by hand; the guide can be skipped and resumed. Stored as the `first-run` setting.
import { z } from 'zod';
import type { FirstRun, FirstRunStep, FirstRunStepId } from '../../../src-shared/ipc/app';
import { firstRunSteps } from '../../../src-shared/ipc/app';
import type { ValidArgs } from '../../../src-shared/ipc/contract';
import type { CoreContext } from '../context';
import { agentFullName } from '../../../src-shared/templates';
import { demoLeadIds } from '../demo/demo-data';
import { hasDemo } from '../demo/demo-workspace';
import { readProfile } from '../profile/profile-store';

const FIRST_RUN_ID = 'first-run';
const stateSchema = z.object({
  skipped: z.boolean().default(false),
  marked: z.array(z.enum(firstRunSteps)).default([]),
});
type State = z.infer<typeof stateSchema>;

async function readState(ctx: CoreContext): Promise<State> {
  const doc = await ctx.db.settings.findOne(FIRST_RUN_ID).exec();
  const parsed = stateSchema.safeParse(doc?.toJSON().value ?? {});
  return parsed.success ? parsed.data : stateSchema.parse({});
}

/**
 * Live leads that are not demo data: every live lead (an index count) less the demo leads still
 * live, read by their ids. A count by `demo` would read every lead (it has no index): over a
 * second on a 100,000-lead workspace, and the guide asks on every start, beside the first grid.
 */
async function countOwnLeads(ctx: CoreContext): Promise<number> {
  const [live, withDemo] = await Promise.all([
    ctx.db.leads.count({ selector: { deletedAt: 0 } }).exec(),
    hasDemo(ctx),
  ]);
  if (!withDemo) return live;
  const demo = await ctx.db.leads.findByIds(demoLeadIds()).exec();
  let liveDemo = 0;
  for (const doc of demo.values()) if (doc.demo && doc.deletedAt === 0) liveDemo += 1;
  return live - liveDemo;
}

/** What the workspace itself says about each step: a detail when done, null when not. */
async function seen(ctx: CoreContext): Promise<Record<FirstRunStepId, string | null>> {
  const [profile, ownLeads] = await Promise.all([readProfile(ctx), countOwnLeads(ctx)]);
  // The profile the messages sign with (it reads the older sender settings until first saved).
  const name = agentFullName(profile);
  const board = ctx.connections?.view();
  const connected = (['email', 'sms', 'whatsapp'] as const).filter((c) => board?.[c].state === 'connected');
  return {
    profile: name.trim() === '' ? null : `Messages are signed ${name.trim()}.`,
    channel: connected.length === 0 ? null : `Connected: ${connected.join(', ')}.`,
    leads:
      ownLeads === 0
        ? null
        : `${ownLeads.toLocaleString('en-US')} lead${ownLeads === 1 ? '' : 's'} of your own.`,
    playbooks: null,
  };
}

const todo: Record<FirstRunStepId, string> = {
  profile: 'Your name, phone and brokerage: every message speaks in your voice.',
  channel: 'Email or texts, so follow-ups can go out.',
  leads: 'Import a CSV or a CRM export, or add a lead by hand.',
  playbooks: 'Choose which sequences run for new and quiet leads.',
};

export async function firstRunView(ctx: CoreContext): Promise<FirstRun> {
  const [state, found] = await Promise.all([readState(ctx), seen(ctx)]);
  const steps: FirstRunStep[] = firstRunSteps.map((id) => {
    const detail = found[id];
    const marked = state.marked.includes(id);
    return {
      id,
      done: detail !== null || marked,
      marked: detail === null && marked,
      detail: detail ?? todo[id],
    };
  });
  return { steps, skipped: state.skipped, finished: steps.every((s) => s.done) };
}

export async function updateFirstRun(ctx: CoreContext, args: ValidArgs<'first-run-set'>): Promise<FirstRun> {
  const state = await readState(ctx);
  const next: State = {
    skipped: args.skipped ?? state.skipped,
    marked:
      args.mark === undefined
        ? state.marked
        : args.mark.done
          ? [...new Set([...state.marked, args.mark.step])]
          : state.marked.filter((s) => s !== args.mark?.step),
  };
  await ctx.db.settings.upsert({
    id: FIRST_RUN_ID,
    teamId: ctx.workspace.teamId,
    ownerId: ctx.workspace.agentId,
    updatedAt: ctx.clock.now(),
    value: next,
  });
  const view = await firstRunView(ctx);
  ctx.events.emit('first-run-changed', view);
  return view;
}
