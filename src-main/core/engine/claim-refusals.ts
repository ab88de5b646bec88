// What a replica records when the team server refuses a claim because the message is settled
// elsewhere: sent by another replica (with its provider id), failed for good, uncertain (a
// holder's lease ran out while it may have sent: the agent decides, as in solo mode), or the
// recipient is suppressed on the server (a STOP this desktop has not pulled yet). Each is one
// transition from scheduled, so the message stops being due here; nothing is ever sent.
import type { Message } from '../../../src-shared/domain';
import type { ClaimAnswer } from '../../../src-shared/sync/claims';
import type { CoreContext } from '../context';
import { transitionMessage } from '../messages/outbox-state';
import { emitAttention, ensureUncertainTask } from './settle';

type Refusal = Extract<ClaimAnswer, { granted: false }>;

export async function recordSettledElsewhere(
  ctx: CoreContext,
  message: Message,
  answer: Refusal,
): Promise<void> {
  const now = ctx.clock.now();
  const from = ['scheduled'] as const;
  let moved: Message | null = null;
  switch (answer.reason) {
    case 'held':
      return;
    case 'completed':
      moved = await transitionMessage(ctx.db, message.id, 'sent', now, {
        from,
        detail: 'sent by another replica of the team',
        ...(answer.providerId === undefined ? {} : { patch: { providerId: answer.providerId } }),
      });
      break;
    case 'failed':
      moved = await transitionMessage(ctx.db, message.id, 'failed', now, {
        from,
        detail: 'another replica of the team could not send it',
        patch: { error: { code: 'failed_elsewhere', message: answer.detail.slice(0, 200) } },
      });
      break;
    case 'uncertain':
      moved = await transitionMessage(ctx.db, message.id, 'uncertain', now, {
        from,
        detail: `team server: ${answer.detail}`,
      });
      if (moved !== null) await ensureUncertainTask(ctx, message, answer.detail);
      break;
    case 'suppressed':
      moved = await transitionMessage(ctx.db, message.id, 'cancelled', now, {
        from,
        detail: `stopped: ${answer.detail} (the team server refused it)`,
        patch: { statusReason: 'The lead opted out; the team server refused to send it.' },
      });
      break;
  }
  if (moved === null) return;
  if (moved.status === 'uncertain' || moved.status === 'failed') emitAttention(ctx);
}
