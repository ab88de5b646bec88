// Handing a message to its provider, and recording the answer: sent (or delivered); a timeout
// or a failure after the request may have left = uncertain; transient before it left = retry;
// permanent = failed, and what the provider said about the lead is kept (opt-out, bad number).
import type { Message } from '../../../src-shared/domain';
import type { CoreContext } from '../context';
import { optOutEverywhere } from '../messages/opt-out-everywhere';
import type { ChannelSender, OutboundMessage } from '../ports/channels';
import { ChannelError } from '../ports/channels';
import type { DispatchDeps } from './dispatch-deps';
import { settleFailed, settleSent, settleTransient, settleUncertain } from './settle';

export async function handOver(
  deps: DispatchDeps,
  sending: Message,
  sender: ChannelSender,
  outbound: OutboundMessage,
): Promise<void> {
  const { ctx, settings } = deps;
  const controller = new AbortController();
  let timedOut = false;
  const timeout = new Promise<never>((_, reject) => {
    controller.signal.addEventListener('abort', () => reject(new Error('timed out')));
  });
  const timer = ctx.clock.setTimer(ctx.clock.now() + settings.sendTimeoutSeconds * 1000, () => {
    timedOut = true;
    controller.abort();
  });
  try {
    const receipt = await deps.inFlight.provider(
      Promise.race([sender.send(outbound, controller.signal), timeout]),
    );
    await settleSent(ctx, sending, { providerId: receipt.providerId }, receipt.delivered === true);
  } catch (error) {
    if (timedOut)
      return settleUncertain(
        ctx,
        sending,
        `no answer from the ${outbound.channel} provider within ${settings.sendTimeoutSeconds} s`,
      );
    if (!(error instanceof ChannelError)) {
      return settleUncertain(
        ctx,
        sending,
        `unexpected error: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    if (error.requestMayHaveLeft) return settleUncertain(ctx, sending, error.message);
    if (error.transient) return settleTransient(ctx, sending, settings, error);
    await recordPermanent(ctx, sending, error);
    await settleFailed(ctx, sending, { code: error.code, message: error.message }, 'sending', { task: true });
  } finally {
    timer.cancel();
  }
}

/** Permanent provider answers that change what we know about the lead. */
async function recordPermanent(ctx: CoreContext, message: Message, error: ChannelError): Promise<void> {
  const now = ctx.clock.now();
  // The provider says the recipient opted out (Twilio 21610): exactly what an inbound STOP does.
  if (error.code === 'opted_out' && message.channel !== 'note') {
    await optOutEverywhere(ctx, message.leadId, {
      reason: 'provider_opt_out',
      detail: error.message,
      ...(message.to === undefined ? {} : { address: message.to }),
    });
  }
  if (error.code === 'invalid_address' && (message.channel === 'sms' || message.channel === 'whatsapp')) {
    const lead = await ctx.db.leads.findOne(message.leadId).exec();
    await lead?.incrementalPatch({ phoneProblem: error.message.slice(0, 200), updatedAt: now });
  }
}
