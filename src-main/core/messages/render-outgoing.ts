// What an outbound message says when it goes out: its template's current text (or its own
// body), placeholders filled for the lead and its owner at that moment, and for email the
// subject and the footer, in the voice of the agent's profile. The send pipeline sends this; the timeline previews it for messages
// still waiting, so what the agent reads is what the lead will get. Throws TemplateError when
// the text would be refused at send time.
import type { Channel, Lead, Message } from '../../../src-shared/domain';
import type { EngineSettings } from '../../../src-shared/playbooks/engine-settings';
import {
  DEFAULT_EMAIL_SUBJECT,
  renderHtmlTemplate,
  renderTemplate,
  withEmailFooter,
  withHtmlEmailFooter,
} from '../../../src-shared/templates';
import type { CoreContext } from '../context';
import { footerOf, templateValuesFor } from '../engine/template-values';
import type { EmailLinks } from '../ports/channels';
import { voiceFor } from '../profile/voice';

export interface OutgoingContent {
  body: string;
  subject?: string;
  /** Email only, when its template has an HTML part (with the footer in HTML too). */
  html?: string;
  /** Email only, when the team serves unsubscribe links (RFC 8058's List-Unsubscribe). */
  unsubscribeUrl?: string;
}

export async function renderOutgoing(
  ctx: CoreContext,
  message: Message,
  lead: Lead,
  channel: Channel,
  settings: EngineSettings,
  now: number,
  /** A team email's signed links: its unsubscribe link is the team server's. */
  links?: EmailLinks,
): Promise<OutgoingContent> {
  const template =
    message.templateId === undefined ? null : await ctx.db.templates.findOne(message.templateId).exec();
  const voice = await voiceFor(ctx, lead, settings);
  const values = templateValuesFor(lead, voice, now);
  const body = renderTemplate(template?.body ?? message.body, values);
  if (channel !== 'email') return { body };
  const unsubscribeUrl =
    links?.unsubscribe ??
    (settings.sender.unsubscribeUrlBase === '' ? '' : `${settings.sender.unsubscribeUrlBase}${message.id}`);
  const footer = footerOf(voice, unsubscribeUrl);
  return {
    ...(unsubscribeUrl === '' ? {} : { unsubscribeUrl }),
    ...(template?.channel === 'email' && template.html !== undefined
      ? { html: withHtmlEmailFooter(renderHtmlTemplate(template.html, values), footer) }
      : {}),
    subject: renderTemplate(template?.subject ?? message.subject ?? DEFAULT_EMAIL_SUBJECT, values),
    body: withEmailFooter(body, footer),
  };
}
