// What an outbound message says when it goes out: its template's current text (or its own
// body), placeholders filled for the lead and its owner at that moment, and for email the
// subject and the footer, in the voice of the agent's profile. The send pipeline sends this;
// the timeline previews it for messages still waiting, so what the agent reads is what the
// lead will get. A `{{property_matches}}` block is filled with the lead's homes at that moment
// (cards in the HTML part, text cards in the plain one); in a property alert both it and
// `{{property_summary}}` carry the lead's news (listings/alert-block.ts). Throws TemplateError when the text
// would be refused at send time.
import type { Channel, Lead, Message } from '../../../src-shared/domain';
import type { EngineSettings } from '../../../src-shared/playbooks/engine-settings';
import {
  DEFAULT_EMAIL_SUBJECT,
  htmlFromText,
  renderHtmlTemplate,
  renderTemplate,
  withEmailFooter,
  withHtmlEmailFooter,
} from '../../../src-shared/templates';
import type { CoreContext } from '../context';
import { footerOf, templateValuesFor } from '../engine/template-values';
import type { PropertyBlock } from '../listings/property-block';
import type { EmailLinks } from '../ports/channels';
import { PROPERTY_BLOCK_MARK, spliceCards } from '../listings/property-block';
import { propertyContentFor } from '../listings/alert-block';
import { voiceFor } from '../profile/voice';

export interface OutgoingContent {
  body: string;
  subject?: string;
  /** Email only, when its template has an HTML part or a property block (footer in HTML too). */
  html?: string;
  /** Email only, when the team serves unsubscribe links (RFC 8058's List-Unsubscribe). */
  unsubscribeUrl?: string;
  /** The homes a property block carries: recorded on the lead once the message is handed over. */
  listingIds?: string[];
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
  const text = template?.body ?? message.body;
  const htmlPart = template?.channel === 'email' ? template.html : undefined;
  const rawSubject = template?.subject ?? message.subject;
  const property = await propertyContentFor(ctx, lead, channel, [text, htmlPart, rawSubject], message);
  const block: PropertyBlock | undefined = property.block;
  if (property.summary !== undefined) values.property_summary = property.summary;
  const homes = block === undefined ? {} : { listingIds: block.listingIds };
  const body = renderTemplate(text, {
    ...values,
    ...(block === undefined ? {} : { property_matches: block.text }),
  });
  if (channel !== 'email') return { body, ...homes };
  const unsubscribeUrl =
    links?.unsubscribe ??
    (settings.sender.unsubscribeUrlBase === '' ? '' : `${settings.sender.unsubscribeUrlBase}${message.id}`);
  const footer = footerOf(voice, unsubscribeUrl);
  const marked = { ...values, property_matches: PROPERTY_BLOCK_MARK };
  const html =
    htmlPart !== undefined
      ? renderHtmlTemplate(htmlPart, block === undefined ? values : marked)
      : block === undefined
        ? undefined
        : htmlFromText(renderTemplate(text, marked));
  return {
    ...(unsubscribeUrl === '' ? {} : { unsubscribeUrl }),
    ...(html === undefined
      ? {}
      : { html: withHtmlEmailFooter(block === undefined ? html : spliceCards(html, block.html), footer) }),
    subject: renderTemplate(rawSubject ?? DEFAULT_EMAIL_SUBJECT, values),
    body: withEmailFooter(body, footer),
    ...homes,
  };
}
