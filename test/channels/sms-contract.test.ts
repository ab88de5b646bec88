// The SmsSender contract against the recording fake the engine tests use, and against the
// Twilio adapter + the real twilio SDK talking to the fake Twilio server on 127.0.0.1.
import twilio from 'twilio';
import { RedirectingRequestClient } from '../../src-main/adapters/twilio/request-client';
import type { OutboundFacts } from '../../src-main/adapters/twilio/twilio-sender';
import { TwilioSender } from '../../src-main/adapters/twilio/twilio-sender';
import { ChannelError } from '../../src-main/core/ports/channels';
import { RecordingChannel } from '../../src-main/core/testing/fake-channels';
import { FakeClock } from '../../src-main/core/testing/fake-clock';
import { startFakeTwilio } from './fake-twilio-server';
import { registerSmsContract } from './sms-contract';

registerSmsContract('recording fake', () => {
  const clock = new FakeClock();
  const sender = new RecordingChannel('sms', clock);
  let outage = false;
  const send = sender.send.bind(sender);
  sender.send = (m, signal) => {
    if (outage) sender.willDo(new ChannelError('provider_unavailable', 'HTTP 503', true, false));
    outage = false;
    return send(m, signal);
  };
  return Promise.resolve({
    sender,
    clock,
    markSending: () => undefined,
    optOut: (to) =>
      void sender.refuseAddress(to, new ChannelError('opted_out', 'Twilio 21610', false, false)),
    notMobile: (to) =>
      void sender.refuseAddress(to, new ChannelError('invalid_address', 'Twilio 21614', false, false)),
    outageNext: () => void (outage = true),
    close: () => Promise.resolve(),
  });
});

registerSmsContract('Twilio adapter + fake Twilio on 127.0.0.1', async () => {
  const clock = new FakeClock();
  const peer = await startFakeTwilio(() => clock.now());
  const facts = new Map<string, OutboundFacts>();
  const client = twilio(peer.accountSid, peer.authToken, {
    httpClient: new RedirectingRequestClient(peer.baseUrl),
  });
  const sender = new TwilioSender({
    channel: 'sms',
    client,
    clock,
    from: '+15550100999',
    findOutbound: (id) => Promise.resolve(facts.get(id)),
  });
  return {
    sender,
    clock,
    markSending: (m) => void facts.set(m.messageId, { to: m.to, body: m.body, sendingAt: clock.now() }),
    optOut: (to) => peer.optOut(to),
    notMobile: (to) => peer.landline(to),
    outageNext: () => peer.failNext(503),
    close: () => peer.close(),
  };
});
