// Turns an OutboundMessage into what nodemailer sends: a text part exactly as rendered (the
// send pipeline has already added the CAN-SPAM footer: sender, postal address, unsubscribe
// link), an HTML part made from the same text, RFC 8058 one-click unsubscribe headers, the
// lead's plus-addressed Reply-To (also the envelope sender, so bounces come back to the reply
// mailbox and name the lead), and a Message-ID we keep. Open pixel and tracked links only
// when a tracking server is configured; the unsubscribe link is never rewritten.
import { createHmac } from 'node:crypto';
import type { EmailSettings } from '../../../src-shared/ipc/email';
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

const URL_PATTERN = /\bhttps?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)]/g;

function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** The signature the tracking server checks before redirecting (no open redirect). */
export function clickSignature(key: string, messageId: string, url: string): string {
  return createHmac('sha256', Buffer.from(key, 'base64url'))
    .update(`click\u001f${messageId}\u001f${url}`)
    .digest('base64url')
    .slice(0, 22);
}

function trackedUrl(base: string, key: string, messageId: string, url: string): string {
  const query = new URLSearchParams({ u: url, s: clickSignature(key, messageId, url) });
  return `${base.replace(/\/+$/, '')}/t/c/${encodeURIComponent(messageId)}?${query.toString()}`;
}

export function htmlFromText(
  text: string,
  options: { unsubscribeUrl?: string; track?: { base: string; key: string; messageId: string } },
): string {
  const linkify = (line: string): string => {
    let out = '';
    let last = 0;
    for (const match of line.matchAll(URL_PATTERN)) {
      const url = match[0];
      const index = match.index;
      const href =
        options.track === undefined || url === options.unsubscribeUrl
          ? url
          : trackedUrl(options.track.base, options.track.key, options.track.messageId, url);
      out += `${escapeHtml(line.slice(last, index))}<a href="${escapeHtml(href)}">${escapeHtml(url)}</a>`;
      last = index + url.length;
    }
    return out + escapeHtml(line.slice(last));
  };
  const paragraphs = text
    .replace(/\r\n/g, '\n')
    .split(/\n{2,}/)
    .map((p) => `<p>${p.split('\n').map(linkify).join('<br>\n')}</p>`);
  const pixel =
    options.track === undefined
      ? ''
      : `<img src="${escapeHtml(
          `${options.track.base.replace(/\/+$/, '')}/t/o/${encodeURIComponent(options.track.messageId)}.gif`,
        )}" width="1" height="1" alt="" style="display:block;border:0">`;
  return `<!doctype html><html><body>\n${paragraphs.join('\n')}\n${pixel}</body></html>\n`;
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
  const track =
    settings.trackingBaseUrl === ''
      ? undefined
      : { base: settings.trackingBaseUrl, key: replyTokenKey, messageId: message.messageId };
  return {
    from: { name: settings.fromName, address: settings.fromAddress },
    to: message.to,
    subject: message.subject ?? '',
    text: message.body,
    html: htmlFromText(message.body, {
      ...(message.unsubscribeUrl === undefined ? {} : { unsubscribeUrl: message.unsubscribeUrl }),
      ...(track === undefined ? {} : { track }),
    }),
    ...(replyTo === undefined ? {} : { replyTo }),
    messageId: `<${newMessageIdHeader(message.messageId, domain)}>`,
    headers,
    envelope: { from: replyTo ?? settings.fromAddress, to: message.to },
  };
}
