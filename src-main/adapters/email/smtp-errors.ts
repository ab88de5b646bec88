// What an SMTP failure means for the outbox (RFC 5321 4.2.1 reply codes): a 4xx reply is
// transient, a 5xx reply permanent (5.1.x: the address); no reply at all is "the request may
// have left" only once the message data had started (after the server's 354 to DATA).
// Messages never carry a secret: the password and its AUTH encodings are cut out first.
import { ChannelError } from '../../core/ports/channels';
import { secretForms } from '../../../src-shared/ai/redact';
import { settingsPlace } from '../../../src-shared/settings-sections';

export interface SmtpFailure {
  code?: string;
  responseCode?: number;
  response?: string;
  message: string;
}

export function asSmtpFailure(error: unknown): SmtpFailure {
  if (typeof error !== 'object' || error === null) return { message: String(error) };
  const e = error as Record<string, unknown>;
  return {
    message: typeof e.message === 'string' ? e.message : 'unknown SMTP error',
    ...(typeof e.code === 'string' ? { code: e.code } : {}),
    ...(typeof e.responseCode === 'number' ? { responseCode: e.responseCode } : {}),
    ...(typeof e.response === 'string' ? { response: e.response } : {}),
  };
}

/** Removes every form in which a secret could appear in a server's echo or a library's message. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret === '') continue;
    for (const form of secretForms(secret)) out = out.split(form).join('[secret]');
  }
  return out.replace(/AUTH\s+(PLAIN|LOGIN|XOAUTH2)\s+\S+/gi, 'AUTH $1 [secret]');
}

export function channelErrorFromSmtp(
  error: unknown,
  options: { dataStarted: boolean; aborted: boolean; secrets: readonly string[] },
): ChannelError {
  const failure = asSmtpFailure(error);
  const said = redact(failure.response ?? failure.message, options.secrets).slice(0, 300);
  if (options.aborted)
    return new ChannelError(
      'timeout',
      `The SMTP server did not answer in time (${said})`,
      true,
      options.dataStarted,
    );
  const reply = failure.responseCode;
  if (reply !== undefined && reply >= 400 && reply < 500) {
    const code = reply === 421 || reply === 450 || reply === 451 ? 'provider_unavailable' : 'rate_limited';
    return new ChannelError(code, `The SMTP server asked to try later: ${said}`, true, false);
  }
  if (reply !== undefined && reply >= 500) {
    if (failure.code === 'EAUTH')
      return new ChannelError(
        'rejected',
        `The SMTP server refused the login: ${said}. Check the user and password in ${settingsPlace('email')}.`,
        true,
        false,
      );
    const enhanced = /\b5\.(\d)\.(\d+)\b/.exec(said);
    const badAddress = enhanced?.[1] === '1' || (reply === 550 && failure.code === 'EENVELOPE');
    return new ChannelError(
      badAddress ? 'invalid_address' : 'rejected',
      `The SMTP server refused the message: ${said}`,
      false,
      false,
    );
  }
  if (failure.code === 'EAUTH' || failure.code === 'ENOAUTH')
    return new ChannelError(
      'rejected',
      `SMTP login failed: ${said}. Check the user and password in ${settingsPlace('email')}.`,
      true,
      false,
    );
  if (failure.code === 'ETIMEDOUT')
    return new ChannelError(
      'timeout',
      `The SMTP server stopped answering: ${said}`,
      true,
      options.dataStarted,
    );
  // Connection refused, DNS, TLS, a closed socket: the message left only if its data had started.
  return new ChannelError(
    'provider_unavailable',
    `Could not reach the SMTP server: ${said}`,
    true,
    options.dataStarted,
  );
}
