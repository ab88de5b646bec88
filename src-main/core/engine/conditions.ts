// Step conditions, checked right before the send (not when the step was materialised), so
// "last message not opened" looks at what happened during the delay.
import type { Enrollment, Lead, Message, SequenceStep } from '../../../src-shared/domain';
import type { CoreContext } from '../context';

export async function conditionHolds(
  ctx: CoreContext,
  condition: SequenceStep['condition'],
  lead: Lead,
  enrollment: Enrollment,
  message: Message,
): Promise<{ holds: boolean; why: string }> {
  switch (condition.type) {
    case 'always':
      return { holds: true, why: '' };
    case 'score_at_least':
      return { holds: lead.score >= condition.score, why: `score ${lead.score} is below ${condition.score}` };
    case 'no_reply_since_enrollment': {
      const replies = await ctx.db.messages
        .count({
          selector: { leadId: lead.id, direction: 'inbound', createdAt: { $gte: enrollment.startedAt } },
        })
        .exec();
      return { holds: replies === 0, why: 'the lead replied' };
    }
    case 'last_not_opened':
    case 'last_not_delivered': {
      const previous = await previousStepMessage(ctx, enrollment, message);
      if (previous === null) return { holds: true, why: '' };
      return condition.type === 'last_not_opened'
        ? { holds: previous.openedAt === undefined, why: 'the last message was opened' }
        : { holds: previous.status !== 'delivered', why: 'the last message was delivered' };
    }
  }
}

async function previousStepMessage(
  ctx: CoreContext,
  enrollment: Enrollment,
  message: Message,
): Promise<Message | null> {
  const step = message.stepIndex ?? 0;
  if (step === 0) return null;
  const docs = await ctx.db.messages
    .find({
      selector: { enrollmentId: enrollment.id, stepIndex: step - 1 },
      sort: [{ createdAt: 'desc' }],
      limit: 1,
    })
    .exec();
  return docs[0]?.toMutableJSON() ?? null;
}
