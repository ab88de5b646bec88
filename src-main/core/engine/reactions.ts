// The engine's reactions to what lands in the store, whoever wrote it (a handler, an adapter,
// replication): triggers start enrollments; stop rules end them. Work for one lead runs in order.
//   lead inserted            -> new-lead (and tag/score) triggers
//   lead updated             -> deleted/merged/closed/lost: stop; stage/tag/score triggers
//   inbound message          -> stop every enrollment (any reply); STOP keyword: suppress all
//                               channels; positive: nurture; negative: stop and tag
//   logged outbound by agent -> a queued automatic first touch is cancelled
//   suppression              -> stop every enrollment of that lead
import type { RxChangeEvent } from 'rxdb';
import type { Subscription } from 'rxjs';
import type { Lead, Message, Sequence, Suppression } from '../../../src-shared/domain';
import { REPLIED_STOP_REASON } from '../../../src-shared/ipc/sequences';
import { endStagesOf } from '../../../src-shared/playbooks/builtin-sequences';
import { keywordOf } from '../../../src-shared/sms/keywords';
import type { CoreContext } from '../context';
import { cancelFirstTouches, stopLeadEnrollments } from '../enrollments/control';
import { enrollLead, stopEnrollment } from '../enrollments/materialise';
import { optOutEverywhere } from '../messages/opt-out-everywhere';
import { readEngineSettings } from './settings';
import { triggeredSequences } from './triggers';
import type { KeyedWorkQueue } from './work-queue';

export const NEGATIVE_REPLY_TAG = 'not-interested';

/** Active sequences, cached until any sequence changes (every lead change asks for them). */
class ActiveSequences {
  private cached: Promise<Sequence[]> | undefined;

  constructor(private readonly db: CoreContext['db']) {}

  get(): Promise<Sequence[]> {
    this.cached ??= this.db.sequences
      .find({ selector: { status: 'active' } })
      .exec()
      .then((docs) => docs.map((d) => d.toMutableJSON()));
    return this.cached;
  }

  forget(): void {
    this.cached = undefined;
  }
}

export function startReactions(ctx: CoreContext, queue: KeyedWorkQueue): () => void {
  const { db } = ctx;
  const active = new ActiveSequences(db);
  const subscriptions: Subscription[] = [
    db.sequences.$.subscribe(() => active.forget()),
    db.leads.$.subscribe((event: RxChangeEvent<Lead>) => {
      const after = event.documentData;
      queue.run(after.id, () =>
        onLeadChange(
          ctx,
          active,
          event.operation === 'INSERT' ? undefined : event.previousDocumentData,
          after,
        ),
      );
    }),
    db.messages.$.subscribe((event: RxChangeEvent<Message>) => {
      const message = event.documentData;
      if (event.operation === 'INSERT' && message.direction === 'inbound') {
        queue.run(message.leadId, () => onInbound(ctx, message));
      } else if (
        event.operation === 'INSERT' &&
        message.status === 'logged' &&
        message.authoredBy === 'human'
      ) {
        if (message.channel !== 'note' && message.channel !== 'notification')
          queue.run(message.leadId, async () => void (await cancelFirstTouches(ctx, message.leadId)));
      } else if (
        event.operation === 'UPDATE' &&
        message.direction === 'inbound' &&
        message.classification !== event.previousDocumentData.classification
      ) {
        queue.run(message.leadId, () => onClassified(ctx, message));
      }
    }),
    db.suppressions.$.subscribe((event: RxChangeEvent<Suppression>) => {
      if (event.operation === 'DELETE') return;
      const s = event.documentData;
      queue.run(s.leadId ?? s.address, () => onSuppression(ctx, s));
    }),
  ];
  return () => subscriptions.forEach((s) => s.unsubscribe());
}

async function onLeadChange(
  ctx: CoreContext,
  active: ActiveSequences,
  before: Lead | undefined,
  after: Lead,
): Promise<void> {
  if (after.deletedAt > 0 || after.mergedInto !== undefined) {
    if (before !== undefined && before.deletedAt === 0 && before.mergedInto === undefined)
      await stopLeadEnrollments(
        ctx,
        after.id,
        after.mergedInto === undefined ? 'the lead was deleted' : 'the lead was merged',
      );
    return;
  }
  if (after.stage === 'closed' || after.stage === 'lost') {
    if (before?.stage !== after.stage) await stopLeadEnrollments(ctx, after.id, `the lead is ${after.stage}`);
    return;
  }
  if (before !== undefined && before.stage !== after.stage) await stopEndedByStage(ctx, after);
  const sequences = await active.get();
  for (const sequence of triggeredSequences(sequences, before, after, ctx.clock.now())) {
    await enrollLead(ctx, after, sequence, { reason: `trigger ${sequence.trigger.type}` });
  }
}

/** Each sequence names the stages that end it (endStagesOf): reaching one stops its enrollments. */
async function stopEndedByStage(ctx: CoreContext, lead: Lead): Promise<void> {
  const running = await ctx.db.enrollments
    .find({ selector: { leadId: lead.id, status: { $in: ['active', 'paused'] } } })
    .exec();
  for (const doc of running) {
    const sequence = await ctx.db.sequences.findOne(doc.sequenceId).exec();
    if (sequence === null || !endStagesOf(sequence).includes(lead.stage)) continue;
    await stopEnrollment(ctx, doc.toMutableJSON(), `the lead reached ${lead.stage.replace('_', ' ')}`);
  }
}

async function onInbound(ctx: CoreContext, message: Message): Promise<void> {
  await stopLeadEnrollments(ctx, message.leadId, REPLIED_STOP_REASON);
  const optOut =
    (message.channel === 'sms' || message.channel === 'whatsapp') && keywordOf(message.body) === 'opt_out';
  if (optOut || message.classification === 'opt_out')
    await optOutEverywhere(ctx, message.leadId, stopOf(message));
  else if (message.classification !== undefined) await onClassified(ctx, message);
}

async function onClassified(ctx: CoreContext, message: Message): Promise<void> {
  const lead = await ctx.db.leads.findOne(message.leadId).exec();
  if (lead === null) return;
  if (message.classification === 'opt_out') return optOutEverywhere(ctx, message.leadId, stopOf(message));
  if (message.classification === 'negative') {
    await stopLeadEnrollments(ctx, lead.id, 'the lead is not interested');
    if (!lead.tags.includes(NEGATIVE_REPLY_TAG))
      await lead.incrementalModify((l) => ({
        ...l,
        tags: [...l.tags, NEGATIVE_REPLY_TAG],
        updatedAt: ctx.clock.now(),
      }));
  } else if (message.classification === 'positive') {
    const settings = await readEngineSettings(ctx);
    await enrollLead(ctx, lead.id, settings.nurtureSequenceId, { reason: 'positive reply' });
  }
}

function stopOf(message: Message) {
  const detail = `"${message.body.slice(0, 40)}" on ${message.channel}`;
  return {
    reason: 'stop' as const,
    detail,
    ...(message.from === undefined ? {} : { address: message.from }),
  };
}

async function onSuppression(ctx: CoreContext, suppression: Suppression): Promise<void> {
  // A bounce makes one address unusable (channel fallback handles it); it is not an opt-out.
  if (suppression.reason === 'bounce') return;
  const ids = new Set<string>();
  if (suppression.leadId !== undefined) ids.add(suppression.leadId);
  const byAddress = await ctx.db.leads
    .find({ selector: { $or: [{ phone: suppression.address }, { email: suppression.address }] } })
    .exec();
  for (const lead of byAddress) ids.add(lead.id);
  for (const id of ids)
    await stopLeadEnrollments(ctx, id, `opted out (${suppression.channel}: ${suppression.reason})`);
}
