// How touches read on screen: statuses, channels and times in the lead's own zone. A status
// this build does not know yet (core may be newer) still reads as words, never as a blank.
import { isAssistantMessageId } from '../../../src-shared/assistant/state';
import type { Message } from '../../../src-shared/domain';

const statusWords: Record<string, { label: string; tone: 'ok' | 'wait' | 'bad' | 'plain' }> = {
  draft: { label: 'Draft', tone: 'plain' },
  scheduled: { label: 'Scheduled', tone: 'wait' },
  claimed: { label: 'Sending', tone: 'wait' },
  sending: { label: 'Sending', tone: 'wait' },
  sent: { label: 'Sent', tone: 'ok' },
  delivered: { label: 'Delivered', tone: 'ok' },
  undelivered: { label: 'Not delivered', tone: 'bad' },
  failed: { label: 'Failed', tone: 'bad' },
  uncertain: { label: 'Not sure it went', tone: 'bad' },
  cancelled: { label: 'Cancelled', tone: 'plain' },
  received: { label: 'Received', tone: 'ok' },
  logged: { label: 'Logged', tone: 'plain' },
  waiting_for_channel: { label: 'Waiting for its channel', tone: 'wait' },
  waiting_for_profile: { label: 'Waiting for your profile', tone: 'wait' },
  rerouted: { label: 'Rerouted', tone: 'plain' },
  skipped: { label: 'Skipped', tone: 'plain' },
  opened: { label: 'Opened', tone: 'ok' },
  clicked: { label: 'Clicked', tone: 'ok' },
  replied: { label: 'Replied', tone: 'ok' },
};

export function statusWord(status: string): { label: string; tone: 'ok' | 'wait' | 'bad' | 'plain' } {
  const known = statusWords[status];
  if (known !== undefined) return known;
  const words = status.replace(/[_-]+/g, ' ').trim();
  return { label: words.charAt(0).toUpperCase() + words.slice(1), tone: 'plain' };
}

const channelWords: Record<string, string> = {
  sms: 'Text',
  whatsapp: 'WhatsApp',
  email: 'Email',
  call: 'Call',
  note: 'Note',
  notification: 'Reminder',
};

export function channelWord(channel: string): string {
  return channelWords[channel] ?? channel;
}

/** "Tue 3 Feb, 14:05" on the lead's clock (falls back to this computer's zone). */
export function localTime(at: number, zone: string): string {
  const options: Intl.DateTimeFormatOptions = {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  };
  try {
    return new Intl.DateTimeFormat('en-US', { ...options, timeZone: zone }).format(at);
  } catch {
    return new Intl.DateTimeFormat('en-US', options).format(at);
  }
}

/** What a touch says about itself in one line: who, how, and what the lead heard. */
export function touchTitle(message: Message): string {
  if (message.channel === 'note') return isAssistantMessageId(message.id) ? "Assistant's note" : 'Note';
  if (message.channel === 'call') return message.direction === 'inbound' ? 'Call from the lead' : 'Call';
  const how = channelWord(message.channel);
  if (message.direction === 'inbound') return `${how} from the lead`;
  if (isAssistantMessageId(message.id)) return `${how} · the assistant`;
  const by = { template: 'sequence', ai: 'AI draft', human: 'you', lead: 'the lead' }[message.authoredBy];
  return `${how} · ${by}`;
}
