// Replies waiting for an answer: an inbound text, WhatsApp or email counts as answered once a
// person (or the AI on their behalf) wrote to the same lead after it — sent, queued, or a
// logged call — so a reply the agent dealt with leaves the list whatever way they answered.
// A sequence's automatic step is not an answer.
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
      const waiting: UnansweredReply[] = [];
      for (const [leadId, message] of newestPerLead) {
        if (waiting.length >= args.limit) break;
        const lead = await db.leads.findOne(leadId).exec();
        if (lead === null || lead.deletedAt > 0) continue;
        const later = await db.messages
          .find({ selector: { leadId, createdAt: { $gt: message.createdAt } }, sort: [{ createdAt: 'asc' }] })
          .exec();
        const answered = later.some(
          (m) => m.direction === 'outbound' && m.authoredBy !== 'template' && !NOT_AN_ANSWER.has(m.status),
        );
        if (!answered) waiting.push({ message, lead: lead.toMutableJSON() });
      }
      return waiting;
    },
  };
}

export type ReplyHandlers = ReturnType<typeof replyHandlers>;
