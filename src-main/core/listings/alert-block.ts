// What a message's property placeholders become when it leaves. In a property-alert sequence
// (or wherever {{property_summary}} is written) both are the lead's news: the new homes and
// price cuts since their previous alert ("3 new homes in Maple Grove under $450k", and those
// homes as cards or one line); elsewhere {{property_matches}} is the lead's best homes. No news
// refuses the message with the reason, as an empty block does: an alert never says "0 homes".
import type { Channel, Lead, Message } from '../../../src-shared/domain';
import { TemplateError } from '../../../src-shared/templates';
import type { CoreContext } from '../context';
import { alertNewsFor, isAlertSequence } from './property-alerts';
import type { PropertyBlock } from './property-block';
import { blockOf, propertyBlockFor, usesPropertyBlock } from './property-block';

const SUMMARY = /\{\{\s*property_summary\s*(\|[^{}]*)?\}\}/;

export function usesPropertySummary(...texts: (string | undefined)[]): boolean {
  return texts.some((text) => text !== undefined && SUMMARY.test(text));
}

export interface PropertyContent {
  block?: PropertyBlock;
  summary?: string;
}

/** When the alert this message belongs to started, or null when it is not an alert's. */
async function alertStartOf(ctx: CoreContext, message: Message | undefined): Promise<number | null> {
  if (message?.enrollmentId === undefined || message.sequenceId === undefined) return null;
  const sequence = await ctx.db.sequences.findOne(message.sequenceId).exec();
  if (sequence === null || !isAlertSequence(sequence)) return null;
  const enrollment = await ctx.db.enrollments.findOne(message.enrollmentId).exec();
  return enrollment?.startedAt ?? null;
}

/** The block and summary `texts` (body, HTML part, subject) need for this lead now. */
export async function propertyContentFor(
  ctx: CoreContext,
  lead: Lead,
  channel: Channel,
  texts: readonly (string | undefined)[],
  message?: Message,
): Promise<PropertyContent> {
  const wantsSummary = usesPropertySummary(...texts);
  const wantsBlock = usesPropertyBlock(...texts);
  if (!wantsSummary && !wantsBlock) return {};
  const startedAt = await alertStartOf(ctx, message);
  if (startedAt === null && !wantsSummary) return { block: await propertyBlockFor(ctx, lead, channel) };
  const news = await alertNewsFor(ctx, lead, startedAt ?? undefined);
  if (news === null) {
    const name = lead.firstName.trim() === '' ? 'this lead' : lead.firstName.trim();
    throw new TemplateError(
      'no_property_matches',
      `No new home or price cut fits ${name} since their last alert (a home may have sold or been sent meanwhile). The message was not sent.`,
      [wantsSummary ? 'property_summary' : 'property_matches'],
    );
  }
  return { summary: news.summary, ...(wantsBlock ? { block: blockOf(news.homes, channel) } : {}) };
}
