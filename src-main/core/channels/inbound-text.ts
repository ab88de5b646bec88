// One text reply from a provider (a webhook in team mode, polling in solo mode), recorded once:
// its id is derived from the provider's message id, so the same reply delivered twice (the
// webhook and the poller, or a provider retry) is a duplicate, never two timeline entries.
// Any reply lands in the timeline, where the engine's stop rules see it (any reply stops the
// lead's sequences; STOP opts out everywhere). Keywords are Twilio's (src-shared/sms/keywords).
import type { Lead, Message } from '../../../src-shared/domain';
import type { KeywordKind } from '../../../src-shared/sms/keywords';
import { keywordOf } from '../../../src-shared/sms/keywords';
import type { CoreContext } from '../context';
import { findLeadByAddress, recordMessage } from '../messages/record-message';
import type { ChannelSender } from '../ports/channels';
import { optBackIn, suppressUnknownNumber } from './opt-in-out';
import { readTwilioSettings } from './twilio-settings';

export interface InboundText {
  /** The provider's message id (Twilio's SM…/MM… sid). */
  providerId: string;
  channel: 'sms' | 'whatsapp';
  /** E.164, without a "whatsapp:" prefix. */
  from: string;
  body: string;
  receivedAt: number;
}

export type InboundOutcome =
  | { kind: 'recorded'; message: Message; keyword: KeywordKind; helpSent: boolean }
  | { kind: 'duplicate'; keyword: KeywordKind }
  | { kind: 'unmatched'; keyword: KeywordKind; helpSent: boolean };

export function inboundMessageId(providerId: string): string {
  return `in-${providerId}`.slice(0, 64);
}

export async function recordInboundText(
  ctx: CoreContext,
  inbound: InboundText,
  /** Answers HELP/INFO; absent = no automatic answer. */
  replyWith?: ChannelSender,
): Promise<InboundOutcome> {
  const keyword = keywordOf(inbound.body);
  const id = inboundMessageId(inbound.providerId);
  if ((await ctx.db.messages.findOne(id).exec()) !== null) return { kind: 'duplicate', keyword };
  const lead = await findLeadByAddress(ctx, inbound.from);

  if (keyword === 'opt_in') await optBackIn(ctx, lead, inbound.from, inbound.channel);
  if (keyword === 'opt_out' && lead === null)
    await suppressUnknownNumber(ctx, inbound.from, `"${inbound.body.slice(0, 40)}" on ${inbound.channel}`);
  const answerHelp = async (): Promise<boolean> =>
    keyword === 'help' && (await sendHelp(ctx, inbound, lead, replyWith));
  if (lead === null) return { kind: 'unmatched', keyword, helpSent: await answerHelp() };

  let message: Message;
  try {
    message = await recordMessage(
      ctx,
      lead,
      {
        direction: 'inbound',
        channel: inbound.channel,
        status: 'received',
        body: inbound.body,
        authoredBy: 'lead',
        from: inbound.from,
        providerId: inbound.providerId,
        statusHistory: [{ status: 'received', at: inbound.receivedAt }],
      },
      { id, at: inbound.receivedAt },
    );
  } catch (error) {
    // Two deliveries racing: the second insert conflicts on the id.
    if ((await ctx.db.messages.findOne(id).exec()) !== null) return { kind: 'duplicate', keyword };
    throw error;
  }
  return { kind: 'recorded', message, keyword, helpSent: await answerHelp() };
}

async function sendHelp(
  ctx: CoreContext,
  inbound: InboundText,
  lead: Lead | null,
  sender: ChannelSender | undefined,
): Promise<boolean> {
  if (sender === undefined || (lead?.demo === true && sender.reachesLeads)) return false;
  const { helpText } = await readTwilioSettings(ctx);
  const messageId = `help-${inbound.providerId}`.slice(0, 64);
  let providerId: string;
  try {
    providerId = (
      await sender.send(
        { messageId, leadId: lead?.id ?? '', channel: inbound.channel, to: inbound.from, body: helpText },
        AbortSignal.timeout(30_000),
      )
    ).providerId;
  } catch (error) {
    // The reply is already in the timeline; a failed answer must not lose it.
    console.error('Porchlight: could not answer HELP:', error instanceof Error ? error.message : error);
    return false;
  }
  if (lead !== null) {
    const now = ctx.clock.now();
    await recordMessage(
      ctx,
      lead,
      {
        direction: 'outbound',
        channel: inbound.channel,
        status: 'sent',
        body: helpText,
        authoredBy: 'template',
        to: inbound.from,
        providerId,
        statusHistory: [{ status: 'sent', at: now, detail: 'answer to HELP' }],
      },
      { id: messageId },
    );
  }
  return true;
}
