// Reads the reply mailbox over IMAP (imapflow): the mailbox's UIDVALIDITY, then every message
// after a UID (or since a date on a first run), as InboundEmail. Read-only: nothing is flagged,
// moved or deleted, so the agent's own mail client sees the mailbox as it was.
import type { Readable } from 'node:stream';
import type { FetchMessageObject, MessageStructureObject } from 'imapflow';
import { ImapFlow } from 'imapflow';
import type { EmailSettings } from '../../../src-shared/ipc/email';
import type { InboundEmail } from '../../core/email/inbound';
import {
  addressesIn,
  messageIdsIn,
  parseDeliveryStatus,
  parseHeaderBlock,
  replyText,
  textFromHtml,
} from './mail-fields';

export interface FetchedEmail {
  uid: number;
  email: InboundEmail;
}

export interface MailboxBatch {
  uidValidity: string;
  emails: FetchedEmail[];
}

const MAX_PART_BYTES = 256 * 1024;
const HEADERS = [
  'references',
  'in-reply-to',
  'delivered-to',
  'x-original-to',
  'message-id',
  'auto-submitted',
];

export function imapClient(settings: EmailSettings['imap'], password: string): ImapFlow {
  return new ImapFlow({
    host: settings.host,
    port: settings.port,
    secure: settings.security === 'tls',
    doSTARTTLS: settings.security === 'starttls' ? true : settings.security === 'none' ? false : undefined,
    auth: { user: settings.user, pass: password },
    logger: false,
    disableAutoIdle: true,
    connectionTimeout: 20_000,
    greetingTimeout: 20_000,
    socketTimeout: 120_000,
  });
}

function walk(node: MessageStructureObject | undefined, visit: (n: MessageStructureObject) => void): void {
  if (node === undefined) return;
  visit(node);
  for (const child of node.childNodes ?? []) walk(child, visit);
}

async function readAll(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8');
}

async function downloadPart(client: ImapFlow, uid: number, part: string): Promise<string> {
  const download = await client.download(String(uid), part, { uid: true, maxBytes: MAX_PART_BYTES });
  return download.content === undefined ? '' : readAll(download.content);
}

async function toInbound(
  client: ImapFlow,
  message: FetchMessageObject,
  host: string,
  uidValidity: string,
): Promise<InboundEmail> {
  const headers = parseHeaderBlock(message.headers?.toString('utf8') ?? '');
  const envelope = message.envelope;
  const own = messageIdsIn(envelope?.messageId ?? headers.get('message-id')?.[0])[0];
  const recipients = [
    ...(envelope?.to ?? []).map((a) => a.address ?? ''),
    ...(envelope?.cc ?? []).map((a) => a.address ?? ''),
    ...addressesIn(headers.get('delivered-to')?.join(', ')),
    ...addressesIn(headers.get('x-original-to')?.join(', ')),
  ]
    .filter((a) => a !== '')
    .map((a) => a.toLowerCase());
  const from = envelope?.from?.[0]?.address?.toLowerCase();
  const structure = message.bodyStructure;
  const email: InboundEmail = {
    messageId: own ?? `imap-${uidValidity}-${message.uid}@${host}`,
    inReplyTo: messageIdsIn(envelope?.inReplyTo ?? headers.get('in-reply-to')?.[0]),
    references: messageIdsIn(headers.get('references')?.join(' ')),
    ...(from === undefined ? {} : { from }),
    recipients,
    subject: envelope?.subject ?? '',
    text: '',
    receivedAt: message.internalDate instanceof Date ? message.internalDate.getTime() : Date.now(),
  };
  // RFC 3464 / RFC 6522: multipart/report; report-type=delivery-status.
  if (structure?.type === 'multipart/report' && structure.parameters?.['report-type'] === 'delivery-status') {
    let statusPart: string | undefined;
    let originalId: string | undefined;
    let headersPart: string | undefined;
    walk(structure, (node) => {
      if (node.type === 'message/delivery-status' || node.type === 'message/global-delivery-status')
        statusPart ??= node.part;
      if (node.type === 'message/rfc822') originalId ??= messageIdsIn(node.envelope?.messageId)[0];
      if (node.type === 'text/rfc822-headers') headersPart ??= node.part;
    });
    if (originalId === undefined && headersPart !== undefined) {
      const original = parseHeaderBlock(await downloadPart(client, message.uid, headersPart));
      originalId = messageIdsIn(original.get('message-id')?.[0])[0];
    }
    const statuses =
      statusPart === undefined
        ? []
        : parseDeliveryStatus(await downloadPart(client, message.uid, statusPart));
    email.deliveryReport = {
      statuses,
      ...(originalId === undefined ? {} : { originalMessageId: originalId }),
    };
    return email;
  }
  let plain: string | undefined;
  let html: string | undefined;
  walk(structure, (node) => {
    if (node.disposition === 'attachment') return;
    if (node.type === 'text/plain') plain ??= node.part ?? '1';
    if (node.type === 'text/html') html ??= node.part ?? '1';
  });
  if (plain !== undefined) email.text = replyText(await downloadPart(client, message.uid, plain));
  else if (html !== undefined)
    email.text = replyText(textFromHtml(await downloadPart(client, message.uid, html)));
  return email;
}

/**
 * Opens the mailbox read-only and returns the messages with UID > `afterUid` (when the
 * UIDVALIDITY still matches) or received since `since` (first run, or the mailbox was rebuilt).
 */
export async function readMailbox(
  client: ImapFlow,
  settings: EmailSettings['imap'],
  from: { uidValidity: string; afterUid: number } | { since: Date },
): Promise<MailboxBatch> {
  const mailbox = await client.mailboxOpen(settings.mailbox, { readOnly: true });
  const uidValidity = mailbox.uidValidity.toString();
  let uids: number[];
  if ('uidValidity' in from && from.uidValidity === uidValidity) {
    const found = await client.search({ uid: `${from.afterUid + 1}:*` }, { uid: true });
    // "n:*" always matches the highest UID, even one below n (RFC 9051 6.4.8).
    uids = (found === false || found === undefined ? [] : found).filter((uid) => uid > from.afterUid);
  } else {
    const since = 'since' in from ? from.since : new Date(0);
    const found = await client.search({ since }, { uid: true });
    uids = found === false || found === undefined ? [] : found;
  }
  if (uids.length === 0) return { uidValidity, emails: [] };
  const fetched: FetchMessageObject[] = [];
  // No other command may run inside the fetch loop (imapflow), so parts are read afterwards.
  for await (const message of client.fetch(
    uids.sort((a, b) => a - b).join(','),
    { uid: true, envelope: true, bodyStructure: true, internalDate: true, headers: HEADERS },
    { uid: true },
  )) {
    fetched.push(message);
  }
  const emails: FetchedEmail[] = [];
  for (const message of fetched.sort((a, b) => a.uid - b.uid))
    emails.push({ uid: message.uid, email: await toInbound(client, message, settings.host, uidValidity) });
  return { uidValidity, emails };
}
