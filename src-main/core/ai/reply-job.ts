// Reads every inbound reply that arrives without a classification and applies what the reading
// allows (src-shared/ai/actions.ts): the message's classification (the engine's reactions then
// stop, nurture, tag or opt out), the hot tag, a call task. With aiAutoReply on (off unless the
// team turns it on), a suggested answer is scheduled inside the lead's allowed hours; otherwise
// nothing is ever sent to the lead from here. Replies of one lead are handled in order.
import type { RxChangeEvent } from 'rxdb';
import type { Message } from '../../../src-shared/domain';
import { replyActions } from '../../../src-shared/ai';
import type { AiReplyClassified } from '../../../src-shared/ipc/ai';
import { PorchlightError } from '../../../src-shared/ipc/errors';
import { nextAllowedSendTime, sendPolicyFor } from '../../../src-shared/timing';
import type { CoreContext } from '../context';
import { dayRulesOf, readEngineSettings, sendRulesOf } from '../engine/settings';
import type { ReplyClassifier } from '../ports/ai';
import { ensureTask } from '../tasks/task-store';
import { readLeadState } from '../assistant/store';
import { aiReplyClassifier } from './classifier';
import { suggestReply } from './drafts';
import { loadAiSettings } from './settings';
import { aiStatus } from './status';

/** The tag a reply marked hot puts on its lead (the score's temperature stays the job's). */
export const HOT_REPLY_TAG = 'hot-reply';

const readable = new Set(['sms', 'whatsapp', 'email']);

function historyNote(
  result: Pick<AiReplyClassified, 'source' | 'model' | 'label' | 'fallbackReason'>,
): string {
  const who = result.source === 'ai' ? `AI (${result.model ?? 'model'})` : 'rules';
  const why = result.fallbackReason === undefined ? '' : `: ${result.fallbackReason}`;
  return `Read by ${who} as ${result.label}${why}`.slice(0, 200);
}

export async function classifyAndApply(
  ctx: CoreContext,
  messageId: string,
  classifier: ReplyClassifier = aiReplyClassifier(ctx),
): Promise<AiReplyClassified> {
  const doc = await ctx.db.messages.findOne(messageId).exec();
  if (doc === null || doc.direction !== 'inbound')
    throw new PorchlightError('not_found', `Reply ${messageId} was not found.`);
  const message = doc.toMutableJSON();
  const text = message.subject === undefined ? message.body : `${message.subject}\n${message.body}`;
  const classified = await classifier.classify({ channel: message.channel, text });
  const { label, actions, reasons } = replyActions(classified.reading);
  const result: AiReplyClassified = {
    messageId,
    leadId: message.leadId,
    reading: classified.reading,
    label,
    actions,
    reasons,
    source: classified.source,
    ...(classified.model === undefined ? {} : { model: classified.model }),
    ...(classified.fallbackReason === undefined ? {} : { fallbackReason: classified.fallbackReason }),
  };
  const now = ctx.clock.now();
  await doc.incrementalModify((m) => ({
    ...m,
    classification: label,
    statusHistory: [...m.statusHistory, { status: m.status, at: now, detail: historyNote(result) }].slice(
      -50,
    ),
    updatedAt: now,
  }));
  const lead = await ctx.db.leads.findOne(message.leadId).exec();
  if (lead !== null && actions.includes('mark_hot') && !lead.tags.includes(HOT_REPLY_TAG)) {
    await lead.incrementalModify((l) => ({ ...l, tags: [...l.tags, HOT_REPLY_TAG], updatedAt: now }));
  }
  if (lead !== null && actions.includes('create_call_task'))
    await ensureTask(ctx, {
      id: `call-${messageId}`.slice(0, 64),
      leadId: message.leadId,
      kind: 'call',
      title: `Call ${lead.firstName || 'the lead'} back: they asked for a call`,
      dueAt: now,
      messageId,
      demo: message.demo,
    });
  if (label === 'positive' || label === 'neutral') {
    const autoReplyId = await maybeAutoReply(ctx, message);
    if (autoReplyId !== null) result.autoReplyId = autoReplyId;
  }
  ctx.events.emit('ai-reply-classified', result);
  ctx.events.emit('ai-status-changed', await aiStatus(ctx));
  return result;
}

/** Schedules the suggested answer when the team turned aiAutoReply on; returns its id. */
async function maybeAutoReply(ctx: CoreContext, inbound: Message): Promise<string | null> {
  if (!(await loadAiSettings(ctx.db)).aiAutoReply) return null;
  // A lead the assistant talks to (or the agent took over from it) gets no second answer.
  const assistant = await readLeadState(ctx, inbound.leadId);
  if (assistant !== null && assistant.mode !== 'off' && assistant.mode !== 'stopped') return null;
  const lead = (await ctx.db.leads.findOne(inbound.leadId).exec())?.toMutableJSON();
  if (lead === undefined) return null;
  const draft = await suggestReply(ctx, inbound.id);
  const to = draft.channel === 'email' ? lead.email : lead.phone;
  if (to === undefined) return null;
  const engine = await readEngineSettings(ctx);
  const rules = sendRulesOf(lead, engine, ctx.workspace.defaultCountry);
  const now = ctx.clock.now();
  const sendAt = nextAllowedSendTime(now, rules.zones, sendPolicyFor(rules, dayRulesOf(engine)));
  const id = `auto-${inbound.id}`.slice(0, 64);
  const { success } = await ctx.db.messages.bulkInsert([
    {
      id,
      teamId: lead.teamId,
      ownerId: lead.ownerId,
      updatedAt: now,
      leadId: lead.id,
      direction: 'outbound',
      channel: draft.channel,
      status: 'scheduled',
      createdAt: now,
      sendAt,
      body: draft.text,
      to,
      attempt: 0,
      authoredBy: draft.source === 'ai' ? 'ai' : 'template',
      statusHistory: [
        { status: 'scheduled', at: now, detail: `Automatic answer (aiAutoReply) by ${draft.source}` },
      ],
      demo: lead.demo,
      ...(draft.channel === 'email' ? { subject: 'Re: your message' } : {}),
    },
  ]);
  return success.length === 0 ? null : id;
}

/** Starts reading new inbound replies; returns stop and idle (for tests and shutdown). */
export function startReplyClassification(
  ctx: CoreContext,
  classifier: ReplyClassifier = aiReplyClassifier(ctx),
): { stop(): void; idle(): Promise<void> } {
  const chains = new Map<string, Promise<void>>();
  const subscription = ctx.db.messages.$.subscribe((event: RxChangeEvent<Message>) => {
    const m = event.documentData;
    if (event.operation !== 'INSERT' || m.direction !== 'inbound' || m.classification !== undefined) return;
    if (!readable.has(m.channel)) return;
    const run = async (): Promise<void> => {
      try {
        await classifyAndApply(ctx, m.id, classifier);
      } catch {
        // The reply stays unclassified (the engine's stop rule already ran); the agent can classify it.
      }
    };
    const next = (chains.get(m.leadId) ?? Promise.resolve()).then(run);
    chains.set(m.leadId, next);
    void next.then(() => {
      if (chains.get(m.leadId) === next) chains.delete(m.leadId);
    });
  });
  return {
    stop: () => subscription.unsubscribe(),
    idle: async () => {
      while (chains.size > 0) await Promise.all([...chains.values()]);
    },
  };
}
