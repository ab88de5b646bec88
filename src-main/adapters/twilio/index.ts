// Connecting SMS and WhatsApp through Twilio, from the settings ("channels.twilio") and the
// secrets (twilio.accountSid, twilio.authToken). Returns undefined when Twilio is not
// configured (no keys, or no sender), so a shell simply leaves the channel absent.
//   const twilio = await connectTwilio(ctx);                  // ctx.secrets must be set
//   ports: { sms: twilio?.sms, whatsapp: twilio?.whatsapp }   // they reach leads
//   testers: twilio?.testers ('channels-test'); twilio?.webhook for a server Twilio reaches;
//   twilio?.poller runs only without a sync server (no status callback URL); stop() ends it.
// `apiBaseUrl` points the SDK at another server (the local fake in tests); see docs/channels.md.
import twilio from 'twilio';
import type { ChannelTestResult } from '../../../src-shared/ipc/channels';
import { readTwilioSettings } from '../../core/channels/twilio-settings';
import type { CoreContext } from '../../core/context';
import { isWhatsAppWindowOpen } from '../../core/messages/whatsapp-window';
import type { ChannelTesters } from '../../core/ports/channel-tester';
import { SOLO_TEAM_ID } from '../../core/sync/membership';
import { answerOf, twilioAnswerOf } from './error-map';
import { TwilioPoller } from './inbound-poller';
import { RedirectingRequestClient } from './request-client';
import type { OutboundFacts } from './twilio-sender';
import { TwilioSender } from './twilio-sender';
import type { TwilioWebhookHandler } from './webhooks';
import { twilioWebhookHandler } from './webhooks';

export { RedirectingRequestClient } from './request-client';
export { TwilioSender, STATUS_CALLBACK_PATH, INBOUND_WEBHOOK_PATH } from './twilio-sender';
export type { TwilioPoller, PollReport } from './inbound-poller';
export type { TwilioWebhookHandler } from './webhooks';

export interface TwilioConnectOptions {
  /** Another Twilio API origin (tests: the local fake at http://127.0.0.1:PORT). */
  apiBaseUrl?: string;
  /** Request timeout for the SDK (ms); the engine has its own send timeout. */
  timeoutMs?: number;
  /** Start the poller's timer when there is no sync server (default true; tests call pollOnce). */
  poll?: boolean;
}

export interface ConnectedTwilio {
  sms?: TwilioSender<'sms'>;
  whatsapp?: TwilioSender<'whatsapp'>;
  testers: ChannelTesters;
  /** Handles Twilio's status and inbound webhooks (needs the sync server's public URL). */
  webhook?: TwilioWebhookHandler;
  poller?: TwilioPoller;
  /** Asks Twilio for the account: null when the keys work, otherwise Twilio's own words. */
  verify(): Promise<string | null>;
  stop(): Promise<void>;
}

/** What is missing for Twilio to connect, in the words of Settings → Text messages and WhatsApp (empty: nothing). */
export async function twilioMissing(ctx: CoreContext): Promise<string[]> {
  const [accountSid, authToken, settings] = await Promise.all([
    ctx.secrets?.get('twilio.accountSid'),
    ctx.secrets?.get('twilio.authToken'),
    readTwilioSettings(ctx),
  ]);
  return [
    accountSid === undefined ? 'the Twilio Account SID' : '',
    authToken === undefined ? 'the Twilio auth token' : '',
    settings.smsFrom === undefined &&
    settings.messagingServiceSid === undefined &&
    settings.whatsappFrom === undefined
      ? 'a sending number or messaging service'
      : '',
  ].filter((s) => s !== '');
}

export async function connectTwilio(
  ctx: CoreContext,
  options: TwilioConnectOptions = {},
): Promise<ConnectedTwilio | undefined> {
  const [accountSid, authToken, settings] = await Promise.all([
    ctx.secrets?.get('twilio.accountSid'),
    ctx.secrets?.get('twilio.authToken'),
    readTwilioSettings(ctx),
  ]);
  if (accountSid === undefined || authToken === undefined) return undefined;
  const smsFrom = settings.smsFrom ?? settings.messagingServiceSid;
  if (smsFrom === undefined && settings.whatsappFrom === undefined) return undefined;

  const client = twilio(accountSid, authToken, {
    ...(options.apiBaseUrl === undefined
      ? { timeout: options.timeoutMs ?? 30_000 }
      : {
          httpClient: new RedirectingRequestClient(options.apiBaseUrl, {
            timeout: options.timeoutMs ?? 30_000,
          }),
        }),
  });
  const common = {
    client,
    clock: ctx.clock,
    findOutbound: (id: string) => outboundFacts(ctx, id),
    ...(settings.statusCallbackBaseUrl === undefined
      ? {}
      : { statusCallbackBaseUrl: settings.statusCallbackBaseUrl }),
    ...(ctx.workspace.teamId === SOLO_TEAM_ID ? {} : { teamId: ctx.workspace.teamId }),
  };
  const sms =
    smsFrom === undefined
      ? undefined
      : new TwilioSender({
          ...common,
          channel: 'sms',
          ...(settings.smsFrom === undefined ? { messagingServiceSid: smsFrom } : { from: settings.smsFrom }),
        });
  const whatsapp =
    settings.whatsappFrom === undefined
      ? undefined
      : new TwilioSender({
          ...common,
          channel: 'whatsapp',
          from: settings.whatsappFrom,
          windowOpen: (to) => whatsappWindowOpen(ctx, to),
          ...(settings.whatsappTemplateSid === undefined
            ? {}
            : { templateSid: settings.whatsappTemplateSid }),
        });
  const senders = { ...(sms === undefined ? {} : { sms }), ...(whatsapp === undefined ? {} : { whatsapp }) };

  const testers: ChannelTesters = {};
  if (sms !== undefined) testers.sms = (to) => testSend(sms, to, ctx.clock.now());
  if (whatsapp !== undefined) testers.whatsapp = (to) => testSend(whatsapp, to, ctx.clock.now());

  let poller: TwilioPoller | undefined;
  if (settings.statusCallbackBaseUrl === undefined) {
    const numbers = [
      ...(settings.smsFrom === undefined ? [] : [settings.smsFrom]),
      ...(settings.whatsappFrom === undefined ? [] : [`whatsapp:${settings.whatsappFrom}`]),
    ];
    poller = new TwilioPoller(ctx, {
      client,
      numbers: settings.smsFrom === undefined && settings.messagingServiceSid !== undefined ? [] : numbers,
      intervalMs: settings.pollSeconds * 1000,
      senders,
    });
    if (options.poll !== false) poller.start();
  }
  return {
    ...senders,
    testers,
    ...(settings.statusCallbackBaseUrl === undefined
      ? {}
      : {
          webhook: twilioWebhookHandler(ctx, {
            authToken,
            publicBaseUrl: settings.statusCallbackBaseUrl,
            senders,
          }),
        }),
    ...(poller === undefined ? {} : { poller }),
    async verify() {
      try {
        await client.api.v2010.accounts(accountSid).fetch();
        return null;
      } catch (error) {
        const answer = twilioAnswerOf(error) ?? answerOf(error);
        return answer.code === undefined ? answer.message : `Twilio ${answer.code}: ${answer.message}`;
      }
    },
    stop: async () => poller?.stop(),
  };
}

async function testSend(
  sender: TwilioSender<'sms' | 'whatsapp'>,
  to: string,
  now: number,
): Promise<ChannelTestResult> {
  const channel = sender.channel;
  try {
    const created = await sender.create(
      {
        messageId: `test-${now}`,
        to,
        body: 'Porchlight test message: this is how your texts to leads arrive.',
      },
      AbortSignal.timeout(30_000),
    );
    return {
      channel,
      ok: created.errorCode === null || created.errorCode === undefined,
      providerId: created.sid,
      status: created.status,
      ...(created.errorCode === null || created.errorCode === undefined
        ? {}
        : { errorCode: String(created.errorCode) }),
      answer: created.errorMessage ?? `Twilio accepted it (${created.status}).`,
      httpStatus: 201,
    };
  } catch (error) {
    const answer = twilioAnswerOf(error) ?? answerOf(error);
    return {
      channel,
      ok: false,
      ...(answer.code === undefined ? {} : { errorCode: String(answer.code) }),
      answer: answer.code === undefined && error instanceof Error ? error.message : answer.message,
      ...(answer.moreInfo === undefined ? {} : { moreInfo: answer.moreInfo }),
      ...(answer.httpStatus === undefined ? {} : { httpStatus: answer.httpStatus }),
    };
  }
}

/** The message document as it was handed to Twilio: the number, the text, when. */
async function outboundFacts(ctx: CoreContext, messageId: string): Promise<OutboundFacts | undefined> {
  const doc = await ctx.db.messages.findOne(messageId).exec();
  if (doc === null || doc.to === undefined) return undefined;
  const sending = doc.statusHistory.findLast((change) => change.status === 'sending');
  return sending === undefined ? undefined : { to: doc.to, body: doc.body, sendingAt: sending.at };
}

async function whatsappWindowOpen(ctx: CoreContext, to: string): Promise<boolean> {
  const lead = await ctx.db.leads.findOne({ selector: { phone: to, deletedAt: 0 } }).exec();
  return lead !== null && isWhatsAppWindowOpen(ctx, lead.id, ctx.clock.now());
}
