// Email links served by the server (src-shared/links: the token format):
//   GET  /t/o/<token>.gif        open pixel: records `openedAt` on the message, answers a 1x1 GIF
//   GET  /t/c/<token>?u=<url>    click: records `clickedAt`, redirects to <url> only when the
//                                token was signed with that very URL (never an open redirect)
//   GET  /u/<token>              a confirmation page with one button, for a person who opens it
//   POST /u/<token>              RFC 8058 one-click (List-Unsubscribe=One-Click), or that button:
//                                the lead is suppressed on the server at once (team/opt-outs.ts)
// An unsigned or altered token is refused (400) and nothing is recorded.
import { Hono, type Context } from 'hono';
import { messageSchema, type Message } from '../../src-shared/domain';
import { decodeLinkToken, type LinkPurpose } from '../../src-shared/links';
import type { SyncDeps, SyncEnv } from '../context';
import { errorJson } from '../middleware/errors';
import { limitBody } from '../middleware/body-limit';
import { linkSignature, sameSecret, teamLinkKey } from '../team/keys';
import { optOutOnServer } from '../team/opt-outs';
import { changeDocument, readMessage } from '../team/team-docs';
import { page } from './pages';

const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

export function trackingRoutes(deps: SyncDeps): Hono {
  // Mounted at the root: no `use('*')` here, or it would apply to every route of the server.
  const routes = new Hono();

  async function verified(
    token: string,
    purpose: LinkPurpose,
    url?: string,
  ): Promise<{ teamId: string; messageId: string } | null> {
    const parts = decodeLinkToken(token);
    if (parts === null || (await deps.storage.findTeam(parts.teamId)) === null) return null;
    const key = teamLinkKey(deps.tokenKey, parts.teamId);
    const expected = linkSignature(key, purpose, parts.teamId, parts.messageId, url);
    return sameSecret(expected, parts.signature) ? parts : null;
  }

  const record = (teamId: string, messageId: string, field: 'openedAt' | 'clickedAt') =>
    changeDocument(deps.storage, teamId, 'messages', messageSchema, messageId, (current: Message) => {
      if (current[field] !== undefined || current.direction !== 'outbound') return null;
      const now = deps.clock.now();
      return { ...current, [field]: now, updatedAt: Math.max(current.updatedAt + 1, now) };
    });

  const refused = (c: Context) =>
    c.html(
      page(
        'This link does not work',
        'This link is not one of ours, or it was changed on the way. Nothing was done.',
      ),
      400,
    );

  routes.get('/t/o/:file', async (c) => {
    const file = c.req.param('file');
    const link = file.endsWith('.gif') ? await verified(file.slice(0, -4), 'open') : null;
    if (link === null) return refused(c);
    await record(link.teamId, link.messageId, 'openedAt');
    return c.body(PIXEL, 200, { 'content-type': 'image/gif', 'cache-control': 'no-store, private' });
  });

  routes.get('/t/c/:token', async (c) => {
    const url = c.req.query('u') ?? '';
    const link = /^https?:\/\//i.test(url) ? await verified(c.req.param('token'), 'click', url) : null;
    if (link === null) return refused(c);
    await record(link.teamId, link.messageId, 'clickedAt');
    return c.redirect(url, 302);
  });

  routes.get('/u/:token', async (c) => {
    const link = await verified(c.req.param('token'), 'unsubscribe');
    if (link === null) return refused(c);
    return c.html(
      page(
        'Unsubscribe',
        'Press the button to stop all emails and texts from us. You can write back any time to hear from us again.',
        { action: c.req.path, button: 'Unsubscribe' },
      ),
    );
  });

  routes.post('/u/:token', limitBody(4 * 1024), async (c) => {
    const link = await verified(c.req.param('token'), 'unsubscribe');
    if (link === null) return refused(c);
    const message = await readMessage(deps.storage, link.teamId, link.messageId);
    if (message === null) return refused(c);
    await optOutOnServer(deps.storage, {
      source: 'unsubscribe',
      teamId: link.teamId,
      address: message.to ?? '',
      reason: 'stop',
      detail: 'unsubscribed with the link in an email',
      leadId: message.leadId,
      now: deps.clock.now(),
    });
    return c.html(page('You are unsubscribed', 'You will get no more emails or texts from us.'));
  });

  return routes;
}

/**
 * GET /team/links (signed-in agents): what a desktop needs to put signed links in the emails it
 * sends (teamLinksSchema): the team, the public URL and the team's link key (base64url). 409
 * until a public URL is set.
 */
export function teamLinkRoutes(deps: SyncDeps): Hono<SyncEnv> {
  const routes = new Hono<SyncEnv>();
  routes.get('/links', (c) => {
    if (deps.publicUrl === undefined)
      return errorJson(
        c,
        409,
        'no_public_url',
        'This sync server has no public URL yet; ask your admin to set one.',
      );
    return c.json({
      teamId: c.var.agent.teamId,
      publicUrl: deps.publicUrl.replace(/\/+$/, ''),
      linkKey: teamLinkKey(deps.tokenKey, c.var.agent.teamId).toString('base64url'),
    });
  });
  return routes;
}
