// Turns an OutboundMessage into what nodemailer sends: a text part exactly as rendered (the
// send pipeline has already added the CAN-SPAM footer: sender, postal address, unsubscribe
// link), the HTML part (the template's own, or made from the same text), RFC 8058 one-click unsubscribe headers, the
// lead's plus-addressed Reply-To (also the envelope sender, so bounces come back to the reply
// mailbox and name the lead), and a Message-ID we keep. Open pixel and tracked links only
// when the team server signs them (message.links) or a tracking server is configured; the
// unsubscribe link is never rewritten.
import { createHmac } from 'node:crypto';
import type { EmailSettings } from '../../../src-shared/ipc/email';
import { escapeHtml, htmlFromText } from '../../../src-shared/templates';
import { newMessageIdHeader, plusAddressFor } from '../../core/email/reply-address';
import type { OutboundMessage } from '../../core/ports/channels';

export interface ComposedEmail {
  from: { name: string; address: string };
  to: string;
  subject: string;
  text: string;
  html: string;
  replyTo?: string;
  /** With angle brackets, as the header carries it. */
  messageId: string;
  headers: Record<string, string>;
  envelope: { from: string; to: string };
}

/** The signature the tracking server checks before redirecting (no open redirect). */
export function clickSignature(key: string, messageId: string, url: string): string {
  return createHmac('sha256', Buffer.from(key, 'base64url'))
    .update(`click\u001f${messageId}\u001f${url}`)
    .digest('base64url')
    .slice(0, 22);
}

/** Where an email's open pixel and click links go (absent: no tracking). */
interface Tracking {
  open: string;
  click(url: string): string;
}

/** The older tracking-server setting's links (its own signature; a team server signs its own). */
function settingsTracking(base: string, key: string, messageId: string): Tracking {
  const root = base.replace(/\/+$/, '');
  return {
    open: `${root}/t/o/${encodeURIComponent(messageId)}.gif`,
    click: (url) => {
      const query = new URLSearchParams({ u: url, s: clickSignature(key, messageId, url) });
      return `${root}/t/c/${encodeURIComponent(messageId)}?${query.toString()}`;
    },
  };
}

const HREF = /href="(https?:\/\/[^"]+)"/g;
const BODY_END = /<\/body\s*>/gi;

function unescapeAttribute(value: string): string {
  return value
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');
}

/**
 * The HTML part: the template's own HTML when it has one, else made from the text. With a
 * tracking server every http(s) link but the unsubscribe one goes through it, and an open
 * pixel closes the body.
 */
export function htmlPart(
  message: Pick<OutboundMessage, 'body' | 'html' | 'unsubscribeUrl'>,
  track: Tracking | undefined,
): string {
  const hrefFor = (url: string): string =>
    track === undefined || url === message.unsubscribeUrl ? url : track.click(url);
  if (message.html === undefined) return htmlFromText(message.body, hrefFor, pixel(track));
  const linked = message.html.replace(HREF, (whole, raw: string) => {
    const url = unescapeAttribute(raw);
    const href = hrefFor(url);
    return href === url ? whole : `href="${escapeHtml(href)}"`;
  });
  const end = [...linked.matchAll(BODY_END)].at(-1)?.index;
  return end === undefined
    ? `${linked}${pixel(track)}`
    : `${linked.slice(0, end)}${pixel(track)}${linked.slice(end)}`;
}

function pixel(track: Tracking | undefined): string {
  if (track === undefined) return '';
  return `<img src="${escapeHtml(track.open)}" width="1" height="1" alt="" style="display:block;border:0">`;
}

export function composeEmail(
  message: OutboundMessage,
  settings: EmailSettings,
  replyTokenKey: string,
): ComposedEmail {
  const domain = settings.fromAddress.slice(settings.fromAddress.lastIndexOf('@') + 1);
  const replyTo =
    settings.replyAddress === ''
      ? undefined
      : plusAddressFor(settings.replyAddress, message.leadId, replyTokenKey);
  const headers: Record<string, string> = {};
  if (message.unsubscribeUrl !== undefined && message.unsubscribeUrl !== '') {
    // RFC 8058: an HTTPS URI, and the POST body a mail client sends to it.
    headers['List-Unsubscribe'] = `<${message.unsubscribeUrl}>`;
    headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
  } else if (replyTo !== undefined) {
    // No server to serve a link (solo mode): RFC 2369's mailto form, to the lead's own reply
    // address, which the reply reader matches to the lead and reads as an opt-out.
    headers['List-Unsubscribe'] = `<mailto:${replyTo}?subject=unsubscribe>`;
  }
  // A team email's links are the team server's, signed for this message; else the setting's.
  const track: Tracking | undefined =
    message.links ??
    (settings.trackingBaseUrl === ''
      ? undefined
      : settingsTracking(settings.trackingBaseUrl, replyTokenKey, message.messageId));
  return {
    from: { name: settings.fromName, address: settings.fromAddress },
    to: message.to,
    subject: message.subject ?? '',
    text: message.body,
    html: htmlPart(message, track),
    ...(replyTo === undefined ? {} : { replyTo }),
    messageId: `<${newMessageIdHeader(message.messageId, domain)}>`,
    headers,
    envelope: { from: replyTo ?? settings.fromAddress, to: message.to },
  };
}
