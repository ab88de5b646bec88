// Follow Up Boss end to end over HTTP: the real adapter (adapters/follow-up-boss) against a
// local server that answers as Follow Up Boss's API reference describes (fake-follow-up-boss.ts),
// core on memory storage with a test clock. Importing people (paging, the checkpoint, dedupe,
// bad fields, 429 with Retry-After), and writing back (notes once, stages, failures kept).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRevision, type RxDocumentData } from 'rxdb';
import type { Lead, Message } from '../../src-shared/domain';
import { scopeExitTombstone } from '../../src-shared/sync';
import { createFubHttpApi } from '../../src-main/adapters/follow-up-boss/http-api';
import { FollowUpBoss } from '../../src-main/core/follow-up-boss/service';
import { readFubState, writeFubState } from '../../src-main/core/follow-up-boss/state';
import { createTestCore, type TestCore } from '../../src-main/core/testing/test-core';
import { startFakeFollowUpBoss, type FakeFollowUpBoss } from './fake-follow-up-boss';

let core: TestCore;
let fub: FakeFollowUpBoss;
let service: FollowUpBoss;

beforeEach(async () => {
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
  });
  await service.start();
});

afterEach(async () => {
  await service.stop();
  await core.close();
  await fub.close();
});

function person(id: number, extra: Record<string, unknown> = {}) {
  return fub.put({
    id,
    firstName: `First${id}`,
    lastName: `Last${id}`,
    stage: 'Lead',
    source: 'Zillow',
    emails: [{ value: `person${id}@example.com`, isPrimary: true }],
    phones: [{ value: `(612) 555-${String(1000 + id).slice(-4)}`, isPrimary: true }],
    tags: ['fub'],
    ...extra,
  });
}

async function lead(id: string): Promise<Lead> {
  const doc = await core.ctx.db.leads.findOne(id).exec();
  if (doc === null) throw new Error(`no lead ${id}`);
  return doc.toMutableJSON();
}

async function connect(): Promise<void> {
  await service.connect({ apiKey: fub.apiKey, writeBack: true });
  await service.syncNow();
}

function sentMessage(leadId: string, id: string, extra: Partial<Message> = {}): Message {
  const now = core.clock.now();
  return {
    id,
    teamId: core.ctx.workspace.teamId,
    ownerId: core.ctx.workspace.agentId,
    updatedAt: now,
    leadId,
    direction: 'outbound',
    channel: 'sms',
    status: 'sent',
    createdAt: now,
    body: 'Hi, this is Jane from Lakeside Realty. Still looking in Maple Grove?',
    to: '+16125551001',
    attempt: 0,
    authoredBy: 'template',
    providerId: `SM${id}`,
    statusHistory: [{ status: 'sent', at: now }],
    demo: false,
    ...extra,
  };
}

describe('connecting', () => {
  it('refuses a key Follow Up Boss does not accept, beside the key, and keeps nothing', async () => {
    const refused = await service.connect({ apiKey: 'wrong-key', writeBack: true }).catch((e: unknown) => e);
    expect(refused).toMatchObject({
      code: 'invalid_args',
      fieldErrors: {
        apiKey:
          'Follow Up Boss did not accept the API key (Invalid API key). Copy it again from Admin → API in Follow Up Boss.',
      },
    });
    expect(await core.ctx.secrets?.names()).not.toContain('followUpBoss.apiKey');
    expect((await service.status()).state).toBe('not_configured');
  });

  it('sends the key as HTTP Basic and names Porchlight as the system', async () => {
    await service.connect({ apiKey: fub.apiKey, systemKey: 'sys-key-1', writeBack: true });
    expect(fub.requests[0]).toMatchObject({ system: 'Porchlight', systemKey: 'sys-key-1' });
    expect(await service.status()).toMatchObject({ state: 'connected', hasSystemKey: true });
  });
});

describe('importing people', () => {
  it('reads every page once, as leads that are not new inquiries, in the import’s words', async () => {
    for (let id = 1; id <= 230; id++) person(id);
    person(231, {
      phones: [{ value: '555-12' }],
      stage: 'Active Client',
      background: 'Pre-approved, wants 3 beds',
    });
    await connect();
    const status = await service.status();
    expect(status.lastPoll).toMatchObject({ read: 231, created: 231, merged: 0 });
    expect(status.lastPoll?.problems).toEqual([
      'Person 231 in Follow Up Boss: phone "555-12" is not a valid US number; the person was kept without a phone.',
    ]);
    expect(fub.requests.filter((r) => r.path === '/v1/people').length).toBe(1 + 3); // connect check + 3 pages
    const one = await lead('fub-1');
    expect(one).toMatchObject({
      fubId: '1',
      fubStage: 'Lead',
      stage: 'new',
      source: 'zillow',
      phone: '+16125551001',
      importId: 'follow-up-boss',
    });
    const qualified = await lead('fub-231');
    expect(qualified.stage).toBe('qualified');
    expect(qualified.notes).toContain('Pre-approved, wants 3 beds');
    expect(status.linkedLeads).toBe(231);
  });

  it('reads only what changed since the last run, and a stage moved in Follow Up Boss moves the lead', async () => {
    for (let id = 1; id <= 150; id++) person(id);
    await connect();
    const before = fub.requests.length;
    person(42, { stage: 'Pending', tags: ['fub', 'hot'] });
    await service.syncNow();
    const pages = fub.requests.slice(before).filter((r) => r.path === '/v1/people');
    expect(pages.length).toBe(1);
    // The changed person, and the newest of the last run (its second is read again, unchanged).
    expect((await service.status()).lastPoll).toMatchObject({ read: 2, merged: 1, unchanged: 1, created: 0 });
    expect(await lead('fub-42')).toMatchObject({
      stage: 'under_contract',
      fubStage: 'Pending',
      tags: ['fub', 'hot'],
    });
  });

  it('merges a person into the lead with the same email and links it, never a second lead', async () => {
    const created = await core.invoke('leads-create', {
      lead: { firstName: 'Maria', lastName: 'Lopez', email: 'person7@example.com', source: 'website' },
    });
    person(7, { background: 'Met at the open house' });
    await connect();
    const merged = await lead(created.lead.id);
    expect(merged).toMatchObject({ fubId: '7', firstName: 'Maria' });
    expect(merged.notes).toContain('Met at the open house');
    expect(await core.ctx.db.leads.findOne('fub-7').exec()).toBeNull();
    expect((await service.status()).lastPoll).toMatchObject({ created: 0, merged: 1 });
  });

  it('leaves a person merged into a lead that went to a teammate to them, never a second lead', async () => {
    const created = await core.invoke('leads-create', {
      lead: { firstName: 'Maria', lastName: 'Lopez', email: 'person7@example.com', source: 'website' },
    });
    person(7);
    await connect();
    expect(await lead(created.lead.id)).toMatchObject({ fubId: '7' });
    // The team routes the lead to a teammate: this replica keeps only its scope-exit tombstone.
    const storage = core.ctx.db.leads.storageInstance;
    const [previous] = await storage.findDocumentsById([created.lead.id], false);
    if (previous === undefined) throw new Error('the merged lead is gone');
    const left = {
      ...scopeExitTombstone('leads', previous),
      _deleted: true,
      _meta: { lwt: previous._meta.lwt + 1 },
      _rev: createRevision('scope-exit', previous),
      _attachments: {},
    } as unknown as RxDocumentData<Lead>;
    const written = await storage.bulkWrite([{ previous, document: left }], 'test-scope-exit');
    expect(written.error).toEqual([]);

    person(7, { tags: ['fub', 'again'] });
    await service.syncNow();
    expect((await service.status()).lastPoll).toMatchObject({ created: 0, teammates: 1 });
    expect(await core.ctx.db.leads.findOne('fub-7').exec()).toBeNull();
  });

  it('leaves a lead the agent moved to the bin there', async () => {
    person(3);
    await connect();
    await core.invoke('leads-delete', { ids: ['fub-3'] });
    person(3, { tags: ['fub', 'again'] });
    await service.syncNow();
    expect((await lead('fub-3')).deletedAt).toBeGreaterThan(0);
  });

  it('waits as long as a 429 asks, then carries on', async () => {
    for (let id = 1; id <= 120; id++) person(id);
    await service.connect({ apiKey: fub.apiKey, writeBack: false });
    fub.rateLimitNext(2, 30);
    const startedAt = core.clock.now();
    let done = false;
    const run = service.syncNow().then(() => (done = true));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(done).toBe(false); // held by the 429, waiting on the clock
    for (let step = 0; step < 500 && !done; step++) {
      await core.clock.advance(5_000);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await run;
    await service.idle();
    expect(await core.ctx.db.leads.count({ selector: { fubId: { $exists: true } } }).exec()).toBe(120);
    // The key check, two 429s, two pages; then the run connecting scheduled reads one page.
    expect(fub.requests.filter((r) => r.path === '/v1/people').length).toBe(1 + 2 + 2 + 1);
    expect(core.clock.now() - startedAt).toBeGreaterThanOrEqual(60_000); // 2 × Retry-After: 30
  });
});

describe('closing', () => {
  it('does not sit out a rate limit: stop() ends the run waiting on a 429 at once, its work kept', async () => {
    for (let id = 1; id <= 120; id++) person(id);
    await service.connect({ apiKey: fub.apiKey, writeBack: false });
    fub.rateLimitNext(1, 60);
    const before = fub.requests.length;
    const run = service.syncNow();
    await expect.poll(() => fub.requests.length).toBeGreaterThan(before); // answered 429
    await new Promise((resolve) => setTimeout(resolve, 100));
    const startedAt = core.clock.now();
    await service.stop();
    await run;
    // No clock time passed: the 60-second wait was cut short, not waited out.
    expect(core.clock.now()).toBe(startedAt);
    expect((await readFubState(core.ctx.db)).error).toBeNull();
  });
});

describe('writing back', () => {
  it('records a sent message once as a note, even when a run stopped before it could note so', async () => {
    person(5);
    await connect();
    await core.ctx.db.messages.insert(sentMessage('fub-5', 'msg-1'));
    await service.syncNow();
    expect(fub.notes).toHaveLength(1);
    expect(fub.notes[0]).toMatchObject({ personId: 5, subject: 'Text sent from Porchlight' });
    expect(fub.notes[0]?.body).toContain('Still looking in Maple Grove?');
    // A run that wrote the note but not its cursor: the marker on the note keeps it single.
    const state = await readFubState(core.ctx.db);
    await writeFubState(core.ctx.db, core.ctx.workspace, core.clock.now(), {
      ...state,
      messageCursor: { updatedAt: 0, id: '' },
    });
    await service.syncNow();
    await core.ctx.db.messages
      .findOne('msg-1')
      .exec()
      .then((d) => d?.incrementalPatch({ status: 'delivered', updatedAt: core.clock.now() + 1 }));
    await service.syncNow();
    expect(fub.notes).toHaveLength(1);
  });

  it('never records demo messages, messages not yet sent, or messages from before connecting', async () => {
    person(6);
    await connect();
    await core.ctx.db.messages.bulkInsert([
      sentMessage('fub-6', 'demo-1', { demo: true }),
      sentMessage('fub-6', 'sched-1', { status: 'scheduled', statusHistory: [] }),
      sentMessage('fub-6', 'old-1', { updatedAt: core.clock.now() - 86_400_000 }),
    ]);
    await service.syncNow();
    expect(fub.notes).toHaveLength(0);
  });

  it('writes a stage changed here to Follow Up Boss, and does not echo it back', async () => {
    person(8);
    await connect();
    await core.invoke('leads-update', { id: 'fub-8', patch: { stage: 'appointment' } });
    await service.syncNow();
    expect(fub.people.get(8)?.stage).toBe('Active Client');
    expect(await lead('fub-8')).toMatchObject({ stage: 'appointment', fubStage: 'Active Client' });
    const puts = fub.requests.filter((r) => r.method === 'PUT').length;
    await service.syncNow();
    expect(fub.requests.filter((r) => r.method === 'PUT').length).toBe(puts);
    expect((await lead('fub-8')).stage).toBe('appointment');
  });

  it('keeps a failed write-back with Follow Up Boss’s reason until a retry succeeds', async () => {
    person(9);
    await connect();
    await core.ctx.db.messages.insert(sentMessage('fub-9', 'msg-9'));
    fub.failNext(503);
    await service.syncNow();
    const failed = await service.status();
    expect(failed.failedWriteBacks).toEqual([
      {
        leadId: 'fub-9',
        leadName: 'First9 Last9',
        what: 'Text sent from Porchlight',
        attempts: 1,
        error: 'Follow Up Boss is not answering properly (Service temporarily unavailable).',
      },
    ]);
    expect(fub.notes).toHaveLength(0);
    const retried = await service.retryWriteBacks();
    expect(retried.failedWriteBacks).toEqual([]);
    expect(fub.notes).toHaveLength(1);
  });

  it('says so when the key stops working, and keeps what was waiting for the key to come back', async () => {
    person(10);
    await connect();
    await core.ctx.secrets?.set('followUpBoss.apiKey', 'revoked-key');
    await core.ctx.db.messages.insert(sentMessage('fub-10', 'msg-10'));
    await service.syncNow();
    expect(await service.status()).toMatchObject({
      state: 'failed',
      message:
        'Follow Up Boss did not accept the API key (Invalid API key). Copy it again from Admin → API in Follow Up Boss.',
    });
    expect(fub.notes).toHaveLength(0);
    await service.connect({ apiKey: fub.apiKey, writeBack: true });
    await service.syncNow();
    expect((await service.status()).state).toBe('connected');
    expect(fub.notes.map((n) => n.personId)).toEqual([10]);
  });
});
