// Twilio's webhooks as a plain fetch-style handler (Request -> Response), for whichever server
// Twilio can reach (the sync server in team mode; a Hono app mounts it with
// `app.post('/webhooks/twilio/*', (c) => handler(c.req.raw))`). Every request must carry a
// valid X-Twilio-Signature, checked with the SDK's validateRequest against the PUBLIC URL
// Twilio called (`publicBaseUrl` + path + query), since a proxy in front changes the host:
//   POST /webhooks/twilio/status?m=<message id>  MessageSid, MessageStatus, ErrorCode -> status
//   POST /webhooks/twilio/inbound                MessageSid, From, To, Body -> the reply
// Answers: 403 bad signature, 400 missing fields, 204 status recorded (or stale), 200 empty
// TwiML for an inbound message (HELP is answered through the API, like in polling mode).
import twilio from 'twilio';
import { recordInboundText } from '../../core/channels/inbound-text';
import { recordProviderStatus } from '../../core/channels/provider-status';
import type { CoreContext } from '../../core/context';
import { OPTED_OUT, deliveryReason, formParams } from '../../../src-shared/sms/twilio-status';
import type { TwilioSender } from './twilio-sender';
import { INBOUND_WEBHOOK_PATH, STATUS_CALLBACK_PATH } from './twilio-sender';

export interface TwilioWebhookOptions {
  authToken: string;
  publicBaseUrl: string;
  senders: { sms?: TwilioSender<'sms'>; whatsapp?: TwilioSender<'whatsapp'> };
}

export type TwilioWebhookHandler = (request: Request) => Promise<Response>;

export function twilioWebhookHandler(ctx: CoreContext, options: TwilioWebhookOptions): TwilioWebhookHandler {
  return async (request) => {
    const url = new URL(request.url);
    if (request.method !== 'POST') return text(405, 'POST only');
    const form = new URLSearchParams(await request.text());
    const params = formParams(form);
    const one = (key: string): string | undefined => form.get(key) ?? undefined;
    const publicUrl = new URL(url.pathname + url.search, options.publicBaseUrl).href;
    const signature = request.headers.get('x-twilio-signature') ?? '';
    if (!twilio.validateRequest(options.authToken, signature, publicUrl, params))
      return text(403, 'X-Twilio-Signature does not match this request');
    const sid = one('MessageSid') ?? one('SmsSid');
    if (sid === undefined) return text(400, 'MessageSid is missing');

    if (url.pathname.endsWith(STATUS_CALLBACK_PATH)) {
      const status = one('MessageStatus') ?? one('SmsStatus');
      if (status === undefined) return text(400, 'MessageStatus is missing');
      const errorCode = one('ErrorCode');
      const code = errorCode === undefined ? undefined : Number(errorCode);
      const failed = status === 'undelivered' || status === 'failed';
      const messageId = url.searchParams.get('m');
      await recordProviderStatus(ctx, {
        ...(messageId === null ? {} : { messageId }),
        providerId: sid,
        status,
        provider: 'twilio',
        ...(failed ? { error: deliveryReason(code, one('ErrorMessage')) } : {}),
        ...(code === OPTED_OUT ? { optedOut: true } : {}),
      });
      return new Response(null, { status: 204 });
    }
    if (url.pathname.endsWith(INBOUND_WEBHOOK_PATH)) {
      const from = one('From');
      if (from === undefined) return text(400, 'From is missing');
      const whatsapp = from.startsWith('whatsapp:');
      await recordInboundText(
        ctx,
        {
          providerId: sid,
          channel: whatsapp ? 'whatsapp' : 'sms',
          from: from.replace(/^whatsapp:/, ''),
          body: one('Body') ?? '',
          receivedAt: ctx.clock.now(),
        },
        whatsapp ? options.senders.whatsapp : options.senders.sms,
      );
      return new Response('<?xml version="1.0" encoding="UTF-8"?><Response></Response>', {
        status: 200,
        headers: { 'content-type': 'text/xml' },
      });
    }
    return text(404, `no Twilio webhook at ${url.pathname}`);
  };
}

function text(status: number, body: string): Response {
  return new Response(body, { status, headers: { 'content-type': 'text/plain' } });
}
