// Who reads Follow Up Boss webhooks, as Settings → Follow Up Boss says it: an agent's desktop
// leaves them to an admin's and keeps polling; a team server out of reach is said in words
// while people still come in by polling. Core on memory storage, the real adapter against the
// local Follow Up Boss, the team server's events behind the port.
import { afterEach, describe, expect, it } from 'vitest';
import { createFubHttpApi } from '../../src-main/adapters/follow-up-boss/http-api';
import type { EventsSource } from '../../src-main/core/follow-up-boss/run';
import { FollowUpBoss } from '../../src-main/core/follow-up-boss/service';
import { SyncTransportError } from '../../src-main/core/ports/sync-transport';
import { createTestCore, type TestCore } from '../../src-main/core/testing/test-core';
import { startFakeFollowUpBoss, type FakeFollowUpBoss } from './fake-follow-up-boss';

let core: TestCore;
let fub: FakeFollowUpBoss;
let service: FollowUpBoss;

async function open(webhookEvents: () => EventsSource): Promise<void> {
  core = await createTestCore({ start: '2026-11-02T15:00:00Z' });
  fub = await startFakeFollowUpBoss();
  const { db, clock, events, workspace, secrets } = core.ctx;
  service = new FollowUpBoss({
    db,
    clock,
    events,
    workspace,
    secrets,
    api: createFubHttpApi({ baseUrl: fub.baseUrl }),
    webhookEvents,
  });
  await service.start();
  fub.put({ id: 1, firstName: 'Maria', lastName: 'Lopez', emails: [{ value: 'maria@example.com' }] });
  await service.connect({ apiKey: fub.apiKey, writeBack: false });
}

afterEach(async () => {
  await service.stop();
  await core.close();
  await fub.close();
});

describe('who reads Follow Up Boss webhooks', () => {
  it('an agent’s desktop leaves them to an admin’s and keeps polling', async () => {
    await open(() => 'not_admin');
    const status = await service.syncNow();
    expect(status.webhooks).toEqual({
      state: 'not_admin',
      message:
        'Follow Up Boss webhooks reach the team server; a team admin’s desktop or the always-on engine reads them. This desktop imports by polling.',
      lastRead: null,
    });
    expect(status.lastPoll).toMatchObject({ created: 1 });
    expect(fub.webhooks).toEqual([]);
  });

  it('a team server out of reach is said in words, and people still come in', async () => {
    const offline = new SyncTransportError(
      'offline',
      'offline',
      'The sync server at http://sync.test did not answer (fetch failed).',
    );
    await open(() => ({
      origin: 'http://sync.test team-1',
      list: () => Promise.reject(offline),
      webhookUrl: () => Promise.reject(offline),
    }));
    const status = await service.syncNow();
    expect(status.webhooks).toMatchObject({
      state: 'failed',
      message: 'The sync server at http://sync.test did not answer (fetch failed).',
    });
    expect(status.state).toBe('connected');
    expect(status.lastPoll).toMatchObject({ created: 1 });
  });
});
