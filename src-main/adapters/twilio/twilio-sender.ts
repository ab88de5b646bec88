// SMS and WhatsApp through the twilio SDK, behind the engine's ChannelSender port (it reaches leads:
// the engine never hands it a demo lead). Guarantees:
//  - a status callback URL (with our message id) is sent only when a sync server is set;
//  - WhatsApp outside the 24-hour window sends the approved template (ContentSid) when one is
//    set, and refuses with the reason otherwise; Twilio's own 63016 answer is treated the same;
//  - a message's photos go as MediaUrl with its body (never with a template, which has its own);
//  - lookup(messageId) says `found: false` only when Twilio has no outbound message at all to
//    that number around the time it was being sent; a near miss is 'unknown', never a resend.
import type twilio from 'twilio';
import { publicLink } from '../../../src-shared/links';
import type { Clock } from '../../core/ports/clock';
import type { ChannelSender, OutboundMessage, ProviderLookup, SendReceipt } from '../../core/ports/channels';
import { ChannelError } from '../../core/ports/channels';
import { WINDOW_HINT, channelErrorOf, twilioAnswerOf } from './error-map';

type TwilioClient = twilio.Twilio;
type MessageInstance = Awaited<ReturnType<TwilioClient['messages']['create']>>;
type CreateOptions = Parameters<TwilioClient['messages']['create']>[0];

/** What was being sent, read back from the message document (to ask Twilio about it). */
export interface OutboundFacts {
  to: string;
  body: string;
  /** When it went to `sending`. */
  sendingAt: number;
}

export interface TwilioSenderOptions<C extends 'sms' | 'whatsapp'> {
  channel: C;
  client: TwilioClient;
  clock: Pick<Clock, 'now'>;
  /** E.164 sender; or `messagingServiceSid`. */
  from?: string;
  messagingServiceSid?: string;
  /**
   * The sync server's public URL (a path prefix is kept); status callbacks go to
   * <base>/webhooks/twilio/status?team=<teamId>&m=<message id>.
   */
  statusCallbackBaseUrl?: string;
  /** The team whose server receives the callbacks (absent in solo mode). */
  teamId?: string;
  /** WhatsApp: approved template for a closed window. */
  templateSid?: string;
  /** WhatsApp: whether the lead wrote within the last 24 hours. */
  windowOpen?: (to: string) => Promise<boolean>;
  findOutbound?: (messageId: string) => Promise<OutboundFacts | undefined>;
}

export const STATUS_CALLBACK_PATH = '/webhooks/twilio/status';
export const INBOUND_WEBHOOK_PATH = '/webhooks/twilio/inbound';
/** Twilio's list can lag behind a create; younger than this, absence proves nothing. */
const LIST_SETTLE_MS = 2 * 60_000;
const LOOKUP_WINDOW_MS = 15 * 60_000;

export class TwilioSender<C extends 'sms' | 'whatsapp'> implements ChannelSender<C> {
  readonly reachesLeads = true;
  readonly channel: C;

  constructor(private readonly options: TwilioSenderOptions<C>) {
    this.channel = options.channel;
  }

  async send(message: OutboundMessage, signal: AbortSignal): Promise<SendReceipt> {
    const created = await this.create(message, signal);
    return { providerId: created.sid };
  }

  /** Sends and returns Twilio's whole answer (the settings screen's test shows it). */
  async create(
    message: Pick<OutboundMessage, 'messageId' | 'to' | 'body' | 'mediaUrls'>,
    signal: AbortSignal,
  ): Promise<MessageInstance> {
    if (signal.aborted) throw new ChannelError('timeout', 'gave up before sending', true, false);
    let useTemplate = false;
    if (this.channel === 'whatsapp' && this.options.windowOpen !== undefined) {
      if (!(await this.options.windowOpen(message.to))) useTemplate = this.requireTemplate();
    }
    try {
      return await this.options.client.messages.create(this.params(message, useTemplate));
    } catch (error) {
      const mapped = channelErrorOf(error);
      // Twilio's own verdict on the window (63016): the template, if there is one and it was not used.
      if (this.channel === 'whatsapp' && !useTemplate && twilioAnswerOf(mapped)?.code === 63016) {
        this.requireTemplate();
        try {
          return await this.options.client.messages.create(this.params(message, true));
        } catch (second) {
          throw channelErrorOf(second);
        }
      }
      throw mapped;
    }
  }

  private requireTemplate(): true {
    if (this.options.templateSid === undefined)
      throw new ChannelError('rejected', `Not sent: ${WINDOW_HINT}`, false, false);
    return true;
  }

  private address(number: string): string {
    return this.channel === 'whatsapp' ? `whatsapp:${number}` : number;
  }

  private params(
    message: Pick<OutboundMessage, 'messageId' | 'to' | 'body' | 'mediaUrls'>,
    template: boolean,
  ): CreateOptions {
    const { from, messagingServiceSid, statusCallbackBaseUrl, teamId, templateSid } = this.options;
    const params: CreateOptions = { to: this.address(message.to) };
    if (from !== undefined) params.from = this.address(from);
    else if (messagingServiceSid !== undefined) params.messagingServiceSid = messagingServiceSid;
    if (template && templateSid !== undefined) params.contentSid = templateSid;
    else {
      params.body = message.body;
      // Twilio fetches each MediaUrl and sends it with the message (a home's photo).
      if (message.mediaUrls !== undefined && message.mediaUrls.length > 0)
        params.mediaUrl = message.mediaUrls;
    }
    if (statusCallbackBaseUrl !== undefined) {
      const url = new URL(publicLink(statusCallbackBaseUrl, STATUS_CALLBACK_PATH));
      if (teamId !== undefined) url.searchParams.set('team', teamId);
      url.searchParams.set('m', message.messageId);
      params.statusCallback = url.href;
    }
    return params;
  }

  async lookup(messageId: string): Promise<ProviderLookup> {
    const facts = await this.options.findOutbound?.(messageId);
    if (facts === undefined) return { found: 'unknown' };
    const from = facts.sendingAt - 60_000;
    const until = facts.sendingAt + LOOKUP_WINDOW_MS;
    let listed: MessageInstance[];
    try {
      listed = await this.options.client.messages.list({
        to: this.address(facts.to),
        limit: 200,
        pageSize: 100,
      });
    } catch {
      return { found: 'unknown' };
    }
    const nearby = listed.filter((m) => {
      const created = m.dateCreated.getTime();
      return m.direction !== 'inbound' && created >= from && created <= until;
    });
    const match = nearby.find((m) => m.body === facts.body);
    if (match !== undefined)
      return { found: true, providerId: match.sid, status: lookupStatus(match.status) };
    const oldest = listed.at(-1)?.dateCreated.getTime();
    const coversWindow = listed.length < 200 || (oldest !== undefined && oldest < from);
    const settled = this.options.clock.now() - facts.sendingAt >= LIST_SETTLE_MS;
    return nearby.length === 0 && coversWindow && settled ? { found: false } : { found: 'unknown' };
  }
}

function lookupStatus(status: string): 'sent' | 'delivered' | 'undelivered' | 'failed' {
  if (status === 'delivered' || status === 'read') return 'delivered';
  if (status === 'undelivered') return 'undelivered';
  if (status === 'failed' || status === 'canceled') return 'failed';
  return 'sent';
}
