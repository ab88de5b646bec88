// What Twilio's status reports mean, shared by the desktop (callbacks and polling) and the
// sync server (its always-on webhook), so both record a report the same way:
//   accepted|scheduled|queued (1) -> sending (2) -> sent (3) -> delivered|undelivered|failed (4) -> read (5)
// only moves forward, whatever order reports arrive in (Twilio does not promise order). 1-3 and
// `read` go into the message's history ("twilio: queued"); delivered/undelivered/failed change
// its status. https://www.twilio.com/docs/api/errors lists every code.
import type { Message, MessageStatus } from '../domain';

/** Twilio's "the recipient replied STOP" code, at send time or in a status report. */
export const OPTED_OUT = 21610;

export const PROVIDER_STATUS_RANK: Readonly<Record<string, number>> = {
  accepted: 1,
  scheduled: 1,
  queued: 1,
  sending: 2,
  sent: 3,
  delivered: 4,
  undelivered: 4,
  failed: 4,
  canceled: 4,
  read: 5,
};

export const PROVIDER_TERMINAL_STATUS: Readonly<Partial<Record<string, MessageStatus>>> = {
  delivered: 'delivered',
  read: 'delivered',
  undelivered: 'undelivered',
  failed: 'failed',
  canceled: 'failed',
};

/** Message statuses a provider report may settle or annotate (after the hand-over). */
export const REPORTABLE_STATUSES: readonly MessageStatus[] = [
  'sent',
  'uncertain',
  'delivered',
  'undelivered',
  'failed',
];

/** The furthest provider step already recorded on the message. */
export function recordedProviderRank(
  message: Pick<Message, 'status' | 'statusHistory'>,
  provider: string,
): number {
  let rank =
    message.status === 'delivered' || message.status === 'undelivered' || message.status === 'failed' ? 4 : 0;
  const prefix = `${provider}: `;
  for (const change of message.statusHistory) {
    if (change.detail?.startsWith(prefix) === true) {
      const word = change.detail.slice(prefix.length).split(' ')[0] ?? '';
      rank = Math.max(rank, PROVIDER_STATUS_RANK[word] ?? 0);
    }
  }
  return rank;
}

const DELIVERY: Record<number, string> = {
  30003: 'the handset is unreachable (off or out of coverage)',
  30004: 'the message was blocked by the recipient or their carrier',
  30005: 'the number is unknown to the carrier or no longer in service',
  30006: 'a landline or a carrier that cannot receive texts',
  30007: 'the carrier filtered it as spam or unregistered traffic (check A2P 10DLC registration)',
  30008: 'unknown delivery error from the carrier',
  63016: 'outside WhatsApp’s 24-hour window and no approved template was used',
};

/** The reason kept on an undelivered or failed message. */
export function deliveryReason(
  code: number | undefined,
  twilioMessage?: string | null,
): { code: string; message: string } {
  const known = code === undefined ? undefined : DELIVERY[code];
  const text =
    known ??
    (twilioMessage !== undefined && twilioMessage !== null && twilioMessage !== ''
      ? twilioMessage
      : 'no reason given');
  return {
    code: code === undefined ? 'twilio_unknown' : `twilio_${code}`,
    message: `Twilio ${code ?? '?'}: ${text}`,
  };
}

/**
 * A webhook's form as the SDK's validateRequest expects it: a key sent more than once
 * (`Tag=a&Tag=b`) stays an array (the SDK signs each value), never collapsed to the last one.
 */
export function formParams(form: URLSearchParams): Record<string, string | string[]> {
  const params: Record<string, string | string[]> = {};
  for (const key of new Set(form.keys())) {
    const values = form.getAll(key);
    params[key] = values.length === 1 ? (values[0] ?? '') : values;
  }
  return params;
}
