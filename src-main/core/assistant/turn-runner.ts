// Runs one assistant turn for a lead and applies it: reads the state, the lead's history, the
// agent's profile (its voice) and, when the AI may be asked, the model's reading of the reply;
// plans the turn with the pure rules (src-shared/assistant/turn.ts); then queues what it says
// through the outbox like every other message, records what it learned, hands off when the
// turn says so, and saves the state. Callers serialise turns per lead (LeadLocks).
import type { AssistantLeadState, Qualification, TurnEvent } from '../../../src-shared/assistant';
import { planTurn, readHistory } from '../../../src-shared/assistant';
import { dayKey, readReplyByRules } from '../../../src-shared/ai';
import type { Lead, Message } from '../../../src-shared/domain';
import { leadTexts } from '../../../src-shared/scoring/content';
import type { CoreContext } from '../context';
import { readEngineSettings } from '../engine/settings';
import { readProfile } from '../profile/profile-store';
import { loadScoringSettings } from '../scoring/settings';
import { aiFieldsOf } from './ai-reading';
import { cancelQueued, handOffLead, noteFor, queueAssistantMessage, recordLearned } from './effects';
import { readAssistantSettings, readLeadState, writeLeadState } from './store';

/** Why the assistant cannot speak for this agent yet, or null. */
export async function profileBlock(ctx: CoreContext): Promise<string | null> {
  const profile = await readProfile(ctx);
  return profile.firstName.trim() === ''
    ? 'The assistant introduces itself with your name: fill your first name in Settings → Profile.'
    : null;
}

async function historyOf(ctx: CoreContext, leadId: string): Promise<Message[]> {
  const docs = await ctx.db.messages
    .find({ selector: { leadId }, sort: [{ createdAt: 'desc' }], limit: 200 })
    .exec();
  return docs.map((d) => d.toMutableJSON());
}

/** Fields the lead's history already answers (never asked again), kept beside the answers. */
function withHistory(
  state: AssistantLeadState,
  lead: Lead,
  messages: Message[],
  now: number,
  areas: readonly string[],
): Qualification {
  const theirs = messages.filter(
    (m) => m.direction === 'inbound' || (m.channel === 'note' && !m.id.startsWith('asst-')),
  );
  const history = readHistory(leadTexts(lead, theirs, now), now, areas);
  const merged: Qualification = { ...state.qualification };
  for (const [field, filled] of Object.entries(history))
    if (filled !== undefined && merged[field as keyof Qualification] === undefined)
      merged[field as keyof Qualification] = filled;
  return merged;
}

export async function runAssistantTurn(
  ctx: CoreContext,
  leadId: string,
  event: TurnEvent,
): Promise<AssistantLeadState | null> {
  const [leadDoc, saved] = await Promise.all([
    ctx.db.leads.findOne(leadId).exec(),
    readLeadState(ctx, leadId),
  ]);
  if (leadDoc === null || saved === null) return saved;
  const lead = leadDoc.toMutableJSON();
  if (event.kind === 'reply' && saved.lastReadId === event.messageId) return saved;
  if (lead.deletedAt > 0 || lead.stage === 'closed' || lead.stage === 'lost')
    return saved.mode === 'on'
      ? stopFor(ctx, saved, 'The lead was closed, lost or deleted: the assistant stopped.')
      : saved;
  const now = ctx.clock.now();
  const [settings, engine, profile, scoring, messages] = await Promise.all([
    readAssistantSettings(ctx),
    readEngineSettings(ctx),
    readProfile(ctx),
    loadScoringSettings(ctx),
    historyOf(ctx, leadId),
  ]);
  const block = await profileBlock(ctx);
  if (block !== null && saved.mode === 'on' && event.kind !== 'reply') {
    // Nothing goes out in a voice that has no name; it speaks once the profile is filled.
    return saved;
  }
  const areas = scoring.market.areas;
  const state = { ...saved, qualification: withHistory(saved, lead, messages, now, areas) };
  const optOut = event.kind === 'reply' && readReplyByRules(event.text).optOut;
  const aiFields =
    event.kind === 'reply' && state.mode === 'on' ? await aiFieldsOf(ctx, lead.id, event.text) : {};
  const result = planTurn({
    state,
    event: event.kind === 'reply' ? { ...event, optOut: event.optOut || optOut } : event,
    voice: { agentFirstName: profile.firstName, brokerage: profile.brokerage, leadFirstName: lead.firstName },
    settings,
    score: lead.score,
    day: dayKey(now, engine.teamTimeZone),
    now,
    teamAreas: areas,
    aiFields,
  });
  let next = result.state;
  if (block !== null && result.send !== null) {
    next = { ...saved, lastReadId: next.lastReadId, qualification: next.qualification };
    await writeLeadState(ctx, next);
    return next;
  }
  const inbound = event.kind === 'reply' ? messages.find((m) => m.id === event.messageId) : undefined;
  if (result.learned.length > 0) await recordLearned(ctx, lead, next, result.learned);
  let sentId: string | null = null;
  if (result.send !== null) {
    const messageId = await queueAssistantMessage(ctx, lead, next, result.send, inbound, engine);
    const last = next.turns.at(-1);
    sentId = messageId;
    if (messageId !== null && last !== undefined)
      next = { ...next, turns: [...next.turns.slice(0, -1), { ...last, messageId }] };
    if (messageId === null) {
      // No channel reaches them: nothing was sent, so the agent is called instead.
      next = { ...next, mode: 'handed_off', nudgeAt: null };
      next = await handOffLead(ctx, lead, next, {
        kind: 'guardrail',
        reason: 'No channel reaches this lead (no phone or email, or suppressed).',
      });
      await writeLeadState(ctx, next);
      return next;
    }
  }
  if (result.handOff !== null) next = await handOffLead(ctx, lead, next, result.handOff, sentId ?? undefined);
  if (next.mode === 'stopped' && saved.mode !== 'stopped')
    await cancelQueued(ctx, lead.id, 'they asked to stop');
  if (next.mode === 'stopped' && saved.mode !== 'stopped')
    await noteFor(ctx, lead, next, 'They asked to stop: the assistant stopped and sends nothing more.');
  await writeLeadState(ctx, next);
  return next;
}

async function stopFor(
  ctx: CoreContext,
  state: AssistantLeadState,
  why: string,
): Promise<AssistantLeadState> {
  const now = ctx.clock.now();
  const turn = { at: now, kind: 'note' as const, field: null, messageId: null, text: why };
  const next: AssistantLeadState = {
    ...state,
    mode: 'stopped',
    nudgeAt: null,
    turns: [...state.turns, turn].slice(-60),
    updatedAt: now,
  };
  await writeLeadState(ctx, next);
  return next;
}
