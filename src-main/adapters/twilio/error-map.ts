// Twilio's answers turned into what the engine acts on (ports/channels ChannelError):
//   21610 recipient replied STOP            -> opted_out (the engine suppresses the channel)
//   21211 invalid To, 21614 not a mobile    -> invalid_address (the engine flags the lead's phone)
//   63016 WhatsApp outside the 24 h window  -> rejected, with what to do
//   20003 authentication                    -> rejected: the keys are wrong, retrying will not help
//   429 / 20429 too many requests, 503      -> transient, the request was refused before it ran
//   500 / 502 / 504, a reset or a timeout   -> the message may exist at Twilio: uncertain
//   connection refused / DNS failure        -> transient, nothing left this computer
// Delivery errors arrive later with the status (30003-30008): `deliveryReason` explains them.
// https://www.twilio.com/docs/api/errors lists every code.
import twilio from 'twilio';
import { OPTED_OUT } from '../../../src-shared/sms/twilio-status';
import { ChannelError } from '../../core/ports/channels';
import { settingsPlace } from '../../../src-shared/settings-sections';

export { OPTED_OUT, deliveryReason } from '../../../src-shared/sms/twilio-status';

export interface TwilioAnswer {
  httpStatus?: number;
  code?: number;
  message: string;
  moreInfo?: string;
}

/** What Twilio said, without anything of ours (auth headers live on the axios error). */
export function answerOf(error: unknown): TwilioAnswer {
  if (error instanceof twilio.RestException) {
    return {
      httpStatus: error.status,
      ...(error.code === undefined ? {} : { code: error.code }),
      message: error.message,
      ...(error.moreInfo === undefined ? {} : { moreInfo: error.moreInfo }),
    };
  }
  const code =
    typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
  return { message: code === undefined ? 'no answer from Twilio' : `no answer from Twilio (${code})` };
}

const NOT_LEFT = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ERR_INVALID_URL',
]);

/** Twilio's answer behind a ChannelError made here (kept as its `cause`: never the raw error,
 * whose request config carries the Authorization header). */
export function twilioAnswerOf(error: unknown): TwilioAnswer | undefined {
  const cause: unknown = error instanceof Error ? error.cause : undefined;
  return typeof cause === 'object' && cause !== null && 'message' in cause
    ? (cause as TwilioAnswer)
    : undefined;
}

export function channelErrorOf(error: unknown): ChannelError {
  if (error instanceof ChannelError) return error;
  const mapped = mapError(error);
  Object.defineProperty(mapped, 'cause', { value: answerOf(error), enumerable: false });
  return mapped;
}

function mapError(error: unknown): ChannelError {
  const answer = answerOf(error);
  const said = answer.code === undefined ? answer.message : `Twilio ${answer.code}: ${answer.message}`;
  if (error instanceof twilio.RestException) {
    switch (answer.code) {
      case OPTED_OUT:
        return new ChannelError(
          'opted_out',
          `${said} (the lead texted STOP; they can text START to opt back in)`,
          false,
          false,
        );
      case 21211:
      case 21614:
        return new ChannelError('invalid_address', said, false, false);
      case 63016:
        return new ChannelError('rejected', `${said} ${WINDOW_HINT}`, false, false);
      case 20003:
        return new ChannelError(
          'rejected',
          `${said} (check the Twilio account SID and auth token in ${settingsPlace('texts')})`,
          false,
          false,
        );
    }
    const status = error.status;
    if (status === 429 || answer.code === 20429)
      return new ChannelError('rate_limited', said, true, false, 1000);
    if (status === 503) return new ChannelError('provider_unavailable', said, true, false);
    if (status >= 500) return new ChannelError('provider_unavailable', said, true, true);
    return new ChannelError('rejected', said, false, false);
  }
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  if (NOT_LEFT.has(code)) return new ChannelError('provider_unavailable', said, true, false);
  if (code === 'ECONNABORTED' || code === 'ETIMEDOUT' || code === 'ECONNRESET')
    return new ChannelError('timeout', said, true, true);
  return new ChannelError('unknown', said, true, true);
}

export const WINDOW_HINT = `WhatsApp allows a free-form message only within 24 hours of the lead’s last message; set an approved template (ContentSid) in ${settingsPlace('texts')} to reach them outside it.`;
