// Adding one touch to a lead's timeline: the message document, the lead's last-contact times,
// and the change events. Used by the messages handlers and by channel adapters (replies that
// arrive by webhook or polling), so every way in behaves the same. The engine's stop rules
// react to inbound messages in the store, not to this function.
import { randomUUID } from 'node:crypto';
import type { Lead, Message } from '../../../src-shared/domain';
import type { CoreContext } from '../context';

export type MessageFields = Omit<
  Message,
  'id' | 'teamId' | 'ownerId' | 'updatedAt' | 'leadId' | 'createdAt' | 'attempt' | 'demo'
>;

/** Finds the live lead with this phone (E.164) or email. */
export async function findLeadByAddress(ctx: CoreContext, address: string): Promise<Lead | null> {
  const doc = await ctx.db.leads
    .findOne({
      selector: { $or: [{ phone: address.trim() }, { email: address.trim().toLowerCase() }], deletedAt: 0 },
    })
    .exec();
  return doc === null ? null : doc.toMutableJSON();
}

/**
 * Inserts the message (`id` lets a provider's message id make a second delivery of the same
 * reply a conflict instead of a copy) and moves the lead's last contact forward.
 */
export async function recordMessage(
  ctx: Pick<CoreContext, 'db'> & { clock: Pick<CoreContext['clock'], 'now'> },
  lead: Lead,
  message: MessageFields,
  options: { id?: string; at?: number } = {},
): Promise<Message> {
  const now = ctx.clock.now();
  const at = options.at ?? now;
  const doc: Message = {
    id: options.id ?? randomUUID(),
    teamId: lead.teamId,
    ownerId: lead.ownerId,
    updatedAt: now,
    leadId: lead.id,
    createdAt: at,
    attempt: 0,
    demo: lead.demo,
    ...message,
  };
  await ctx.db.messages.insert(doc);
  const leadDoc = await ctx.db.leads.findOne(lead.id).exec();
  await leadDoc?.incrementalModify((l) => ({
    ...l,
    lastContactAt: Math.max(l.lastContactAt, at),
    ...(doc.direction === 'inbound' ? { lastInboundAt: Math.max(l.lastInboundAt ?? 0, at) } : {}),
    updatedAt: now,
  }));
  return doc;
}
