// A lead's timeline reads: touches newest first in pages (a cursor of createdAt + id, so a
// long history is never cut off), and the messages still waiting to go, rendered as they would
// go out now so the agent never reads raw `{{placeholders}}`. A message is filled in only when
// it goes out (step 8 of the send pipeline), so one cancelled or skipped before that still holds
// its template: it is previewed too, as it would have read, and said to be unsent.
import type { Message } from '../../../src-shared/domain';
import type { ValidArgs } from '../../../src-shared/ipc/contract';
import type { MessagePreview } from '../../../src-shared/ipc/messages';
import { TemplateError } from '../../../src-shared/templates';
import type { CoreContext } from '../context';
import { readEngineSettings } from '../engine/settings';
import type { PorchlightDatabase } from '../store/collections';
import { renderOutgoing } from './render-outgoing';

/** Statuses of a message that has not gone yet and will (or may) go. */
const WAITING = ['draft', 'scheduled', 'waiting_for_channel'] as const;
/** Statuses of a message that ended without going out, if it never reached `sending`. */
const ENDED_UNSENT = ['cancelled', 'skipped'] as const;

function neverFilledIn(message: Message): boolean {
  return (
    (ENDED_UNSENT as readonly string[]).includes(message.status) &&
    !message.statusHistory.some((step) => step.status === 'sending') &&
    (message.templateId !== undefined ||
      message.body.includes('{{') ||
      (message.subject ?? '').includes('{{'))
  );
}

export async function messagesForLead(
  db: PorchlightDatabase,
  args: ValidArgs<'messages-for-lead'>,
): Promise<Message[]> {
  const { leadId, limit, before } = args;
  const newestFirst = [{ createdAt: 'desc' as const }, { id: 'desc' as const }];
  // Two index ranges instead of one `$or`: the rest of the cursor's millisecond, then older ones.
  const sameMs =
    before === undefined
      ? []
      : await db.messages
          .find({
            selector: { leadId, createdAt: before.createdAt, id: { $lt: before.id } },
            sort: newestFirst,
            limit,
          })
          .exec();
  const older = await db.messages
    .find({
      selector: { leadId, ...(before === undefined ? {} : { createdAt: { $lt: before.createdAt } }) },
      sort: newestFirst,
      limit: limit - sameMs.length,
    })
    .exec();
  return [...sameMs, ...older].map((doc) => doc.toMutableJSON());
}

export async function previewsForLead(ctx: CoreContext, leadId: string): Promise<MessagePreview[]> {
  const lead = (await ctx.db.leads.findOne(leadId).exec())?.toMutableJSON();
  if (lead === undefined) return [];
  const waiting = await ctx.db.messages
    .find({
      selector: { leadId, direction: 'outbound', status: { $in: [...WAITING, ...ENDED_UNSENT] } },
    })
    .exec();
  const settings = await readEngineSettings(ctx);
  const now = ctx.clock.now();
  const previews: MessagePreview[] = [];
  for (const doc of waiting) {
    const message = doc.toMutableJSON();
    if (message.channel === 'note') continue;
    const unsent = neverFilledIn(message);
    if (!unsent && !(WAITING as readonly string[]).includes(message.status)) continue;
    try {
      const content = await renderOutgoing(ctx, message, lead, message.channel, settings, now);
      previews.push({
        id: message.id,
        body: content.body,
        ...(content.subject === undefined ? {} : { subject: content.subject }),
        ...(unsent ? { unsent: true } : {}),
      });
    } catch (error) {
      if (!(error instanceof TemplateError)) throw error;
      previews.push(
        unsent
          ? { id: message.id, unsent: true, problem: `It was never filled in: ${error.message}` }
          : { id: message.id, problem: `It would not go out as it stands: ${error.message}` },
      );
    }
  }
  return previews;
}
