// Messages waiting for a channel that was not connected when they were due. When the channel
// connects (a shell reconnects the adapter in place, or at start-up) they are scheduled again
// with their original send time, so the dispatcher sends them at once, in order, re-checking
// everything (a first touch that has gone stale meanwhile is skipped with that reason).
import type { Message } from '../../../src-shared/domain';
import type { CoreContext } from '../context';
import { transitionMessage } from '../messages/outbox-state';
import type { SendChannel } from '../ports/channels';
import { CHANNEL_PROVIDER } from './channel-choice';

export async function releaseWaiting(ctx: CoreContext, channel: SendChannel): Promise<number> {
  const docs = await ctx.db.messages.find({ selector: { status: 'waiting_for_channel', channel } }).exec();
  const released: Message[] = [];
  for (const doc of docs) {
    const again = await transitionMessage(ctx.db, doc.id, 'scheduled', ctx.clock.now(), {
      from: ['waiting_for_channel'],
      detail: `${CHANNEL_PROVIDER[channel]} connected: going out now`,
      clear: ['statusReason'],
    });
    if (again !== null) released.push(again);
  }
  return released.length;
}
