// The Mailer contract against the engine's recording fake and against the SMTP adapter
// talking to a real SMTP server on 127.0.0.1.
import type { ParsedMail } from 'mailparser';
import { ChannelError } from '../../src-main/core/ports/channels';
import { RecordingChannel } from '../../src-main/core/testing/fake-channels';
import { FakeClock } from '../../src-main/core/testing/fake-clock';
import { createSmtpMailer } from '../../src-main/adapters/email/smtp-mailer';
import { emailSettingsSchema } from '../../src-shared/ipc/email';
import { TEST_REPLY_KEY, headerLine, startSmtpPeer } from './mail-peer';
import { registerMailerContract } from './mailer-contract';

registerMailerContract('recording fake', () => {
  const mailer = new RecordingChannel('email', new FakeClock());
  let refusal: ChannelError | undefined;
  const send = mailer.send.bind(mailer);
  mailer.send = (message, signal) => {
    if (refusal !== undefined && !signal.aborted) mailer.willDo(refusal);
    refusal = undefined;
    return send(message, signal);
  };
  return Promise.resolve({
    mailer,
    deliveredTo: (to) =>
      Promise.resolve(
        mailer.sent
          .filter((s) => s.to === to)
          .map((s) => ({
            to: s.to,
            subject: s.subject ?? '',
            text: s.body,
            ...(s.unsubscribeUrl === undefined ? {} : { listUnsubscribe: s.unsubscribeUrl }),
          })),
      ),
    refuseNext(kind) {
      refusal =
        kind === 'permanent'
          ? new ChannelError('invalid_address', '550 5.1.1 No such mailbox here', false, false)
          : new ChannelError('provider_unavailable', '451 4.3.0 Mailbox busy', true, false);
    },
    close: () => Promise.resolve(),
  });
});

registerMailerContract('SMTP adapter + smtp-server on 127.0.0.1', async () => {
  const peer = await startSmtpPeer();
  const settings = emailSettingsSchema.parse({
    smtp: { host: '127.0.0.1', port: peer.port, security: 'none' },
    fromName: 'Dana Reyes',
    fromAddress: 'dana@example.com',
    replyAddress: 'replies@example.com',
  });
  const mailer = createSmtpMailer({
    settings: () => Promise.resolve({ settings, replyTokenKey: TEST_REPLY_KEY }),
    secrets: { get: () => Promise.resolve(undefined) },
    clock: new FakeClock(),
  });
  return {
    mailer,
    deliveredTo: (to) =>
      Promise.resolve(
        peer.received
          .filter((m) => m.envelopeTo.includes(to))
          .map((m) => ({
            to,
            subject: m.parsed.subject ?? '',
            text: m.parsed.text ?? '',
            ...unsubscribeOf(m.parsed),
          })),
      ),
    refuseNext: (kind) => peer.refuseNext(kind),
    close: () => {
      mailer.close();
      return peer.close();
    },
  };
});

function unsubscribeOf(parsed: ParsedMail): { listUnsubscribe?: string } {
  const value = headerLine(parsed, 'list-unsubscribe');
  return value === undefined ? {} : { listUnsubscribe: value.replace(/^<|>$/g, '') };
}
