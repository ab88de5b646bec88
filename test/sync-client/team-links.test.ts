// The desktop's signed email links against the server's own checks, in one process: the links
// signedEmailLinks makes from GET /team/links open, click and unsubscribe on the tracking
// routes; a link signed for another message, URL or team, or with another key, is refused.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Lead, Message } from '../../src-shared/domain';
import { encodeLinkToken, LINK_PATHS } from '../../src-shared/links';
import { teamLinksSchema, type TeamLinks } from '../../src-shared/sync';
import { signedEmailLinks } from '../../src-main/core/email/team-links';
import { serverBackends } from '../sync/backends';
import { messageDoc } from '../sync/documents';
import { bearer, jsonInit } from '../sync/harness';
import { PUBLIC_URL, teamEngineFixture, type TeamEngineFixture } from '../sync/team-engine-harness';

const [sqlite] = serverBackends();

describe('a desktop’s signed email links on the server', () => {
  let f: TeamEngineFixture;
  let links: TeamLinks;
  beforeEach(async () => {
    if (sqlite === undefined) throw new Error('no SQLite backend');
    f = await teamEngineFixture(sqlite);
    const answer = await f.test.app.request('/team/links', { headers: bearer(f.ann) });
    links = teamLinksSchema.parse(await answer.json());
    const lead = (await f.storage.readDocuments(f.team.teamId, 'leads', [f.leadId])).get(f.leadId);
    const sent = messageDoc(lead?.doc as unknown as Lead, 'msg-links-1', {
      channel: 'email',
      to: 'maria@example.com',
    });
    await f.test.app.request(
      '/sync/messages/push',
      jsonInit(f.ann, 'POST', { rows: [{ newDocumentState: sent }] }),
    );
  });
  afterEach(() => f.dispose());

  const onServer = (url: string, init?: RequestInit) =>
    f.test.app.request(url.slice(PUBLIC_URL.length), init);
  const message = async (): Promise<Message | undefined> => {
    const rows = await f.storage.readDocuments(f.team.teamId, 'messages', ['msg-links-1']);
    return rows.get('msg-links-1')?.doc as unknown as Message | undefined;
  };

  it('open, click and unsubscribe are accepted and recorded', async () => {
    const signed = signedEmailLinks(links, 'msg-links-1');
    expect(signed.open.startsWith(`${PUBLIC_URL}/t/o/`)).toBe(true);
    expect((await onServer(signed.open)).status).toBe(200);
    const click = await onServer(signed.click('https://listings.example.com/oak?a=1&b=2'));
    expect(click.status).toBe(302);
    expect(click.headers.get('location')).toBe('https://listings.example.com/oak?a=1&b=2');
    expect(await message()).toMatchObject({ openedAt: f.clock.now(), clickedAt: f.clock.now() });
    const unsubscribed = await onServer(signed.unsubscribe, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(unsubscribed.status).toBe(200);
    expect(await f.storage.suppressions.isSuppressed(f.team.teamId, 'maria@example.com', 'email')).toBe(true);
  });

  it('a link for another message, URL, team or key is refused', async () => {
    // The signature of another message's pixel, put on this message's id.
    const otherSignature =
      /\.([A-Za-z0-9_-]+)\.gif$/.exec(signedEmailLinks(links, 'msg-other').open)?.[1] ?? '';
    const swapped = LINK_PATHS.open(encodeLinkToken(links.teamId, 'msg-links-1', otherSignature));
    expect((await f.test.app.request(swapped)).status).toBe(400);
    const click = signedEmailLinks(links, 'msg-links-1').click('https://listings.example.com/oak');
    expect((await onServer(click.replace('oak', 'elm'))).status).toBe(400);
    const wrongKey = signedEmailLinks(
      { ...links, linkKey: Buffer.alloc(32, 7).toString('base64url') },
      'msg-links-1',
    );
    expect((await onServer(wrongKey.open)).status).toBe(400);
    const wrongTeam = signedEmailLinks({ ...links, teamId: 'team-elsewhere' }, 'msg-links-1');
    expect((await onServer(wrongTeam.open)).status).toBe(400);
    expect((await message())?.openedAt).toBeUndefined();
  });
});
