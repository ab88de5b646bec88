// Email links in-process (app.request), on SQLite and PostgreSQL: opens and clicks recorded on
// the message, a click redirected only to the URL signed with it, RFC 8058 one-click unsubscribe
// and the confirmation page; anything unsigned or altered refused with nothing stored.
import fc from 'fast-check';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Lead, Message, Suppression } from '../../src-shared/domain';
import { LINK_PATHS, encodeLinkToken, type LinkPurpose } from '../../src-shared/links';
import type { PullResponse } from '../../src-shared/sync';
import { serverBackends, stopSharedPostgres } from '../../test/sync/backends';
import { leadDoc, messageDoc } from '../../test/sync/documents';
import { bearer, jsonInit, TOKEN_KEY } from '../../test/sync/harness';
import { LEAD_EMAIL, teamEngineFixture, type TeamEngineFixture } from '../../test/sync/team-engine-harness';
import { linkSignature, teamLinkKey } from '../team/keys';

afterAll(stopSharedPostgres);

describe.each(serverBackends())('email links on $name', (backend) => {
  let f: TeamEngineFixture;
  const token = (purpose: LinkPurpose, messageId = 'msg-email', url?: string, teamId = f.team.teamId) =>
    encodeLinkToken(
      teamId,
      messageId,
      linkSignature(teamLinkKey(TOKEN_KEY, teamId), purpose, teamId, messageId, url),
    );
  beforeEach(async () => {
    if (!backend.available) return;
    f = await teamEngineFixture(backend);
    const lead = leadDoc(f.team.teamId, f.ann.agent.id, f.leadId, { email: LEAD_EMAIL }) as Lead;
    const email = messageDoc(lead, 'msg-email', { channel: 'email', to: LEAD_EMAIL, subject: 'Elm Street' });
    await f.test.app.request(
      '/sync/messages/push',
      jsonInit(f.ann, 'POST', { rows: [{ newDocumentState: email }] }),
    );
  });
  afterEach(async () => {
    if (backend.available) await f.dispose();
  });
  async function pull<T>(collection: string): Promise<T[]> {
    const response = await f.test.app.request(`/sync/${collection}/pull?seq=0`, { headers: bearer(f.ann) });
    return ((await response.json()) as PullResponse).documents as unknown as T[];
  }
  const message = async (): Promise<Message | undefined> =>
    (await pull<Message>('messages')).find((m) => m.id === 'msg-email');

  it.skipIf(!backend.available)('the open pixel records the first open', async () => {
    const response = await f.test.app.request(LINK_PATHS.open(token('open')));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/gif');
    expect((await message())?.openedAt).toBe(f.clock.now());
    f.clock.advance(60_000);
    await f.test.app.request(LINK_PATHS.open(token('open')));
    expect((await message())?.openedAt).toBe(f.clock.now() - 60_000);
  });

  it.skipIf(!backend.available)('a click goes to the signed URL and is recorded', async () => {
    const url = 'https://listings.example.com/elm-street?ref=email&x=1';
    const response = await f.test.app.request(LINK_PATHS.click(token('click', 'msg-email', url), url));
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe(url);
    expect((await message())?.clickedAt).toBe(f.clock.now());
  });

  it.skipIf(!backend.available)('one-click unsubscribe (RFC 8058) suppresses the lead at once', async () => {
    const response = await f.test.app.request(LINK_PATHS.unsubscribe(token('unsubscribe')), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('You are unsubscribed');
    const suppressions = await pull<Suppression>('suppressions');
    expect(suppressions.map((s) => [s.address, s.channel, s.reason])).toContainEqual([
      LEAD_EMAIL,
      'all',
      'stop',
    ]);
    expect(await f.storage.suppressions.isSuppressed(f.team.teamId, LEAD_EMAIL, 'email')).toBe(true);
  });

  it.skipIf(!backend.available)(
    'opening the link shows a confirmation page and changes nothing',
    async () => {
      const before = await f.seq();
      const response = await f.test.app.request(LINK_PATHS.unsubscribe(token('unsubscribe')));
      expect(response.status).toBe(200);
      const html = await response.text();
      expect(html).toContain('<form method="post"');
      expect(html).toContain('<button type="submit">Unsubscribe</button>');
      expect(await f.seq()).toBe(before);
    },
  );

  it.skipIf(!backend.available)('a signed-in agent gets the key its desktop signs links with', async () => {
    const response = await f.test.app.request('/team/links', { headers: bearer(f.ann) });
    expect(await response.json()).toEqual({
      teamId: f.team.teamId,
      publicUrl: 'https://sync.lakeside.example/porchlight',
      linkKey: teamLinkKey(TOKEN_KEY, f.team.teamId).toString('base64url'),
    });
    expect((await f.test.app.request('/team/links')).status).toBe(401);
  });

  describe('refused with nothing recorded', () => {
    async function refused(path: string, init?: RequestInit): Promise<void> {
      const before = await f.seq();
      const response = await f.test.app.request(path, init);
      expect(response.status).toBe(400);
      expect(response.headers.get('location')).toBeNull();
      expect(await f.seq()).toBe(before);
    }

    it.skipIf(!backend.available)(
      'a click to a URL other than the signed one (no open redirect)',
      async () => {
        const signed = 'https://listings.example.com/elm-street';
        await refused(LINK_PATHS.click(token('click', 'msg-email', signed), 'https://evil.example/phish'));
        await refused(LINK_PATHS.click(token('click', 'msg-email', signed), `${signed}?x=1`));
        await refused(LINK_PATHS.click(token('open'), signed));
        await refused(`/t/c/${token('click', 'msg-email', signed)}`);
      },
    );

    it.skipIf(!backend.available)('an altered, unsigned or other-purpose token; another team', async () => {
      const good = token('unsubscribe');
      const post = {
        method: 'POST',
        body: 'List-Unsubscribe=One-Click',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      };
      await refused(LINK_PATHS.unsubscribe(`${good.slice(0, -1)}${good.endsWith('A') ? 'B' : 'A'}`), post);
      await refused(LINK_PATHS.unsubscribe(token('open')), post);
      await refused(LINK_PATHS.unsubscribe(token('unsubscribe', 'msg-other')), post);
      await refused(LINK_PATHS.unsubscribe(token('unsubscribe', 'msg-email', undefined, 'team-other')), post);
      await refused(LINK_PATHS.open(token('click')));
      await refused('/t/o/msg-email.gif');
    });

    it.skipIf(!backend.available)('fuzzed tokens', async () => {
      await fc.assert(
        fc.asyncProperty(fc.string({ maxLength: 120 }), async (raw) => {
          const before = await f.seq();
          const response = await f.test.app.request(`/u/${encodeURIComponent(raw)}`, {
            method: 'POST',
            body: raw,
          });
          expect(response.status).toBeGreaterThanOrEqual(400);
          expect(response.status).toBeLessThan(500);
          expect(await f.seq()).toBe(before);
        }),
        { numRuns: 60 },
      );
    });
  });
});
