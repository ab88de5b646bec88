// The timed RESO import (src-main/core/listings/reso-imports.ts, T1..T4) against the local
// RESO-compatible server: a connected feed is imported one interval on and then every
// importEveryMinutes from the end of the last run; a failed run keeps its reason and time beside
// the last good import and the next turn tries again; never two imports at once; stop() ends it.
import { afterEach, describe, expect, it } from 'vitest';
import { createResoWebApi } from '../../src-main/adapters/reso/web-api';
import type { TestCore } from '../../src-main/core/testing/test-core';
import { createTestCore } from '../../src-main/core/testing/test-core';
import { ResoTestServer, resoRecord } from './reso-server';

const MINUTE = 60_000;
let server: ResoTestServer | undefined;
let core: TestCore | undefined;

afterEach(async () => {
  await core?.close();
  await server?.stop();
  core = undefined;
  server = undefined;
});

async function setUp(): Promise<{ server: ResoTestServer; core: TestCore }> {
  server = await new ResoTestServer({
    records: Array.from({ length: 5 }, (_, i) => resoRecord(i)),
    tokens: ['good-token'],
  }).start();
  core = await createTestCore({
    start: '2026-02-10T15:00:00Z',
    resoFeed: (connection) => createResoWebApi(connection, { sleep: () => Promise.resolve() }),
  });
  await core.invoke('listings-settings-set', {
    patch: { endpoint: `${server.url}/odata`, pageSize: 10 },
    accessToken: 'good-token',
  });
  return { server, core };
}

const propertyRequests = (s: ResoTestServer) => s.requests.filter((r) => r.startsWith('GET /odata/Property'));

async function advance(c: TestCore, ms: number): Promise<void> {
  await c.clock.advanceTo(c.clock.now() + ms);
  await c.ctx.resoImports.idle();
}

describe('the timed RESO import', () => {
  it('imports a connected feed 15 minutes on, then what changed every 15 minutes', async () => {
    const { server, core } = await setUp();
    await core.ctx.resoImports.start(core.ctx);
    expect((await core.invoke('listings-overview', {})).nextImportAt).toBe(core.clock.now() + 15 * MINUTE);
    await advance(core, 14 * MINUTE);
    expect(propertyRequests(server)).toHaveLength(0);
    await advance(core, MINUTE);
    const started = core.clock.now();
    expect(await core.ctx.db.listings.count().exec()).toBe(5);
    const overview = await core.invoke('listings-overview', {});
    expect(overview.settings.importEveryMinutes).toBe(15);
    expect(overview.state.lastRun).toMatchObject({ full: true, added: 5, finishedAt: started });
    expect(overview.nextImportAt).toBe(started + 15 * MINUTE);

    server.records.push(resoRecord(7, { ModificationTimestamp: '2026-02-10T15:05:00Z' }));
    await advance(core, 14 * MINUTE);
    expect(propertyRequests(server)).toHaveLength(1);
    await advance(core, MINUTE);
    expect(propertyRequests(server)).toHaveLength(2);
    expect(decodeURIComponent(propertyRequests(server)[1] ?? '')).toContain('ModificationTimestamp ge');
    expect(await core.ctx.db.listings.count().exec()).toBe(6);
    expect((await core.invoke('listings-overview', {})).state.lastRun).toMatchObject({
      full: false,
      added: 1,
    });
  });

  it('a failed run is kept with its time beside the last good import, and the next turn tries again', async () => {
    const { server, core } = await setUp();
    await core.ctx.resoImports.start(core.ctx);
    await advance(core, 15 * MINUTE);
    const good = core.clock.now();
    server.revokeTokens();
    await advance(core, 15 * MINUTE);
    const failed = await core.invoke('listings-overview', {});
    expect(failed.state.lastRun?.finishedAt).toBe(good);
    expect(failed.state.lastError).toMatch(/token/i);
    expect(failed.state.lastErrorAt).toBe(good + 15 * MINUTE);
    expect(failed.nextImportAt).toBe(good + 30 * MINUTE);

    server.allowToken('good-token');
    await advance(core, 15 * MINUTE);
    const recovered = await core.invoke('listings-overview', {});
    expect(recovered.state).toMatchObject({ lastError: null, lastErrorAt: null });
    expect(recovered.state.lastRun?.finishedAt).toBe(good + 30 * MINUTE);
  });

  it('never runs two imports at once, and a new interval applies at once', async () => {
    const { server, core } = await setUp();
    let release: () => void = () => undefined;
    server.hold = new Promise<void>((resolve) => (release = resolve));
    await core.ctx.resoImports.start(core.ctx);
    await core.clock.advanceTo(core.clock.now() + 15 * MINUTE);
    // The timed run is waiting on the MLS; an hour passes and "Import now" is pressed.
    await core.clock.advanceTo(core.clock.now() + 60 * MINUTE);
    const byHand = core.invoke('listings-import-reso', {});
    expect((await core.invoke('listings-overview', {})).importing).toBe(true);
    expect(propertyRequests(server)).toHaveLength(1);
    server.hold = undefined;
    release();
    const report = await byHand;
    expect(report).toMatchObject({ full: false });
    // The timed run, then the one by hand: one after the other.
    expect(propertyRequests(server)).toHaveLength(2);

    const refused = core.invoke('listings-schedule-set', { importEveryMinutes: 2 });
    await expect(refused).rejects.toMatchObject({
      fieldErrors: {
        importEveryMinutes: 'At least every 5 minutes: MLS servers limit how often they are asked.',
      },
    });
    const saved = await core.invoke('listings-schedule-set', { importEveryMinutes: 60, alertEveryHours: 48 });
    expect(saved.alerts.alertEveryHours).toBe(48);
    await core.ctx.resoImports.idle();
    const next = (await core.invoke('listings-overview', {})).nextImportAt;
    expect(next).toBe((saved.state.lastRun?.finishedAt ?? 0) + 60 * MINUTE);

    await core.ctx.resoImports.stop();
    expect((await core.invoke('listings-overview', {})).nextImportAt).toBeNull();
    await advance(core, 120 * MINUTE);
    expect(propertyRequests(server)).toHaveLength(2);
  });
});
