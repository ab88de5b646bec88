// The links an email carries when this desktop sends for a team (docs/channels.md, "Email
// links"): the open pixel, each click redirect and the unsubscribe link, on the team server's
// public URL, each signed with the team's link key exactly as the server checks it
// (src-shared/links: the token format; src-sync/tracking: the check). Without a team, or while
// the server has no public URL or cannot be asked, the email carries none of them: links stay
// direct and the unsubscribe is the engine's own (the settings' base, else "reply unsubscribe").
import { createHmac } from 'node:crypto';
import {
  LINK_PATHS,
  LINK_SIGNATURE_LENGTH,
  encodeLinkToken,
  linkPayload,
  publicLink,
  type LinkPurpose,
} from '../../../src-shared/links';
import type { TeamLinks } from '../../../src-shared/sync/claims';
import type { CoreContext } from '../context';
import type { EmailLinks } from '../ports/channels';

function token(links: TeamLinks, purpose: LinkPurpose, messageId: string, url?: string): string {
  const signature = createHmac('sha256', Buffer.from(links.linkKey, 'base64url'))
    .update(linkPayload(purpose, links.teamId, messageId, url))
    .digest('base64url')
    .slice(0, LINK_SIGNATURE_LENGTH);
  return encodeLinkToken(links.teamId, messageId, signature);
}

/** The signed links of one message. */
export function signedEmailLinks(links: TeamLinks, messageId: string): EmailLinks {
  const at = (path: string): string => publicLink(links.publicUrl, path);
  return {
    open: at(LINK_PATHS.open(token(links, 'open', messageId))),
    click: (url) => at(LINK_PATHS.click(token(links, 'click', messageId, url), url)),
    unsubscribe: at(LINK_PATHS.unsubscribe(token(links, 'unsubscribe', messageId))),
  };
}

/**
 * The team's signed links for a message this desktop is about to send, or undefined (solo, no
 * public URL, or the server out of reach: the email then goes without them; a team send has
 * just been granted its claim, so the server was reachable a moment ago).
 */
export async function teamEmailLinks(ctx: CoreContext, messageId: string): Promise<EmailLinks | undefined> {
  const connection = ctx.sync?.teamClaims();
  if (connection === undefined) return undefined;
  try {
    const links = await connection.handlers.links();
    return links === null || links.teamId !== ctx.workspace.teamId
      ? undefined
      : signedEmailLinks(links, messageId);
  } catch {
    return undefined;
  }
}
