// The messages feature: the lead timeline, replies and logged touches (the engine's stop rules
// react to them in the store), classification, and the agent's decision on uncertain sends.
import type { Lead, Message } from '../../../src-shared/domain';
import type { ValidArgs } from '../../../src-shared/ipc/contract';
import { PorchlightError } from '../../../src-shared/ipc/errors';
import type { CoreContext } from '../context';
import { advanceEnrollment } from '../enrollments/materialise';
import { emitAttention } from '../engine/settle';
import { transitionMessage } from './outbox-state';
import { findLeadByAddress, recordMessage } from './record-message';
import { messagesForLead, previewsForLead } from './timeline';

export function messageHandlers(ctx: CoreContext) {
  const { db, clock } = ctx;

  async function findLead(leadId: string | undefined, from: string | undefined): Promise<Lead> {
    if (leadId !== undefined) {
      const doc = await db.leads.findOne(leadId).exec();
      if (doc !== null) return doc.toMutableJSON();
    } else if (from !== undefined) {
      const lead = await findLeadByAddress(ctx, from);
      if (lead !== null) return lead;
    }
    throw new PorchlightError(
      'not_found',
      `No lead matches ${leadId ?? from ?? 'this message'}; create the lead first.`,
    );
  }

  async function resolveUncertain(args: ValidArgs<'messages-resolve-uncertain'>): Promise<Message> {
    const now = clock.now();
    const to = { was_sent: 'sent', send_again: 'scheduled', cancel: 'cancelled' } as const;
    const detail = {
      was_sent: 'the agent confirmed it was sent',
      send_again: 'the agent chose to send it again',
      cancel: 'the agent chose not to send it',
    };
    const moved = await transitionMessage(db, args.id, to[args.decision], now, {
      from: ['uncertain'],
      detail: detail[args.decision],
      ...(args.decision === 'send_again' ? { patch: { sendAt: now } } : {}),
    });
    if (moved === null)
      throw new PorchlightError('conflict', 'This message is no longer uncertain; reload the timeline.');
    if (args.decision !== 'send_again') await advanceEnrollment(ctx, moved, now);
    const task = await db.tasks.findOne(`unc-${args.id.slice(4)}`).exec();
    if (task !== null && task.status === 'open')
      await task.incrementalPatch({ status: 'done', completedAt: now, updatedAt: now });
    emitAttention(ctx);
    return moved;
  }

  return {
    'messages-for-lead': (args: ValidArgs<'messages-for-lead'>): Promise<Message[]> =>
      messagesForLead(db, args),
    'messages-previews': (args: ValidArgs<'messages-previews'>) => previewsForLead(ctx, args.leadId),
    'messages-upcoming': async (args: ValidArgs<'messages-upcoming'>): Promise<Message[]> => {
      const docs = await db.messages
        .find({
          selector: { status: 'scheduled', sendAt: { $gte: 0 } },
          sort: [{ sendAt: 'asc' }],
          limit: args.limit,
        })
        .exec();
      return docs.map((d) => d.toMutableJSON());
    },
    'messages-record-inbound': async (args: ValidArgs<'messages-record-inbound'>): Promise<Message> => {
      const lead = await findLead(args.leadId, args.from);
      return recordMessage(ctx, lead, {
        direction: 'inbound',
        channel: args.channel,
        status: 'received',
        body: args.body,
        authoredBy: 'lead',
        statusHistory: [{ status: 'received', at: clock.now() }],
        ...(args.subject === undefined ? {} : { subject: args.subject }),
        ...(args.from === undefined ? {} : { from: args.from }),
        ...(args.classification === undefined ? {} : { classification: args.classification }),
      });
    },
    'messages-log-outbound': async (args: ValidArgs<'messages-log-outbound'>): Promise<Message> => {
      const lead = await findLead(args.leadId, undefined);
      return recordMessage(ctx, lead, {
        direction: 'outbound',
        channel: args.channel,
        status: 'logged',
        body: args.body,
        authoredBy: 'human',
        statusHistory: [{ status: 'logged', at: clock.now() }],
      });
    },
    'messages-classify': async (args: ValidArgs<'messages-classify'>): Promise<Message> => {
      const doc = await db.messages.findOne(args.id).exec();
      if (doc === null || doc.direction !== 'inbound')
        throw new PorchlightError('not_found', `Reply ${args.id} was not found.`);
      const next = await doc.incrementalPatch({
        classification: args.classification,
        updatedAt: clock.now(),
      });
      return next.toMutableJSON();
    },
    'messages-attention': async () => {
      const [uncertain, failed] = await Promise.all([
        db.messages.find({ selector: { status: 'uncertain' }, sort: [{ updatedAt: 'desc' }] }).exec(),
        db.messages
          .find({
            selector: { status: 'failed', direction: 'outbound' },
            sort: [{ updatedAt: 'desc' }],
            limit: 200,
          })
          .exec(),
      ]);
      return {
        uncertain: uncertain.map((d) => d.toMutableJSON()),
        failed: failed.map((d) => d.toMutableJSON()),
      };
    },
    'messages-resolve-uncertain': resolveUncertain,
  };
}

export type MessageHandlers = ReturnType<typeof messageHandlers>;
