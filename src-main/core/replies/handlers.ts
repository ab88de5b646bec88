// Replies waiting for an answer: an inbound text, WhatsApp or email counts as answered once a
// person (or the AI on their behalf) wrote to the same lead after it — sent, queued, or a
// logged call — so a reply the agent dealt with leaves the list whatever way they answered.
// A sequence's automatic step is not an answer.
import { isAssistantMessageId } from '../../../src-shared/assistant/state';
import type { Message } from '../../../src-shared/domain';
import type { ValidArgs } from '../../../src-shared/ipc/contract';
import type { UnansweredReply } from '../../../src-shared/ipc/replies';
import type { CoreContext } from '../context';

/** Outbound statuses that mean nobody answered (it never went and will not). */
const NOT_AN_ANSWER = new Set<string>(['cancelled', 'skipped', 'failed', 'undelivered', 'rerouted']);
/** How many recent inbound replies are looked at. */
const SCAN = 500;

export function replyHandlers(ctx: CoreContext) {
  const { db } = ctx;
  return {
    'replies-unanswered': async (args: ValidArgs<'replies-unanswered'>): Promise<UnansweredReply[]> => {
      const inbound = await db.messages
        .find({
          selector: { status: 'received', direction: 'inbound' },
          sort: [{ createdAt: 'desc' }],
          limit: SCAN,
        })
        .exec();
      const newestPerLead = new Map<string, Message>();
      for (const doc of inbound) {
        if (doc.channel === 'note' || newestPerLead.has(doc.leadId)) continue;
        newestPerLead.set(doc.leadId, doc.toMutableJSON());
      }
      if (newestPerLead.size === 0) return [];
      // Two reads for all of them: the leads by id, and every outbound message written since the
      // oldest of these replies (an answer is created after the reply, so its updatedAt is too).
      const oldest = Math.min(...[...newestPerLead.values()].map((m) => m.createdAt));
      const [leads, outbound] = await Promise.all([
        db.leads.findByIds([...newestPerLead.keys()]).exec(),
        db.messages.find({ selector: { updatedAt: { $gt: oldest }, direction: 'outbound' } }).exec(),
      ]);
      const lastAnswerAt = new Map<string, number>();
      for (const m of outbound) {
        if (m.authoredBy === 'template' || NOT_AN_ANSWER.has(m.status) || !newestPerLead.has(m.leadId))
          continue;
        // The assistant's notes and its hand-off alerts to the agent never reached the lead.
        if (isAssistantMessageId(m.id) && (m.channel === 'note' || m.channel === 'notification')) continue;
        lastAnswerAt.set(m.leadId, Math.max(lastAnswerAt.get(m.leadId) ?? 0, m.createdAt));
      }
      const waiting: UnansweredReply[] = [];
      for (const [leadId, message] of newestPerLead) {
        if (waiting.length >= args.limit) break;
        const lead = leads.get(leadId);
        if (lead === undefined || lead.deletedAt > 0) continue;
        if ((lastAnswerAt.get(leadId) ?? 0) <= message.createdAt)
          waiting.push({ message, lead: lead.toMutableJSON() });
      }
      return waiting;
    },
  };
}

export type ReplyHandlers = ReturnType<typeof replyHandlers>;
