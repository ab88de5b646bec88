// The real Mailer: one SMTP transaction per message, over connections kept open between
// messages (smtp-pool.ts). Settings and the password are read before each send, so a change in
// Settings applies to the next message. The test message and the login check open their own
// connection, so what they report is what a new connection meets.
// The Message-ID we generate is the providerId the outbox keeps; replies quote it. SMTP
// cannot be asked later whether it took a message, so there is no `lookup`: an interrupted
// send stays uncertain and the agent decides (core/engine/recovery.ts R3).
import nodemailer from 'nodemailer';
import type { EmailSettings } from '../../../src-shared/ipc/email';
import { providerIdOf } from '../../core/email/reply-address';
import { sendingMissing } from '../../core/email/settings';
import type { Mailer, OutboundMessage, SendReceipt } from '../../core/ports/channels';
import { ChannelError } from '../../core/ports/channels';
import type { Clock } from '../../core/ports/clock';
import type { SecretStore } from '../../core/ports/secret-store';
import { composeEmail } from './compose';
import { PooledSendError, SmtpPool, connectionOptions, startsData } from './smtp-pool';
import { channelErrorFromSmtp, redact } from './smtp-errors';
import { settingsPlace } from '../../../src-shared/settings-sections';

export interface EmailConfig {
  settings: EmailSettings;
  replyTokenKey: string;
}

export interface SmtpMailerOptions {
  /** Read before every send (core/email/settings.ts readEmailSettings for the store's). */
  settings: () => Promise<EmailConfig>;
  secrets: Pick<SecretStore, 'get'>;
  clock: Pick<Clock, 'now'>;
}

/** What 'channels-test' shows for email (the shape of ChannelTestResult in src-shared/ipc/channels). */
export interface EmailTestAnswer {
  channel: 'email';
  ok: boolean;
  /** The Message-ID of the test message. */
  providerId?: string;
  /** The SMTP reply word for word: "250 2.0.0 Ok: queued as 1234", or the refusal. */
  answer: string;
  /** The ChannelError code when it failed (rejected, invalid_address, provider_unavailable, …). */
  errorCode?: string;
}

export interface SmtpAnswer {
  messageId: string;
  /** The server's final reply line, e.g. "250 2.0.0 Ok: queued as 1234". */
  response: string;
}

function transportFor(settings: EmailSettings, password: string | undefined, watch: (line: string) => void) {
  const { user } = settings.smtp;
  return nodemailer.createTransport({
    ...connectionOptions(settings, watch),
    ...(user === '' ? {} : { auth: { user, pass: password ?? '' } }),
  });
}

async function sendingSetUp(options: SmtpMailerOptions) {
  const { settings, replyTokenKey } = await options.settings();
  const password = await options.secrets.get('smtp.password');
  const missing = sendingMissing(settings, password !== undefined);
  if (missing.length > 0)
    throw new ChannelError(
      'provider_unavailable',
      `Email is not set up: add ${missing.join(', ')} in ${settingsPlace('email')}.`,
      false,
      false,
    );
  return { settings, replyTokenKey, password };
}

/** One SMTP transaction on a connection of its own; throws ChannelError with what the server said. */
export async function sendOverSmtp(
  options: SmtpMailerOptions,
  message: OutboundMessage,
  signal: AbortSignal,
): Promise<SmtpAnswer> {
  const { settings, replyTokenKey, password } = await sendingSetUp(options);
  const composed = composeEmail(message, settings, replyTokenKey);
  let dataStarted = false;
  const transport = transportFor(settings, password, (line) => {
    if (startsData(line)) dataStarted = true;
  });
  const onAbort = (): void => transport.close();
  signal.addEventListener('abort', onAbort);
  try {
    if (signal.aborted)
      throw new ChannelError('timeout', 'The send was cancelled before it started.', true, false);
    const info = await transport.sendMail({ ...composed, date: new Date(options.clock.now()) });
    const response = typeof info.response === 'string' ? info.response : '';
    return { messageId: typeof info.messageId === 'string' ? info.messageId : composed.messageId, response };
  } catch (error) {
    if (error instanceof ChannelError) throw error;
    throw channelErrorFromSmtp(error, { dataStarted, aborted: signal.aborted, secrets: [password ?? ''] });
  } finally {
    signal.removeEventListener('abort', onAbort);
    transport.close();
  }
}

/** The engine's Mailer; close() ends the connections it keeps (when it is replaced or stopped). */
export function createSmtpMailer(options: SmtpMailerOptions): Mailer & { close(): void } {
  const pool = new SmtpPool();
  return {
    channel: 'email',
    reachesLeads: true,
    async send(message: OutboundMessage, signal: AbortSignal): Promise<SendReceipt> {
      const { settings, replyTokenKey, password } = await sendingSetUp(options);
      const composed = composeEmail(message, settings, replyTokenKey);
      try {
        await pool.send(settings, password, { ...composed, date: new Date(options.clock.now()) }, signal);
      } catch (error) {
        if (!(error instanceof PooledSendError)) throw error;
        throw channelErrorFromSmtp(error.failure, {
          dataStarted: error.dataStarted,
          aborted: signal.aborted,
          secrets: [password ?? ''],
        });
      }
      return { providerId: providerIdOf(composed.messageId) };
    },
    close: () => pool.close(),
  };
}

/** Connects and logs in without sending: null when the server takes us, otherwise its words. */
export async function verifySmtp(options: SmtpMailerOptions): Promise<string | null> {
  const { settings } = await options.settings();
  const password = await options.secrets.get('smtp.password');
  const transport = transportFor(settings, password, () => undefined);
  try {
    await transport.verify();
    return null;
  } catch (error) {
    const failure = error as { response?: unknown; message?: unknown };
    const said = typeof failure.response === 'string' ? failure.response : String(failure.message ?? error);
    return redact(said, [password ?? '']).slice(0, 250);
  } finally {
    transport.close();
  }
}

/** "Send a test message to me": exactly what the server answered, success or not. */
export async function sendTestEmail(options: SmtpMailerOptions, to: string): Promise<EmailTestAnswer> {
  const message: OutboundMessage = {
    messageId: `test-${options.clock.now().toString(36)}`,
    leadId: 'test',
    channel: 'email',
    to: to.trim().toLowerCase(),
    subject: 'Porchlight test message',
    body: 'This is a test message from Porchlight. If you can read it, email sending works.',
  };
  try {
    const answer = await sendOverSmtp(options, message, new AbortController().signal);
    return { channel: 'email', ok: true, providerId: answer.messageId, answer: answer.response };
  } catch (error) {
    const password = (await options.secrets.get('smtp.password')) ?? '';
    const said = error instanceof Error ? error.message : String(error);
    return {
      channel: 'email',
      ok: false,
      answer: redact(said, [password]),
      errorCode: error instanceof ChannelError ? error.code : 'unknown',
    };
  }
}
