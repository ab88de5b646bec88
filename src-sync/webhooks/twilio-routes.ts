// POST /webhooks/twilio/inbound?team=… and /webhooks/twilio/status?team=…&m=… (the paths the
// desktop's Twilio sender names). X-Twilio-Signature is checked with the official SDK's
// validateRequest, against the configured public URL + path + query and every form parameter
// (a repeated key kept as an array). Unsigned, forged, signed with an empty token, or the team
// has no Twilio auth token set: 403 and nothing stored. HELP/INFO is answered in the TwiML
// (help-reply.ts).
import { Hono, type Context } from 'hono';
import twilio from 'twilio';
import { formParams } from '../../src-shared/sms/twilio-status';
import type { SyncDeps } from '../context';
import { limitBody } from '../middleware/body-limit';
import { SyncError } from '../middleware/errors';
import type { TeamSecrets } from '../team/secrets';
import { answerHelp, twimlReply } from './help-reply';
import { recordInboundOnServer, recordStatusOnServer } from './twilio-events';
import { forged, webhookRequest } from './verify';

export const TWILIO_INBOUND_PATH = '/webhooks/twilio/inbound';
export const TWILIO_STATUS_PATH = '/webhooks/twilio/status';
const SIGNATURE = 'X-Twilio-Signature';

export function twilioWebhookRoutes(deps: SyncDeps, secrets: TeamSecrets): Hono {
  const routes = new Hono();
  routes.use('*', limitBody(64 * 1024));

  async function verified(c: Context, path: string): Promise<{ teamId: string; form: URLSearchParams }> {
    const request = await webhookRequest(deps, c, path, SIGNATURE);
    const token = await secrets.get(request.teamId, 'twilio-auth-token');
    const signature = c.req.header('x-twilio-signature') ?? '';
    const form = new URLSearchParams(request.raw);
    if (token === null || token === '' || signature === '') throw forged(SIGNATURE);
    if (!twilio.validateRequest(token, signature, request.publicUrl, formParams(form)))
      throw forged(SIGNATURE);
    return { teamId: request.teamId, form };
  }

  const field = (form: URLSearchParams, ...names: string[]): string | undefined => {
    for (const name of names) {
      const value = form.get(name);
      if (value !== null && value !== '') return value;
    }
    return undefined;
  };
  const required = (value: string | undefined, name: string): string => {
    if (value === undefined || value.length > 254)
      throw new SyncError(400, 'invalid_request', `${name} is missing from Twilio's request.`);
    return value;
  };

  routes.post('/inbound', async (c) => {
    const { teamId, form } = await verified(c, TWILIO_INBOUND_PATH);
    const sid = required(field(form, 'MessageSid', 'SmsSid'), 'MessageSid');
    const from = required(field(form, 'From'), 'From');
    const inbound = {
      sid,
      channel: from.startsWith('whatsapp:') ? ('whatsapp' as const) : ('sms' as const),
      from: from.replace(/^whatsapp:/, ''),
      body: form.get('Body') ?? '',
    };
    const now = deps.clock.now();
    const recorded = await recordInboundOnServer(deps.storage, teamId, inbound, now);
    // HELP/INFO is answered here (carriers require it); anything else gets empty TwiML.
    const twiml =
      recorded.keyword === 'help'
        ? twimlReply(await answerHelp(deps.storage, teamId, inbound, recorded.lead, now))
        : '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';
    return c.body(twiml, 200, { 'content-type': 'text/xml' });
  });

  routes.post('/status', async (c) => {
    const { teamId, form } = await verified(c, TWILIO_STATUS_PATH);
    const code = field(form, 'ErrorCode');
    const errorCode = code === undefined || !/^\d{1,6}$/.test(code) ? undefined : Number(code);
    await recordStatusOnServer(
      deps.storage,
      teamId,
      {
        messageId: c.req.query('m'),
        sid: required(field(form, 'MessageSid', 'SmsSid'), 'MessageSid'),
        status: required(field(form, 'MessageStatus', 'SmsStatus'), 'MessageStatus'),
        errorCode,
        errorMessage: field(form, 'ErrorMessage'),
      },
      deps.clock.now(),
    );
    return c.body(null, 204);
  });

  return routes;
}
