// Small readers for what IMAP hands back as raw text: header blocks (RFC 5322 2.2.3 folding),
// message-id lists, an RFC 3464 delivery-status body, and the part of a reply a person wrote.
import type { DeliveryStatus } from '../../core/email/inbound';

/** Header name (lower case) -> every value, unfolded. */
export function parseHeaderBlock(raw: string): Map<string, string[]> {
  const headers = new Map<string, string[]>();
  const unfolded = raw.replace(/\r?\n[ \t]+/g, ' ');
  for (const line of unfolded.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const list = headers.get(name) ?? [];
    list.push(line.slice(colon + 1).trim());
    headers.set(name, list);
  }
  return headers;
}

/** Every <id> in a Message-ID, In-Reply-To or References value, in order. */
export function messageIdsIn(value: string | undefined): string[] {
  if (value === undefined) return [];
  return [...value.matchAll(/<([^<>\s]+)>/g)].map((m) => m[1] ?? '').filter((id) => id !== '');
}

/** Addresses in an address header value (the part in <>, or a bare address), lower case. */
export function addressesIn(value: string | undefined): string[] {
  if (value === undefined) return [];
  const bracketed = [...value.matchAll(/<([^<>\s@]+@[^<>\s@]+)>/g)].map((m) => m[1] ?? '');
  const found =
    bracketed.length > 0 ? bracketed : [...value.matchAll(/[^\s<>,;:"]+@[^\s<>,;:"]+/g)].map((m) => m[0]);
  return found.map((a) => a.toLowerCase());
}

/** RFC 3464: per-message fields, a blank line, then one block of fields per recipient. */
export function parseDeliveryStatus(body: string): DeliveryStatus[] {
  const blocks = body.replace(/\r\n/g, '\n').split(/\n\s*\n/);
  const statuses: DeliveryStatus[] = [];
  for (const block of blocks) {
    const fields = parseHeaderBlock(block);
    const recipient = fields.get('final-recipient')?.[0] ?? fields.get('original-recipient')?.[0];
    const action = fields.get('action')?.[0];
    if (recipient === undefined || action === undefined) continue;
    // "rfc822; lee@example.com"
    const address = recipient.includes(';') ? recipient.slice(recipient.indexOf(';') + 1) : recipient;
    const diagnostic = fields.get('diagnostic-code')?.[0];
    statuses.push({
      recipient: address.trim().replace(/^<|>$/g, '').toLowerCase(),
      action: action.toLowerCase(),
      status: fields.get('status')?.[0]?.split(/\s/)[0] ?? '',
      ...(diagnostic === undefined ? {} : { diagnostic: diagnostic.slice(0, 150) }),
    });
  }
  return statuses;
}

/** The text above the quoted history ("On … wrote:", "-----Original Message-----", > lines). */
export function replyText(text: string): string {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  let end = lines.length;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const next = lines[i + 1] ?? '';
    if (
      /^-{2,}\s*Original Message\s*-{2,}/i.test(line) ||
      /^On .+wrote:\s*$/.test(line) ||
      (/^On .+/.test(line) && /wrote:\s*$/.test(next)) ||
      (/^>/.test(line) && lines.slice(i).every((l) => l.startsWith('>') || l.trim() === ''))
    ) {
      end = i;
      break;
    }
  }
  const kept = lines.slice(0, end).join('\n').trim();
  return kept === '' ? text.trim() : kept;
}

export function textFromHtml(html: string): string {
  return html
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li|tr|h\d)>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
