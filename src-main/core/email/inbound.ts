// What an email that arrived in the reply mailbox means, and recording it. A bounce (RFC 3464
// delivery status, Action: failed) suppresses an address only when it refers to a message we
// sent: B1 its original Message-ID, or our Message-ID in its In-Reply-To/References (the nonce
// must match providerId): the address we sent to is suppressed and the message 'undelivered';
// B2 our plus address it came back to (the reply token names the lead) and a failed recipient
// that is that lead's address. Any other bounce, a forged one naming a real lead included, is
// counted and ignored. Anything else is a reply, matched to a lead in this order:
//  M1 In-Reply-To / References naming a Message-ID we sent (the nonce must match providerId);
//  M2 the plus address it was sent to (the lead's reply token);
//  M3 the sender's address.
// A reply is stored once: its document id is derived from its own Message-ID, so a second
// delivery (a restart before the checkpoint moved, another replica polling) is a conflict, not a
// copy. It goes through recordMessage like every inbound touch, so the stop rules see it.
import type { Message } from '../../../src-shared/domain';
import type { CoreContext } from '../context';
import { suppressionDoc } from '../messages/suppression';
import { createHash } from 'node:crypto';
import { recordMessage } from '../messages/record-message';
import { transitionMessage } from '../messages/outbox-state';
import {
  leadIdFromToken,
  localPartOf,
  parseMessageIdHeader,
  providerIdOf,
  tokenInAddress,
} from './reply-address';

export interface DeliveryStatus {
  /** Final-Recipient (or Original-Recipient) address, lower case. */
  recipient: string;
  action: string;
  /** e.g. "5.1.1" */
  status: string;
  diagnostic?: string;
}

export interface InboundEmail {
  /** The email's own Message-ID; the adapter makes one up from the mailbox and UID when absent. */
  messageId: string;
  inReplyTo: string[];
  references: string[];
  /** Sender address, lower case. */
  from?: string;
  /** To, Cc, Delivered-To and X-Original-To addresses, lower case. */
  recipients: string[];
  subject: string;
  /** The text a person wrote (quoted history trimmed by the adapter when it can). */
  text: string;
  receivedAt: number;
  /** Present when the email is a delivery status notification (multipart/report). */
  deliveryReport?: { statuses: DeliveryStatus[]; originalMessageId?: string };
}

export type InboundOutcome =
  | { kind: 'reply'; leadId: string; messageId: string; matchedBy: 'thread' | 'plus_address' | 'sender' }
  | { kind: 'duplicate'; messageId: string }
  | { kind: 'bounce'; address: string; messageId?: string }
  /** A bounce that refers to nothing we sent: nothing suppressed. */
  | { kind: 'bounce_ignored'; address: string; why: string }
  | { kind: 'ignored'; why: string }
  | { kind: 'unmatched'; from?: string };

async function sentMessageFor(ctx: CoreContext, ids: readonly string[]): Promise<Message | null> {
  for (const id of ids) {
    const parsed = parseMessageIdHeader(id);
    if (parsed === null) continue;
    const doc = await ctx.db.messages.findOne(parsed.messageId).exec();
    if (doc === null || doc.direction !== 'outbound' || doc.channel !== 'email') continue;
    if (doc.providerId !== undefined && localPartOf(doc.providerId) === parsed.local)
      return doc.toMutableJSON();
  }
  return null;
}

async function leadExists(ctx: CoreContext, leadId: string): Promise<boolean> {
  const doc = await ctx.db.leads.findOne(leadId).exec();
  return doc !== null && doc.deletedAt === 0;
}

/** The live lead whose reply token is in one of `recipients` (our plus address), or null. */
async function leadOfPlusAddress(
  ctx: CoreContext,
  recipients: readonly string[],
  replyAddress: string,
  key: string,
): Promise<string | null> {
  for (const address of recipients) {
    const token = tokenInAddress(address, replyAddress);
    const leadId = token === null ? null : leadIdFromToken(token, key);
    if (leadId !== null && (await leadExists(ctx, leadId))) return leadId;
  }
  return null;
}

async function matchLead(
  ctx: CoreContext,
  email: InboundEmail,
  replyAddress: string,
  key: string,
): Promise<{ leadId: string; matchedBy: 'thread' | 'plus_address' | 'sender' } | null> {
  // M1: newest reference first (In-Reply-To, then References from the end).
  const answered = await sentMessageFor(ctx, [...email.inReplyTo, ...[...email.references].reverse()]);
  if (answered !== null && (await leadExists(ctx, answered.leadId)))
    return { leadId: answered.leadId, matchedBy: 'thread' };
  // M2
  const byToken = await leadOfPlusAddress(ctx, email.recipients, replyAddress, key);
  if (byToken !== null) return { leadId: byToken, matchedBy: 'plus_address' };
  // M3
  if (email.from !== undefined) {
    const doc = await ctx.db.leads.findOne({ selector: { email: email.from, deletedAt: 0 } }).exec();
    if (doc !== null) return { leadId: doc.id, matchedBy: 'sender' };
  }
  return null;
}

export function inboundEmailId(messageIdHeader: string): string {
  const bare = messageIdHeader.trim().replace(/^<|>$/g, '').toLowerCase();
  return `in-email-${createHash('sha256').update(bare).digest('hex').slice(0, 40)}`;
}

async function recordBounce(
  ctx: CoreContext,
  email: InboundEmail,
  report: NonNullable<InboundEmail['deliveryReport']>,
  mailbox: { replyAddress: string; replyTokenKey: string },
): Promise<InboundOutcome> {
  const failed = report.statuses.find((s) => s.action.toLowerCase() === 'failed');
  if (failed === undefined)
    return { kind: 'ignored', why: 'a delivery report without a failure (delayed or relayed)' };
  const now = ctx.clock.now();
  const original = await sentMessageFor(ctx, [
    ...(report.originalMessageId === undefined ? [] : [report.originalMessageId]),
    ...email.inReplyTo,
    ...email.references,
  ]);
  // B1: the address we sent that message to (a Final-Recipient may be an alias it expanded to).
  let address = original?.to ?? failed.recipient;
  let leadId = original?.leadId;
  if (original === null) {
    // B2: it came back to the plus address we gave one lead, and names that lead's address.
    const tokenLead = await leadOfPlusAddress(
      ctx,
      email.recipients,
      mailbox.replyAddress,
      mailbox.replyTokenKey,
    );
    const named = tokenLead === null ? null : await ctx.db.leads.findOne(tokenLead).exec();
    if (named === null || named.email === undefined || named.email !== failed.recipient)
      return {
        kind: 'bounce_ignored',
        address: failed.recipient,
        why:
          named === null
            ? 'it names no message we sent and did not come back to a lead’s reply address'
            : 'it came back to one lead’s reply address but names another address',
      };
    address = named.email;
    leadId = named.id;
  }
  if (address === '') return { kind: 'ignored', why: 'a bounce that names no recipient' };
  const lead = leadId === undefined ? null : await ctx.db.leads.findOne(leadId).exec();
  const detail =
    `bounced ${failed.status}${failed.diagnostic === undefined ? '' : `: ${failed.diagnostic}`}`.slice(
      0,
      200,
    );
  await ctx.db.suppressions.upsert(
    suppressionDoc(ctx, { channel: 'email', address, reason: 'bounce', detail, leadId: lead?.id }, now),
  );
  if (original !== null)
    await transitionMessage(ctx.db, original.id, 'undelivered', now, {
      from: ['sent', 'uncertain'],
      detail,
      patch: { error: { code: 'bounce', message: detail } },
    });
  return { kind: 'bounce', address, ...(original === null ? {} : { messageId: original.id }) };
}

export async function recordInboundEmail(
  ctx: CoreContext,
  email: InboundEmail,
  mailbox: { replyAddress: string; replyTokenKey: string },
): Promise<InboundOutcome> {
  if (email.deliveryReport !== undefined) return recordBounce(ctx, email, email.deliveryReport, mailbox);
  const match = await matchLead(ctx, email, mailbox.replyAddress, mailbox.replyTokenKey);
  if (match === null) return { kind: 'unmatched', ...(email.from === undefined ? {} : { from: email.from }) };
  const id = inboundEmailId(email.messageId);
  if ((await ctx.db.messages.findOne(id).exec()) !== null) return { kind: 'duplicate', messageId: id };
  const lead = await ctx.db.leads.findOne(match.leadId).exec();
  if (lead === null) return { kind: 'unmatched', ...(email.from === undefined ? {} : { from: email.from }) };
  try {
    await recordMessage(
      ctx,
      lead.toMutableJSON(),
      {
        direction: 'inbound',
        channel: 'email',
        status: 'received',
        subject: email.subject.slice(0, 200),
        body: email.text.slice(0, 20_000),
        authoredBy: 'lead',
        ...(email.from === undefined ? {} : { from: email.from.slice(0, 254) }),
        providerId: providerIdOf(email.messageId),
        statusHistory: [{ status: 'received', at: email.receivedAt }],
      },
      { id, at: email.receivedAt },
    );
  } catch (error) {
    // Two pollers racing: the second insert conflicts on the id.
    if ((await ctx.db.messages.findOne(id).exec()) !== null) return { kind: 'duplicate', messageId: id };
    throw error;
  }
  return { kind: 'reply', leadId: match.leadId, messageId: id, matchedBy: match.matchedBy };
}
