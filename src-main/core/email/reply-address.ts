// Addresses and ids that let a reply find its way back to the lead and the message it answers.
//  - Message-ID: <message-id.nonce@domain>. The message's id makes a reply's In-Reply-To point
//    at its document without an index; the random nonce, kept as the message's providerId,
//    makes the reference unforgeable (a reply must quote the exact id we sent, RFC 5322 3.6.4).
//  - Reply token: AES-256 of the lead's 128-bit UUID under the team's reply key, base32. A block
//    cipher is a permutation: the token is unguessable, reveals nothing, and decrypts back to
//    the lead id without a lookup table; a forged token decrypts to an id no lead has.
//    Leads whose id is not a UUID get no token (replies still match by In-Reply-To or sender).
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function base32(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(buffer << (5 - bits)) & 31];
  return out;
}

function fromBase32(text: string): Buffer | null {
  const bytes: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const char of text.toLowerCase()) {
    const value = BASE32.indexOf(char);
    if (value < 0) return null;
    buffer = ((buffer << 5) | value) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bytes.push((buffer >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(bytes);
}

function keyBytes(key: string): Buffer {
  const bytes = Buffer.from(key, 'base64url');
  if (bytes.length !== 32) throw new Error('the reply-token key must be 32 bytes');
  return bytes;
}

/** The lead's reply token, or null when its id is not a UUID. */
export function replyTokenFor(leadId: string, key: string): string | null {
  const id = leadId.toLowerCase();
  if (!UUID.test(id)) return null;
  const cipher = createCipheriv('aes-256-ecb', keyBytes(key), null).setAutoPadding(false);
  const block = Buffer.concat([cipher.update(Buffer.from(id.replaceAll('-', ''), 'hex')), cipher.final()]);
  return base32(block);
}

/** The lead id a token stands for, or null when the token cannot be one of ours. */
export function leadIdFromToken(token: string, key: string): string | null {
  if (token.length !== 26) return null;
  const block = fromBase32(token);
  if (block?.length !== 16) return null;
  const decipher = createDecipheriv('aes-256-ecb', keyBytes(key), null).setAutoPadding(false);
  const hex = Buffer.concat([decipher.update(block), decipher.final()]).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function split(address: string): { local: string; domain: string } | null {
  const at = address.lastIndexOf('@');
  if (at <= 0 || at === address.length - 1) return null;
  return { local: address.slice(0, at).toLowerCase(), domain: address.slice(at + 1).toLowerCase() };
}

/** local+token@domain on the reply mailbox; the plain mailbox when the lead has no token. */
export function plusAddressFor(replyAddress: string, leadId: string, key: string): string {
  const parts = split(replyAddress);
  const token = replyTokenFor(leadId, key);
  if (parts === null || token === null) return replyAddress;
  return `${parts.local}+${token}@${parts.domain}`;
}

/** The token in `address` when it is a plus address of the reply mailbox. */
export function tokenInAddress(address: string, replyAddress: string): string | null {
  const parts = split(address);
  const mailbox = split(replyAddress);
  if (parts === null || mailbox === null || parts.domain !== mailbox.domain) return null;
  const plus = parts.local.indexOf('+');
  if (plus < 0 || parts.local.slice(0, plus) !== mailbox.local) return null;
  return parts.local.slice(plus + 1);
}

/** A new Message-ID (without angle brackets) for one send of `messageId`. */
export function newMessageIdHeader(messageId: string, domain: string): string {
  return `${messageId}.${base32(randomBytes(8))}@${domain.toLowerCase()}`;
}

/** The message id a Message-ID of ours names, and the local part to compare with providerId. */
export function parseMessageIdHeader(header: string): { messageId: string; local: string } | null {
  const bare = header.trim().replace(/^<|>$/g, '');
  const parts = split(bare);
  if (parts === null) return null;
  const dot = parts.local.lastIndexOf('.');
  if (dot <= 0) return null;
  return { messageId: bare.slice(0, dot), local: parts.local };
}

/** What is kept as the message's providerId: the whole Message-ID, or its local part if too long. */
export function providerIdOf(messageIdHeader: string): string {
  const bare = messageIdHeader.trim().replace(/^<|>$/g, '');
  if (bare.length <= 128) return bare;
  return bare.slice(0, bare.lastIndexOf('@')).slice(0, 128);
}

export function localPartOf(id: string): string {
  const bare = id.trim().replace(/^<|>$/g, '');
  const at = bare.lastIndexOf('@');
  return (at < 0 ? bare : bare.slice(0, at)).toLowerCase();
}
