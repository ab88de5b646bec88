// Messages waiting for a channel that was not connected when they were due. When the channel
// connects (a shell reconnects the adapter in place, or at start-up) they are scheduled again
// with their original send time, so the dispatcher sends them at once, in order, re-checking
// everything (a first touch that has gone stale meanwhile is skipped with that reason).
// Messages waiting for the agent's profile are released the same way when it is saved.
import type { Message } from '../../../src-shared/domain';
import type { CoreContext } from '../context';
import { transitionMessage } from '../messages/outbox-state';
import type { SendChannel } from '../ports/channels';
import { CHANNEL_PROVIDER } from './channel-choice';

export async function releaseWaiting(ctx: CoreContext, channel: SendChannel): Promise<number> {
  return release(
    ctx,
    'waiting_for_channel',
    channel,
    `${CHANNEL_PROVIDER[channel]} connected: going out now`,
  );
}

export async function releaseWaitingForProfile(ctx: CoreContext): Promise<number> {
  return release(ctx, 'waiting_for_profile', undefined, 'profile saved: going out now');
}

async function release(
  ctx: CoreContext,
  status: 'waiting_for_channel' | 'waiting_for_profile',
  channel: SendChannel | undefined,
  detail: string,
): Promise<number> {
  const selector = channel === undefined ? { status } : { status, channel };
  const docs = await ctx.db.messages.find({ selector }).exec();
  const released: Message[] = [];
  for (const doc of docs) {
    const again = await transitionMessage(ctx.db, doc.id, 'scheduled', ctx.clock.now(), {
      from: [status],
      detail,
      clear: ['statusReason'],
    });
    if (again !== null) released.push(again);
  }
  return released.length;
}
