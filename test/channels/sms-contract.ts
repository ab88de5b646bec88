// The SmsSender contract (ids SMS1..SMS6), run against the engine's recording fake and against
// the Twilio adapter talking to the local fake Twilio server, so the two cannot drift.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelSender, OutboundMessage } from '../../src-main/core/ports/channels';
import { ChannelError } from '../../src-main/core/ports/channels';
import type { FakeClock } from '../../src-main/core/testing/fake-clock';

export interface SmsUnderTest {
  sender: ChannelSender<'sms'>;
  clock: FakeClock;
  /** What the send pipeline does before the request leaves: `sending` persisted (to, body, time). */
  markSending(message: OutboundMessage): void;
  /** The provider knows this number opted out (Twilio 21610). */
  optOut(to: string): void;
  /** The provider knows this number cannot take texts (Twilio 21614). */
  notMobile(to: string): void;
  /** The next request is refused before the provider acts on it (HTTP 503). */
  outageNext(): void;
  close(): Promise<void>;
}

let counter = 0;
function message(to: string, body = 'Hi Sam, it is Dana. Still looking in Austin?'): OutboundMessage {
  counter++;
  return { messageId: `msg-contract-${counter}`, leadId: `lead-${counter}`, channel: 'sms', to, body };
}

async function refusal(promise: Promise<unknown>): Promise<ChannelError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ChannelError);
  return error as ChannelError;
}

export function registerSmsContract(name: string, create: () => Promise<SmsUnderTest>): void {
  describe(`SmsSender contract: ${name}`, () => {
    let t: SmsUnderTest;
    const send = (m: OutboundMessage): Promise<{ providerId: string }> => {
      t.markSending(m);
      return t.sender.send(m, new AbortController().signal);
    };
    beforeEach(async () => {
      t = await create();
    });
    afterEach(() => t.close());

    it('SMS1: an accepted text gets the provider’s id; the sender says what it is', async () => {
      const receipt = await send(message('+15125550143'));
      expect(receipt.providerId).not.toBe('');
      expect(t.sender.channel).toBe('sms');
      expect(typeof t.sender.reachesLeads).toBe('boolean');
    });

    it('SMS2: a sent text is found again by its message id, with the same provider id', async () => {
      const m = message('+15125550144');
      const receipt = await send(m);
      await t.clock.advance(5 * 60_000);
      const found = await t.sender.lookup?.(m.messageId);
      expect(found).toMatchObject({ found: true, providerId: receipt.providerId });
      if (found?.found === true) expect(['sent', 'delivered']).toContain(found.status);
    });

    it('SMS3: a text marked sending that never reached the provider is provably absent', async () => {
      const m = message('+15125550145');
      t.markSending(m);
      await t.clock.advance(5 * 60_000);
      expect(await t.sender.lookup?.(m.messageId)).toEqual({ found: false });
    });

    it('SMS4: a number that opted out is refused for good, and nothing left', async () => {
      t.optOut('+15125550146');
      const error = await refusal(send(message('+15125550146')));
      expect(error).toMatchObject({ code: 'opted_out', transient: false, requestMayHaveLeft: false });
    });

    it('SMS5: a number that cannot take texts is an invalid address, for good', async () => {
      t.notMobile('+15125550147');
      const error = await refusal(send(message('+15125550147')));
      expect(error).toMatchObject({ code: 'invalid_address', transient: false, requestMayHaveLeft: false });
    });

    it('SMS6: an outage before the provider acted is transient and safe to retry', async () => {
      t.outageNext();
      const m = message('+15125550148');
      const error = await refusal(send(m));
      expect(error).toMatchObject({ transient: true, requestMayHaveLeft: false });
      const receipt = await send(m);
      await t.clock.advance(5 * 60_000);
      expect(await t.sender.lookup?.(m.messageId)).toMatchObject({
        found: true,
        providerId: receipt.providerId,
      });
    });
  });
}
