// The HTML part of an email template. Placeholders work as in the text part (render.ts) with
// the same refusals, but every value is HTML-escaped, so a lead's name or address can never
// add markup. The CAN-SPAM footer goes in before </body> with the same three lines as the text
// footer: sender, postal address, and the opt-out (the unsubscribe link, or reply "unsubscribe").
import type { EmailFooter, Placeholder, TemplateValues } from './render';
import { REPLY_TO_UNSUBSCRIBE, emailFooterLines, renderTemplate } from './render';

export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

export function renderHtmlTemplate(html: string, values: TemplateValues): string {
  const escaped: TemplateValues = {};
  for (const [name, value] of Object.entries(values)) {
    if (value !== undefined) escaped[name as Placeholder] = escapeHtml(value);
  }
  return renderTemplate(html, escaped);
}

const BODY_END = /<\/body\s*>/gi;

export function withHtmlEmailFooter(html: string, footer: EmailFooter): string {
  const lines = emailFooterLines(footer);
  const optOut =
    lines.unsubscribeUrl === ''
      ? escapeHtml(REPLY_TO_UNSUBSCRIBE)
      : `Unsubscribe: <a href="${escapeHtml(lines.unsubscribeUrl)}">${escapeHtml(lines.unsubscribeUrl)}</a>`;
  const block =
    '<hr style="border:0;border-top:1px solid #ddd">\n' +
    `<p style="font-size:12px;color:#555">${escapeHtml(lines.senderName)}<br>\n` +
    `${escapeHtml(lines.physicalAddress)}<br>\n${optOut}</p>\n`;
  // Before the last </body>, so the footer is the last thing a reader sees.
  const end = [...html.matchAll(BODY_END)].at(-1)?.index ?? -1;
  return end === -1 ? `${html.trimEnd()}\n${block}` : `${html.slice(0, end)}${block}${html.slice(end)}`;
}

const URL_PATTERN = /\bhttps?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)]/g;

/**
 * An HTML part made from a plain text: paragraphs, line breaks and its links made clickable
 * (`hrefFor` may send a link through a tracking server), `tail` just before </body>.
 */
export function htmlFromText(
  text: string,
  hrefFor: (url: string) => string = (url) => url,
  tail = '',
): string {
  const linkify = (line: string): string => {
    let out = '';
    let last = 0;
    for (const match of line.matchAll(URL_PATTERN)) {
      const url = match[0];
      out += `${escapeHtml(line.slice(last, match.index))}<a href="${escapeHtml(hrefFor(url))}">${escapeHtml(url)}</a>`;
      last = match.index + url.length;
    }
    return out + escapeHtml(line.slice(last));
  };
  const paragraphs = text
    .replace(/\r\n/g, '\n')
    .split(/\n{2,}/)
    .map((p) => `<p>${p.split('\n').map(linkify).join('<br>\n')}</p>`);
  return `<!doctype html><html><body>\n${paragraphs.join('\n')}\n${tail}</body></html>\n`;
}
