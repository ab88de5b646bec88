// The channels the engine sends through. Adapters (Twilio, SMTP, the desktop's notifications)
// implement these; tests use the recording fakes in core/testing. `reachesLeads` says whether
// what the port sends can reach a lead (Twilio, SMTP): the dispatcher never hands such a port a
// demo lead. Notifications reach only the agent, so demo leads may use them.
import type { Channel } from '../../../src-shared/domain';

export type SendChannel = Exclude<Channel, 'call'>;

export interface OutboundMessage {
  /** The message document's id: the idempotency key the provider can be asked about later. */
  messageId: string;
  leadId: string;
  channel: SendChannel;
  /** E.164 phone, lower-case email, or the agent id for notifications. */
  to: string;
  subject?: string;
  body: string;
  /** Email only: the HTML part rendered from the template, footer included (absent: made from `body`). */
  html?: string;
  /** Text and WhatsApp: photos sent as media (Twilio MediaUrl), public https:// addresses. */
  mediaUrls?: string[];
  /** Email only: RFC 8058 one-click unsubscribe target. */
  unsubscribeUrl?: string;
  /** Email only, in a team whose server serves them: the signed open pixel and click links. */
  links?: EmailLinks;
}

/** A team email's signed links on the team server (core/email/team-links.ts). */
export interface EmailLinks {
  open: string;
  /** The redirect through the server to `url`, signed for that URL only. */
  click(url: string): string;
  unsubscribe: string;
}

export interface SendReceipt {
  providerId: string;
  /** Some providers confirm delivery synchronously (notifications). */
  delivered?: boolean;
}

export type ChannelErrorCode =
  | 'provider_unavailable'
  | 'timeout'
  | 'rate_limited'
  | 'invalid_address'
  | 'opted_out'
  | 'rejected'
  | 'unknown';

/**
 * A failed send. `transient` failures may be retried; `requestMayHaveLeft` says the provider
 * might have accepted it anyway (then the message becomes uncertain, never silently re-sent).
 */
export class ChannelError extends Error {
  override readonly name = 'ChannelError';
  constructor(
    readonly code: ChannelErrorCode,
    message: string,
    readonly transient: boolean,
    readonly requestMayHaveLeft: boolean,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

/** What a provider knows about a message it may or may not have received. */
export type ProviderLookup =
  | { found: true; providerId: string; status: 'sent' | 'delivered' | 'undelivered' | 'failed' }
  | { found: false }
  | { found: 'unknown' };

export interface ChannelSender<C extends SendChannel = SendChannel> {
  readonly channel: C;
  /** True when a send can reach a lead (a real provider); demo leads never go to such a port. */
  readonly reachesLeads: boolean;
  send(message: OutboundMessage, signal: AbortSignal): Promise<SendReceipt>;
  /** Asks the provider about a message by its idempotency key; absent when it cannot tell. */
  lookup?(messageId: string): Promise<ProviderLookup>;
}

export type SmsSender = ChannelSender<'sms'>;
export type WhatsAppSender = ChannelSender<'whatsapp'>;
export type Mailer = ChannelSender<'email'>;
/** In-app / tray notification to the agent. */
export type Notifier = ChannelSender<'notification'>;
