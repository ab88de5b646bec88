// Where the assistant keeps what it knows: settings documents only (the app's collections are
// at RxDB's limit). "assistant" holds the team's switch and limits; "assistant-lead-<lead>"
// holds one lead's conversation state. Writes of one lead's state are serialised per store,
// so a reply and a nudge never overwrite each other.
import type {
  AssistantLeadState,
  AssistantSettings,
  AssistantSettingsPatch,
} from '../../../src-shared/assistant';
import {
  ASSISTANT_LEAD_STATE_PREFIX,
  ASSISTANT_SETTINGS_ID,
  assistantLeadStateId,
  assistantSettingsPatchSchema,
  parseAssistantLeadState,
  parseAssistantSettings,
} from '../../../src-shared/assistant';
import { PorchlightError } from '../../../src-shared/ipc/errors';
import type { CoreContext } from '../context';

export async function readAssistantSettings(ctx: CoreContext): Promise<AssistantSettings> {
  const doc = await ctx.db.settings.findOne(ASSISTANT_SETTINGS_ID).exec();
  return parseAssistantSettings(doc?.toJSON().value);
}

export async function saveAssistantSettings(
  ctx: CoreContext,
  patch: AssistantSettingsPatch,
): Promise<AssistantSettings> {
  const parsed = assistantSettingsPatchSchema.safeParse(patch);
  if (!parsed.success)
    throw new PorchlightError(
      'validation',
      `The assistant settings were not saved: ${parsed.error.issues[0]?.message ?? 'invalid value'}.`,
    );
  const current = await readAssistantSettings(ctx);
  const next = parseAssistantSettings({ ...current, ...parsed.data });
  await ctx.db.settings.upsert({
    id: ASSISTANT_SETTINGS_ID,
    teamId: ctx.workspace.teamId,
    ownerId: ctx.workspace.agentId,
    updatedAt: ctx.clock.now(),
    value: next,
  });
  return next;
}

export async function readLeadState(ctx: CoreContext, leadId: string): Promise<AssistantLeadState | null> {
  const doc = await ctx.db.settings.findOne(assistantLeadStateId(leadId)).exec();
  return doc === null ? null : parseAssistantLeadState(doc.toJSON().value);
}

export async function writeLeadState(ctx: CoreContext, state: AssistantLeadState): Promise<void> {
  await ctx.db.settings.upsert({
    id: assistantLeadStateId(state.leadId),
    teamId: ctx.workspace.teamId,
    ownerId: ctx.workspace.agentId,
    updatedAt: ctx.clock.now(),
    value: state,
  });
}

/** Every lead state (the nudge timer and the Replies list read them). */
export async function listLeadStates(ctx: CoreContext): Promise<AssistantLeadState[]> {
  const docs = await ctx.db.settings
    .find({ selector: { id: { $regex: `^${ASSISTANT_LEAD_STATE_PREFIX}` } } })
    .exec();
  return docs
    .map((d) => parseAssistantLeadState(d.toJSON().value))
    .filter((s): s is AssistantLeadState => s !== null);
}

/** Runs work for one lead after the work already queued for it. */
export class LeadLocks {
  private readonly chains = new Map<string, Promise<unknown>>();

  run<T>(leadId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.chains.get(leadId) ?? Promise.resolve();
    const result = previous.then(work, work);
    const settled = result.catch(() => undefined);
    this.chains.set(leadId, settled);
    void settled.then(() => {
      if (this.chains.get(leadId) === settled) this.chains.delete(leadId);
    });
    return result;
  }

  async idle(): Promise<void> {
    while (this.chains.size > 0) await Promise.all([...this.chains.values()]);
  }
}
