import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Message } from '../../../src-shared/domain';
import type { EventPayloads } from '../../../src-shared/ipc/contract';
import { PorchlightError } from '../../../src-shared/ipc/errors';
import type { AnyEvent } from '../events';
import type { TestCore, TestCoreOptions } from '../testing/test-core';
import { createTestCore } from '../testing/test-core';
import type { ScoringJob } from './index';
import { startScoring } from './index';

let core: TestCore;
let job: ScoringJob;
let events: AnyEvent[];

async function startCore(options: TestCoreOptions = {}): Promise<void> {
  core = await createTestCore(options);
  job = startScoring(core.ctx, { nightly: null });
  events = [];
  core.ctx.events.on('*', (...event) => events.push(event));
}

beforeEach(() => startCore());
afterEach(async () => {
  job.stop();
  await job.idle();
  await core.close();
});

const MINUTE = 60_000;

async function settle(): Promise<void> {
  await core.clock.advance(1_000);
  await job.idle();
  await core.documentEvents.flushed();
}

function message(leadId: string, fields: Partial<Message> & Pick<Message, 'direction' | 'body'>): Message {
  const now = core.clock.now();
  const inbound = fields.direction === 'inbound';
  return {
    id: `${leadId}-${now}-${fields.direction}`,
    teamId: 'team-test',
    ownerId: 'agent-test',
    updatedAt: now,
    leadId,
    channel: 'sms',
    status: inbound ? 'received' : 'delivered',
    createdAt: now,
    attempt: 0,
    authoredBy: inbound ? 'lead' : 'template',
    statusHistory: [],
    demo: false,
    ...fields,
  };
}

function scoreChanges(): EventPayloads['scores-changed']['changes'] {
  return events.flatMap(([name, payload]) => (name === 'scores-changed' ? payload.changes : []));
}

describe('rescoring job', () => {
  it('gives a new lead a provisional score at once, then its full score from its messages', async () => {
    const { lead } = await core.invoke('leads-create', {
      lead: { firstName: 'Maria', lastName: 'Lopez', phone: '312-555-0100', source: 'zillow' },
    });
    expect(lead.score).toBeGreaterThan(0);
    expect(lead.scoreFactors?.map((f) => f.name)).toContain('source');
    await core.ctx.db.messages.insert(
      message(lead.id, {
        direction: 'inbound',
        body: 'We are pre-approved and want to see it this weekend. Still available?',
      }),
    );
    await settle();
    const scored = await core.invoke('leads-get', { id: lead.id });
    expect(scored?.scoredAt).toBe(core.clock.now() - 1_000 + 500);
    expect(scored?.score).toBeGreaterThan(lead.score);
    expect(scored?.intent).toBe('buy');
    // SY-M3: a rescore is derived work; the lead's conflict clock stays at the last edit.
    expect(scored?.updatedAt).toBe(lead.updatedAt);
    expect(scoreChanges()).toEqual([{ id: lead.id, from: 0, to: scored?.score }]);
    expect(core.clock.pendingTimers()).toBe(0);
  });

  it('in a team, scores its own and the pool’s leads; a teammate’s keeps the score their desktop wrote', async () => {
    const { lead: mine } = await core.invoke('leads-create', {
      lead: { firstName: 'Mia', source: 'website' },
      owner: 'mine',
    });
    const { lead: pool } = await core.invoke('leads-create', {
      lead: { firstName: 'Pia', source: 'website' },
      owner: 'team',
    });
    const { lead: theirs } = await core.invoke('leads-create', {
      lead: { firstName: 'Theo', source: 'website' },
      owner: 'mine',
    });
    expect(pool.ownerId).toBe('team-pool');
    await settle();
    // The team gave Theo to Bob, and Bob's desktop scored him 33 (decision 0202).
    await (
      await core.ctx.db.leads.findOne(theirs.id).exec()
    )?.incrementalPatch({ ownerId: 'agent-bob', score: 33, scoredAt: core.clock.now() });
    await settle();
    const before = new Map(
      await Promise.all(
        [mine.id, pool.id].map(async (id) => [id, (await core.invoke('leads-get', { id }))?.score] as const),
      ),
    );
    for (const id of [mine.id, pool.id, theirs.id])
      await core.ctx.db.messages.insert(
        message(id, {
          id: `ready-${id}`,
          direction: 'inbound',
          body: 'We are pre-approved and want to see it this weekend.',
        }),
      );
    await settle();
    for (const id of [mine.id, pool.id])
      expect((await core.invoke('leads-get', { id }))?.score).toBeGreaterThan(before.get(id) ?? 100);
    expect((await core.invoke('leads-get', { id: theirs.id }))?.score).toBe(33);
  });

  it('coalesces a burst of changes into one rescore and ignores its own leads-changed', async () => {
    const { lead } = await core.invoke('leads-create', { lead: { firstName: 'Kai', source: 'website' } });
    await settle();
    events = [];
    for (let i = 0; i < 5; i++) {
      await core.ctx.db.messages.insert(
        message(lead.id, { id: `burst-${i}`, direction: 'inbound', body: 'Hello again' }),
      );
    }
    await settle();
    expect(events.filter(([name]) => name === 'leads-changed')).toHaveLength(1);
    expect(core.clock.pendingTimers()).toBe(0);
  });

  it('rescores every lead when the team changes its weights, and refuses settings that make no sense', async () => {
    const { lead } = await core.invoke('leads-create', { lead: { firstName: 'Ana', source: 'facebook' } });
    await settle();
    const before = (await core.invoke('leads-get', { id: lead.id }))?.score ?? 0;
    await core.invoke('scoring-settings-update', {
      patch: {
        weights: { content: 0, engagement: 0, source: 100, timing: 0, fit: 0 },
        sourceQuality: { facebook: 1 },
      },
    });
    await settle();
    expect((await core.invoke('leads-get', { id: lead.id }))?.score).toBe(100);
    expect(before).toBeLessThan(100);
    const refused = await core
      .invoke('scoring-settings-update', { patch: { thresholds: { hot: 40, warm: 60 } } })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(PorchlightError);
    expect((refused as PorchlightError).code).toBe('validation');
    expect((await core.invoke('scoring-settings-get', {})).thresholds).toEqual({ hot: 70, warm: 40 });
  });
});

describe('insights and explanations', () => {
  it('says call now for a hot lead who replied within the hour, with evidence for each insight', async () => {
    const { lead } = await core.invoke('leads-create', {
      lead: {
        firstName: 'Leo',
        lastName: 'Kim',
        phone: '312-555-0101',
        email: 'leo@example.com',
        source: 'referral',
        priceMin: 400_000,
        priceMax: 450_000,
      },
    });
    const db = core.ctx.db.messages;
    await db.insert(
      message(lead.id, {
        direction: 'inbound',
        body: 'Pre-approved up to $450k. Can we see the condo in Lincoln Park tomorrow? Need to move ASAP.',
      }),
    );
    await core.clock.advance(2 * MINUTE);
    await db.insert(
      message(lead.id, { direction: 'outbound', body: 'Sure, 10am?', clickedAt: core.clock.now() + MINUTE }),
    );
    await core.clock.advance(5 * MINUTE);
    await db.insert(message(lead.id, { direction: 'inbound', body: 'Yes, 10am works' }));
    await settle();
    const insights = await core.invoke('lead-insights', { id: lead.id });
    expect(insights.score.temperature).toBe('hot');
    expect(insights.nextAction.kind).toBe('call_now');
    expect(insights.intent.value).toBe('buy');
    expect(insights.budget?.value).toEqual({ max: 450_000 });
    expect(insights.propertyType?.value).toBe('condo');
    expect(insights.preApproval?.value).toBe('pre_approved');
    expect(insights.timeline?.value).toBe('now');
    expect(insights.areas?.value).toContain('Lincoln Park');
    expect(insights.replyPattern?.value.channel).toBe('sms');
    expect(insights.touches).toHaveLength(3);
    const explained = await core.invoke('scoring-explain', { id: lead.id });
    expect(explained.score).toBe(insights.score.score);
    const preview = await core.invoke('scoring-preview', {
      id: lead.id,
      settings: { thresholds: { hot: 99, warm: 98 } },
    });
    expect(preview.temperature).toBe('cold');
  });

  it('blends an AI reading in as one factor when an analyzer is present, and scores without it when it fails', async () => {
    let fail = false;
    job.stop();
    await core.close();
    await startCore({
      contentAnalyzer: {
        analyse: () =>
          fail
            ? Promise.reject(new Error('offline'))
            : Promise.resolve({ seriousness: 0.9, evidence: ['ready'] }),
      },
    });
    const { lead } = await core.invoke('leads-create', { lead: { firstName: 'Ezra' } });
    await core.ctx.db.messages.insert(message(lead.id, { direction: 'inbound', body: 'Hello' }));
    await settle();
    expect((await core.invoke('leads-get', { id: lead.id }))?.scoreFactors?.map((f) => f.name)).toContain(
      'ai',
    );
    fail = true;
    const other = (await core.invoke('leads-create', { lead: { firstName: 'Ava' } })).lead;
    await core.ctx.db.messages.insert(message(other.id, { direction: 'inbound', body: 'Hello' }));
    await settle();
    const scored = await core.invoke('leads-get', { id: other.id });
    expect(scored?.scoredAt).toBeDefined();
    expect(scored?.scoreFactors?.map((f) => f.name)).not.toContain('ai');
  });
});

describe('learning', () => {
  it('keeps the default weights below the minimum, then trains, activates and reports a better model', async () => {
    expect((await core.invoke('scoring-train', {})).status).toBe('too_few_outcomes');
    const { generateBook, outcomeRowsOf } = await import('../../../test/scoring/synthetic');
    const { DEFAULT_SCORING_SETTINGS } = await import('../../../src-shared/scoring');
    const book = generateBook(600, core.clock.now(), 3);
    const { rows } = outcomeRowsOf(book, DEFAULT_SCORING_SETTINGS, 5);
    const won = new Set(rows.filter((r) => r.won).map((r) => r.id));
    await core.ctx.db.leads.bulkInsert(
      book.leads.map((l) => ({
        ...l,
        teamId: 'team-test',
        stage: won.has(l.id) ? ('closed' as const) : ('lost' as const),
      })),
    );
    await core.ctx.db.messages.bulkInsert(book.messages);
    const report = await core.invoke('scoring-train', {});
    if (report.status !== 'trained') throw new Error(report.reason);
    expect(report.model.metrics.auc).toBeGreaterThan(0.7);
    expect(report.model.metrics.calibration?.length).toBeGreaterThan(0);
    const model = await core.invoke('scoring-model', {});
    expect(model.latest?.version).toBe(1);
    expect(model.using).toBe(report.activated ? 'logistic' : 'default');
    expect(model.outcomes.won + model.outcomes.lost).toBe(600);
  });
});
