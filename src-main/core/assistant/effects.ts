// What an assistant turn writes. Its message to the lead is an outbound message in the outbox
// (status scheduled, sendAt inside the lead's allowed hours), so the dispatcher's claim, its
// re-checks of stop rules, suppressions, consent and quiet hours, the rate limits and the
// exactly-once guarantee apply as to every other message. Ids are deterministic (lead + turn),
// so a retried or replicated turn writes the same documents once. What it learned becomes a
// note on the timeline in words the scoring reads, so the score moves with the evidence; the
// lead's own intent and price range are filled when empty. A hand-off is a call task due now,
// a notification to the agent (the engine's notification channel: native on the desktop) and
// a note with the reason.
import type { AssistantLeadState, HandOff, QualificationField } from '../../../src-shared/assistant';
import { fieldLabels } from '../../../src-shared/assistant';
import type { Channel, Lead, Message } from '../../../src-shared/domain';
import { leadDisplayName } from '../../../src-shared/domain';
import type { EngineSettings } from '../../../src-shared/playbooks/engine-settings';
import { nextAllowedSendTime, sendPolicyFor } from '../../../src-shared/timing';
import type { CoreContext } from '../context';
import { suppressedChannels } from '../enrollments/enroll';
import { transitionMessage } from '../messages/outbox-state';
import { dayRulesOf, sendRulesOf } from '../engine/settings';
import { ensureTask } from '../tasks/task-store';
import { assistantKey, scoringWords } from './words';

type SendChannel = Extract<Channel, 'sms' | 'whatsapp' | 'email'>;

function base(ctx: CoreContext, lead: Lead, now: number) {
  return {
    teamId: lead.teamId,
    ownerId: lead.ownerId,
    updatedAt: now,
    leadId: lead.id,
    createdAt: now,
    demo: lead.demo,
  };
}

async function insertOnce(ctx: CoreContext, message: Message): Promise<boolean> {
  const { success } = await ctx.db.messages.bulkInsert([message]);
  return success.length > 0 || (await ctx.db.messages.findOne(message.id).exec()) !== null;
}

/** The channel the lead used last, else their preferred one, else whatever reaches them. */
async function channelFor(
  ctx: CoreContext,
  lead: Lead,
  inbound: Message | undefined,
): Promise<SendChannel | null> {
  const suppressed = await suppressedChannels(ctx, lead);
  if (suppressed.has('all')) return null;
  const reachable = (c: SendChannel): boolean =>
    !suppressed.has(c) && (c === 'email' ? lead.email !== undefined : lead.phone !== undefined);
  const used = inbound?.channel;
  const candidates: SendChannel[] = [];
  if (used === 'sms' || used === 'whatsapp' || used === 'email') candidates.push(used);
  const preferred = lead.preferredChannel;
  if (preferred === 'sms' || preferred === 'whatsapp' || preferred === 'email') candidates.push(preferred);
  candidates.push('sms', 'email');
  return candidates.find(reachable) ?? null;
}

export async function queueAssistantMessage(
  ctx: CoreContext,
  lead: Lead,
  state: AssistantLeadState,
  text: string,
  inbound: Message | undefined,
  engine: EngineSettings,
): Promise<string | null> {
  const channel = await channelFor(ctx, lead, inbound);
  if (channel === null) return null;
  const now = ctx.clock.now();
  const rules = sendRulesOf(lead, engine, ctx.workspace.defaultCountry);
  const sendAt = nextAllowedSendTime(now, rules.zones, sendPolicyFor(rules, dayRulesOf(engine)));
  const id = `asst-${assistantKey(lead.id)}-${state.turnCount}`;
  const to = channel === 'email' ? lead.email : lead.phone;
  const subject =
    channel === 'email'
      ? inbound?.subject === undefined
        ? 'Your home search'
        : `Re: ${inbound.subject}`.slice(0, 200)
      : undefined;
  const ok = await insertOnce(ctx, {
    ...base(ctx, lead, now),
    id,
    direction: 'outbound',
    channel,
    status: 'scheduled',
    sendAt,
    body: text,
    ...(to === undefined ? {} : { to }),
    ...(subject === undefined ? {} : { subject }),
    attempt: 0,
    authoredBy: 'ai',
    statusHistory: [{ status: 'scheduled', at: now, detail: 'Written by the assistant' }],
  });
  return ok ? id : null;
}

export async function noteFor(
  ctx: CoreContext,
  lead: Lead,
  state: AssistantLeadState,
  body: string,
  suffix = 'n',
): Promise<void> {
  const now = ctx.clock.now();
  await insertOnce(ctx, {
    ...base(ctx, lead, now),
    id: `asst-${assistantKey(lead.id)}-${suffix}${state.turnCount}-${state.turns.length}`.slice(0, 64),
    direction: 'outbound',
    channel: 'note',
    status: 'logged',
    body: body.slice(0, 2000),
    attempt: 0,
    authoredBy: 'ai',
    statusHistory: [{ status: 'logged', at: now, detail: 'Noted by the assistant' }],
  });
}

export async function recordLearned(
  ctx: CoreContext,
  lead: Lead,
  state: AssistantLeadState,
  learned: readonly QualificationField[],
): Promise<void> {
  const lines: string[] = [];
  for (const field of learned) {
    const filled = state.qualification[field];
    if (filled === undefined) continue;
    lines.push(
      `${fieldLabels[field]}: ${scoringWords(field, filled.value)} (they said “${filled.evidence}”)`,
    );
  }
  if (lines.length === 0) return;
  await noteFor(ctx, lead, state, `Assistant learned — ${lines.join('; ')}`, 'l');
  const intent = state.qualification.intent?.value;
  const price = state.qualification.price?.value;
  const patch: Partial<Lead> = {};
  if (
    lead.intent === 'unknown' &&
    (intent === 'buy' || intent === 'sell' || intent === 'both' || intent === 'rent')
  )
    patch.intent = intent;
  const amounts =
    price === undefined
      ? []
      : [...price.matchAll(/\$([\d,]+)/g)].map((m) => Number((m[1] ?? '').replace(/,/g, '')));
  if (lead.priceMin === undefined && lead.priceMax === undefined && amounts.length > 0) {
    if (amounts.length === 2) [patch.priceMin, patch.priceMax] = amounts;
    else if (price?.startsWith('from')) patch.priceMin = amounts[0];
    else patch.priceMax = amounts[0];
  }
  if (Object.keys(patch).length > 0) {
    const doc = await ctx.db.leads.findOne(lead.id).exec();
    await doc?.incrementalModify((l) => ({ ...l, ...patch, updatedAt: ctx.clock.now() }));
  }
}

const QUEUED = ['scheduled', 'waiting_for_channel', 'waiting_for_profile'] as const;

/**
 * Cancels what the assistant queued to the lead and has not sent (a question waiting for the
 * morning), except `keep`: once the agent takes over or the lead is handed off, nothing it
 * wrote earlier goes out later.
 */
export async function cancelQueued(
  ctx: CoreContext,
  leadId: string,
  why: string,
  keep?: string,
): Promise<number> {
  const prefix = `asst-${assistantKey(leadId)}-`;
  const queued = await ctx.db.messages
    .find({ selector: { leadId, direction: 'outbound', status: { $in: [...QUEUED] } } })
    .exec();
  let cancelled = 0;
  for (const doc of queued) {
    if (!doc.id.startsWith(prefix) || doc.id === keep || doc.channel === 'notification') continue;
    const moved = await transitionMessage(ctx.db, doc.id, 'cancelled', ctx.clock.now(), {
      from: QUEUED,
      detail: why,
    });
    if (moved !== null) cancelled++;
  }
  return cancelled;
}

export async function handOffLead(
  ctx: CoreContext,
  lead: Lead,
  state: AssistantLeadState,
  handOff: HandOff,
  keep?: string,
): Promise<AssistantLeadState> {
  const now = ctx.clock.now();
  await cancelQueued(ctx, lead.id, 'the assistant handed the lead to the agent', keep);
  const name = leadDisplayName(lead) || 'A lead';
  const key = assistantKey(lead.id);
  const taskId = `handoff-${key}-${state.turnCount}-${state.turns.length}`.slice(0, 64);
  await ensureTask(ctx, {
    id: taskId,
    leadId: lead.id,
    kind: 'call',
    title: `Assistant hand-off: ${name} — ${handOff.reason}`.slice(0, 200),
    notes: `The assistant paused for this lead and handed it to you. ${handOff.reason}`.slice(0, 5000),
    dueAt: now,
    demo: lead.demo,
  });
  await insertOnce(ctx, {
    ...base(ctx, lead, now),
    id: `asst-${key}-a${state.turnCount}-${state.turns.length}`.slice(0, 64),
    direction: 'outbound',
    channel: 'notification',
    status: 'scheduled',
    sendAt: now,
    subject: `The assistant handed ${name} to you`.slice(0, 200),
    body: handOff.reason.slice(0, 2000),
    to: lead.ownerId,
    attempt: 0,
    authoredBy: 'ai',
    statusHistory: [{ status: 'scheduled', at: now, detail: 'Hand-off notification from the assistant' }],
  });
  await noteFor(ctx, lead, state, `Assistant handed off to you: ${handOff.reason}`, 'h');
  return {
    ...state,
    mode: 'handed_off',
    nudgeAt: null,
    handOff: { kind: handOff.kind, reason: handOff.reason.slice(0, 300), at: now, taskId },
  };
}
