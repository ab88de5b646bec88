// Email and Twilio connected live: a change to their settings document or to a secret
// reconnects that adapter in place (no restart), reports its state on the connection board
// (connected / failed: <the provider's words> / not configured: <what is missing>) and hands the
// engine the new sender, so messages waiting for the channel go out at once. A provider that
// refuses at connect time is not handed to the engine (its messages wait, they are not failed)
// and is asked again every minute.
import type { Subscription } from 'rxjs';
import type { ConnectionBoard } from '../core/channels/connections';
import type { CoreContext } from '../core/context';
import { EMAIL_SETTINGS_ID } from '../core/email/settings';
import type { Engine, EnginePorts } from '../core/engine';
import type { ChannelTesters } from '../core/ports/channel-tester';
import type { ChannelSender, SendChannel } from '../core/ports/channels';
import type { TimerHandle } from '../core/ports/clock';
import type { SecretStore } from '../core/ports/secret-store';
import { TWILIO_SETTINGS_ID } from '../../src-shared/ipc/channels';
import type { ImapReplies } from './email';
import {
  createSmtpMailer,
  emailRepliesMissing,
  emailSendingMissing,
  emailTester,
  startImapReplies,
  verifyEmailSending,
} from './email';
import type { ConnectedTwilio } from './twilio';
import { connectTwilio, twilioMissing } from './twilio';

const RETRY_MS = 60_000;
type Adapter = 'email' | 'twilio';
type LiveChannel = Exclude<SendChannel, 'notification'>;

function isFor<C extends LiveChannel>(sender: ChannelSender, channel: C): sender is ChannelSender<C> {
  return sender.channel === channel;
}

export interface LiveChannelOptions {
  /** Another Twilio-compatible API origin (tests: the local fake). */
  twilioApiBaseUrl?: string;
}

export class LiveChannels {
  private readonly senders = new Map<LiveChannel, ChannelSender>();
  private mailer: { close(): void } | undefined;
  private twilio: ConnectedTwilio | undefined;
  private replies: ImapReplies | null = null;
  private engine: Engine | undefined;
  private readonly chains = new Map<Adapter, Promise<void>>();
  private readonly retries = new Map<Adapter, TimerHandle>();
  private subscription: Subscription | undefined;
  private offSecrets: (() => void) | undefined;
  private stopped = false;

  /** `testers` is the context's own record: it holds the test senders of what is connected now. */
  constructor(
    private readonly ctx: CoreContext,
    private readonly secrets: SecretStore,
    private readonly board: ConnectionBoard,
    private readonly testers: ChannelTesters,
    private readonly options: LiveChannelOptions = {},
  ) {}

  /** Connects both once (before the engine starts) and starts listening for changes. */
  async start(): Promise<void> {
    await Promise.all([this.reconnect('email'), this.reconnect('twilio')]);
    this.subscription = this.ctx.db.settings.$.subscribe((event) => {
      if (event.documentId === EMAIL_SETTINGS_ID) void this.reconnect('email');
      if (event.documentId === TWILIO_SETTINGS_ID) void this.reconnect('twilio');
    });
    // A secret was set or deleted (the handler does not say which provider it belongs to).
    this.offSecrets = this.ctx.events.on('channels-changed', () => {
      void this.reconnect('email');
      void this.reconnect('twilio');
    });
  }

  /** The senders connected now, as engine ports. */
  ports(): Pick<EnginePorts, 'sms' | 'whatsapp' | 'mailer'> {
    const sms = this.senders.get('sms');
    const whatsapp = this.senders.get('whatsapp');
    const email = this.senders.get('email');
    return {
      ...(sms !== undefined && isFor(sms, 'sms') ? { sms } : {}),
      ...(whatsapp !== undefined && isFor(whatsapp, 'whatsapp') ? { whatsapp } : {}),
      ...(email !== undefined && isFor(email, 'email') ? { mailer: email } : {}),
    };
  }

  /** From now on the engine hears of every (re)connection; it gets what changed since its start. */
  attach(engine: Engine): void {
    this.engine = engine;
    for (const channel of ['sms', 'whatsapp', 'email'] as const)
      void engine.setSender(channel, this.senders.get(channel));
  }

  /** Reconnects one adapter; calls for the same adapter run one after another. */
  reconnect(adapter: Adapter): Promise<void> {
    const previous = this.chains.get(adapter) ?? Promise.resolve();
    const next = previous
      .then(() =>
        this.stopped ? undefined : adapter === 'email' ? this.connectEmail() : this.connectTwilio(),
      )
      .catch((error: unknown) => console.error(`Porchlight: ${adapter} could not reconnect:`, error));
    this.chains.set(adapter, next);
    return next;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.subscription?.unsubscribe();
    this.offSecrets?.();
    for (const timer of this.retries.values()) timer.cancel();
    await Promise.all(this.chains.values());
    this.mailer?.close();
    await this.replies?.stop();
    await this.twilio?.stop();
  }

  private async connectEmail(): Promise<void> {
    const deps = { secrets: this.secrets };
    // The mailer being replaced ends its kept connections (a message in flight finishes first).
    this.mailer?.close();
    this.mailer = undefined;
    const missing = await emailSendingMissing(this.ctx, deps);
    if (missing.length > 0) {
      delete this.testers.email;
      await this.setSender('email', undefined);
      this.board.notConfigured('email', missing);
    } else {
      this.testers.email = emailTester(this.ctx, deps);
      const refused = await verifyEmailSending(this.ctx, deps);
      if (refused === null) {
        const mailer = createSmtpMailer(this.ctx, deps);
        this.mailer = mailer;
        await this.setSender('email', mailer);
        this.board.connected('email');
      } else {
        await this.setSender('email', undefined);
        this.board.failed('email', refused);
        this.retryLater('email');
      }
    }
    await this.replies?.stop();
    this.replies = null;
    const repliesMissing = await emailRepliesMissing(this.ctx, deps);
    if (repliesMissing.length > 0) this.board.notConfigured('email_replies', repliesMissing);
    else {
      this.replies = await startImapReplies(this.ctx, deps);
      this.board.connected('email_replies');
    }
  }

  private async connectTwilio(): Promise<void> {
    await this.twilio?.stop();
    this.twilio = undefined;
    delete this.testers.sms;
    delete this.testers.whatsapp;
    const twilio = await connectTwilio(
      this.ctx,
      this.options.twilioApiBaseUrl === undefined ? {} : { apiBaseUrl: this.options.twilioApiBaseUrl },
    );
    if (twilio === undefined) {
      const missing = await twilioMissing(this.ctx);
      await this.setSender('sms', undefined);
      await this.setSender('whatsapp', undefined);
      this.board.notConfigured('sms', missing);
      this.board.notConfigured('whatsapp', missing);
      return;
    }
    this.twilio = twilio;
    Object.assign(this.testers, twilio.testers);
    const refused = await twilio.verify();
    for (const channel of ['sms', 'whatsapp'] as const) {
      const sender = twilio[channel];
      if (sender === undefined) {
        await this.setSender(channel, undefined);
        this.board.notConfigured(channel, [channel === 'sms' ? 'the SMS number' : 'the WhatsApp number']);
      } else if (refused === null) {
        await this.setSender(channel, sender);
        this.board.connected(channel);
      } else {
        await this.setSender(channel, undefined);
        this.board.failed(channel, refused);
      }
    }
    if (refused !== null) this.retryLater('twilio');
  }

  private async setSender(channel: LiveChannel, sender: ChannelSender | undefined): Promise<void> {
    if (sender === undefined) this.senders.delete(channel);
    else this.senders.set(channel, sender);
    await this.engine?.setSender(channel, sender);
  }

  private retryLater(adapter: Adapter): void {
    this.retries.get(adapter)?.cancel();
    this.retries.set(
      adapter,
      this.ctx.clock.setTimer(this.ctx.clock.now() + RETRY_MS, () => void this.reconnect(adapter)),
    );
  }
}
