// The signed links an email carries when a team server is connected (docs/channels.md,
// "Tracking and unsubscribe"): the open pixel, each click redirect and the unsubscribe link.
// A token names the team and the message in the clear and carries a signature:
//   token     = base64url(teamId) "." base64url(messageId) "." signature
//   signature = base64url(HMAC-SHA256(team link key, payload))[0..22]   (132 bits)
//   payload   = purpose 0x1f teamId 0x1f messageId [0x1f url]           (url: clicks only)
// so a click is redirected only to the URL that was signed with it (no open redirect), and an
// unsubscribe or open cannot be made up for another message. The HMAC itself runs where the
// key lives (node:crypto on the server and the desktop); this module only shapes the bytes.

export type LinkPurpose = 'open' | 'click' | 'unsubscribe';

export const LINK_SIGNATURE_LENGTH = 22;
const SEPARATOR = '\u001f';

export function linkPayload(purpose: LinkPurpose, teamId: string, messageId: string, url?: string): string {
  return [purpose, teamId, messageId, ...(url === undefined ? [] : [url])].join(SEPARATOR);
}

function toBase64Url(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): string | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  try {
    const binary = atob(text.replaceAll('-', '+').replaceAll('_', '/'));
    return new TextDecoder('utf-8', { fatal: true }).decode(
      Uint8Array.from(binary, (char) => char.charCodeAt(0)),
    );
  } catch {
    return null;
  }
}

export function encodeLinkToken(teamId: string, messageId: string, signature: string): string {
  return `${toBase64Url(teamId)}.${toBase64Url(messageId)}.${signature}`;
}

export interface LinkToken {
  teamId: string;
  messageId: string;
  signature: string;
}

/** The parts of a token, or null when it is not one (never throws on any input). */
export function decodeLinkToken(token: string): LinkToken | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  const [team, message, signature] = parts as [string, string, string];
  const teamId = fromBase64Url(team);
  const messageId = fromBase64Url(message);
  if (teamId === null || messageId === null || teamId === '' || messageId === '') return null;
  if (teamId.length > 64 || messageId.length > 64) return null;
  if (!new RegExp(`^[A-Za-z0-9_-]{${LINK_SIGNATURE_LENGTH}}$`).test(signature)) return null;
  return { teamId, messageId, signature };
}

/** Where each link goes on the server, under its public URL (which may carry a path prefix). */
export const LINK_PATHS = {
  open: (token: string) => `/t/o/${token}.gif`,
  click: (token: string, url: string) => `/t/c/${token}?${new URLSearchParams({ u: url }).toString()}`,
  unsubscribe: (token: string) => `/u/${token}`,
} as const;

/** The public URL with a path appended, keeping any path prefix (`https://x.example/sync` + `/u/..`). */
export function publicLink(publicUrl: string, path: string): string {
  return `${publicUrl.replace(/\/+$/, '')}${path}`;
}
