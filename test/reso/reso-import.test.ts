// The RESO Web API importer against a local RESO-compatible server (test/reso/reso-server.ts):
// paging by @odata.nextLink and by $skip, Media expanded into photos, the ModificationTimestamp
// checkpoint, a listing withdrawn between pages, one that leaves the feed, 429 with Retry-After,
// OAuth2 client credentials, a bad token, and secrets bound to their host.
import { afterEach, describe, expect, it } from 'vitest';
import { createResoWebApi } from '../../src-main/adapters/reso/web-api';
import type { TestCore } from '../../src-main/core/testing/test-core';
import { createTestCore } from '../../src-main/core/testing/test-core';
import { listingDocId } from '../../src-shared/domain';
import { PorchlightError } from '../../src-shared/ipc/errors';
import { ResoTestServer, resoRecord } from './reso-server';

let server: ResoTestServer | undefined;
let core: TestCore | undefined;
const waits: number[] = [];

afterEach(async () => {
  await core?.close();
  await server?.stop();
  core = undefined;
  server = undefined;
  waits.length = 0;
});

async function setUp(options: {
  count: number;
  nextLinks?: boolean;
  oauth?: boolean;
}): Promise<{ server: ResoTestServer; core: TestCore }> {
  server = await new ResoTestServer({
    records: Array.from({ length: options.count }, (_, i) => resoRecord(i)),
    tokens: ['good-token'],
    client: { id: 'porchlight', secret: 'shh' },
    nextLinks: options.nextLinks ?? true,
  }).start();
  core = await createTestCore({
    start: '2026-02-10T15:00:00Z',
    resoFeed: (connection) =>
      createResoWebApi(connection, { sleep: (ms) => Promise.resolve(void waits.push(ms)) }),
  });
  await core.invoke('listings-settings-set', {
    patch: {
      endpoint: `${server.url}/odata`,
      pageSize: 10,
      publicUrlTemplate: 'https://homes.example.com/listing/{ListingId}',
      ...(options.oauth === true
        ? { auth: 'client_credentials', tokenUrl: `${server.url}/oauth/token`, clientId: 'porchlight' }
        : {}),
    },
    ...(options.oauth === true ? { clientSecret: 'shh' } : { accessToken: 'good-token' }),
  });
  return { server, core };
}

const propertyRequests = (s: ResoTestServer) => s.requests.filter((r) => r.startsWith('GET /odata/Property'));

describe('importing from a RESO Web API', () => {
  it('pages by @odata.nextLink with $select, $top and $expand=Media, and keeps every home with its photos in order', async () => {
    const { server, core } = await setUp({ count: 25 });
    const report = await core.invoke('listings-import-reso', {});
    expect(report).toMatchObject({ full: true, read: 25, added: 25, leftFeed: 0, problems: [] });
    expect(propertyRequests(server)).toHaveLength(3);
    const first = decodeURIComponent(propertyRequests(server)[0] ?? '');
    expect(first).toContain('$top=10');
    expect(first).toContain('$expand=Media');
    expect(first).toContain('$select=ListingKey,ListingId,StandardStatus,ListPrice');
    const home = await core.ctx.db.listings.findOne(listingDocId('reso', 'MLS1004')).exec();
    expect(home?.toJSON()).toMatchObject({
      ListPrice: 320_000,
      City: 'Maple Grove',
      PropertySubType: 'Condominium',
      publicUrl: 'https://homes.example.com/listing/L-1004',
      photos: [
        { url: 'https://photos.example.com/MLS1004/1.jpg', caption: 'Front' },
        { url: 'https://photos.example.com/MLS1004/2.jpg' },
      ],
      teamId: 'team-test',
    });
  });

  it('pages by $skip when the server gives no next link, and the next run asks only for what changed since the checkpoint', async () => {
    const { server, core } = await setUp({ count: 23, nextLinks: false });
    expect((await core.invoke('listings-import-reso', {})).added).toBe(23);
    expect(
      propertyRequests(server).map((r) => /\$skip=(\d+)/.exec(decodeURIComponent(r))?.[1] ?? '0'),
    ).toEqual(['0', '10', '20']);
    const checkpoint = (await core.invoke('listings-overview', {})).state.checkpoint;
    expect(checkpoint).toBe(Date.parse(String(resoRecord(22).ModificationTimestamp)));

    const repriced = server.records[3];
    if (repriced === undefined) throw new Error('no record 3');
    Object.assign(repriced, { ListPrice: 300_000, ModificationTimestamp: '2026-02-09T12:00:00.000Z' });
    server.requests.length = 0;
    const second = await core.invoke('listings-import-reso', {});
    expect(decodeURIComponent(propertyRequests(server)[0] ?? '')).toContain(
      `ModificationTimestamp ge ${new Date(checkpoint ?? 0).toISOString()}`,
    );
    // The boundary record is read again and changes nothing; the repriced one is a price cut.
    expect(second).toMatchObject({ full: false, updated: 1, priceCuts: 1, unchanged: 1, added: 0 });
    const home = await core.ctx.db.listings.findOne(listingDocId('reso', 'MLS1003')).exec();
    expect(home?.toJSON()).toMatchObject({ ListPrice: 300_000, PreviousListPrice: 315_000 });
  });

  it('a listing withdrawn between pages is updated, the home it pushed past a page is still read, and one gone from the feed is kept, off the feed', async () => {
    const { server, core } = await setUp({ count: 25, nextLinks: false });
    await core.invoke('listings-import-reso', {});
    // Second full run: after the first page, MLS1012 is withdrawn (moving to the end of the
    // order), MLS1007 (already read) and MLS1015 (not yet) leave the feed, so $skip paging
    // passes over MLS1010.
    let pages = 0;
    server.onPage = () => {
      pages += 1;
      if (pages !== 1) return;
      const withdrawn = server.records.find((r) => r.ListingKey === 'MLS1012');
      Object.assign(withdrawn ?? {}, {
        StandardStatus: 'Withdrawn',
        ModificationTimestamp: '2026-02-10T14:00:00.000Z',
      });
      for (const key of ['MLS1007', 'MLS1015'])
        server.records.splice(
          server.records.findIndex((r) => r.ListingKey === key),
          1,
        );
    };
    const report = await core.invoke('listings-import-reso', { full: true });
    expect(report).toMatchObject({ full: true, statusChanges: 1, leftFeed: 1 });
    const get = async (key: string) =>
      (await core.ctx.db.listings.findOne(listingDocId('reso', key)).exec())?.toJSON();
    expect(await get('MLS1012')).toMatchObject({ StandardStatus: 'Withdrawn' });
    expect(await get('MLS1015')).toMatchObject({ StandardStatus: 'Active', leftFeedAt: core.clock.now() });
    expect(await get('MLS1010')).toMatchObject({ StandardStatus: 'Active' });
    expect((await get('MLS1010'))?.leftFeedAt).toBeUndefined();
    expect(await core.ctx.db.listings.count().exec()).toBe(25);
    // MLS1007 left after this run had read it: the next full run finds it gone.
    await core.clock.advance(60_000);
    expect(await core.invoke('listings-import-reso', { full: true })).toMatchObject({ leftFeed: 1 });
    expect(await get('MLS1007')).toMatchObject({ leftFeedAt: core.clock.now() });
    const asked = server.requests
      .map((r) => decodeURIComponent(r))
      .filter((r) => r.includes('ListingKey eq'));
    expect(asked.join(' ')).toContain("ListingKey eq 'MLS1015'");
    expect(asked.join(' ')).toContain("ListingKey eq 'MLS1010'");
  });

  it('waits out 429 for Retry-After and carries on', async () => {
    const { server, core } = await setUp({ count: 12 });
    server.throttle = { times: 2, retryAfter: '3' };
    expect((await core.invoke('listings-import-reso', {})).added).toBe(12);
    expect(waits).toEqual([3000, 3000]);
  });

  it('signs in with OAuth2 client credentials', async () => {
    const { server, core } = await setUp({ count: 5, oauth: true });
    expect((await core.invoke('listings-import-reso', {})).added).toBe(5);
    expect(server.requests.filter((r) => r === 'POST /oauth/token')).toHaveLength(1);
  });

  it('a bad token is refused beside its field, nothing is written and the reason is kept', async () => {
    const { server, core } = await setUp({ count: 5 });
    server.revokeTokens();
    const error = await core.invoke('listings-import-reso', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PorchlightError);
    expect((error as PorchlightError).fieldErrors?.accessToken).toMatch(
      /refused the access token \(HTTP 401\).*Settings → Listings/,
    );
    expect(await core.ctx.db.listings.count().exec()).toBe(0);
    expect((await core.invoke('listings-overview', {})).state.lastError).toMatch(/HTTP 401/);
  });

  it('forgets the token when the Web API address moves, and refuses clear text off this computer', async () => {
    const { core } = await setUp({ count: 1 });
    expect((await core.invoke('listings-overview', {})).hasAccessToken).toBe(true);
    await core.invoke('listings-settings-set', {
      patch: { endpoint: 'https://other-mls.example.com/odata' },
    });
    expect((await core.invoke('listings-overview', {})).hasAccessToken).toBe(false);
    const error = await core
      .invoke('listings-settings-set', { patch: { endpoint: 'http://mls.example.com/odata' } })
      .catch((e: unknown) => e);
    expect((error as PorchlightError).fieldErrors?.endpoint).toMatch(/only to this computer/);
  });
});
