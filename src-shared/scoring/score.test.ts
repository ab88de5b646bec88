import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Message } from '../domain';
import { leadSources } from '../domain';
import { DEFAULT_SCORING_SETTINGS, scoringSettingsSchema, temperatureOf } from './config';
import { contentAsks, EMPTY_READING } from './content';
import { F, FEATURE_COUNT, FEATURES, writeFeatures } from './features';
import { scoreLead } from './lead-scoring';
import type { CompiledModel } from './score';
import { DEFAULT_MODEL, scoreFromFeatures } from './score';
import type { LeadSignals } from './signals';
import { DAY, HOUR, makeLead, makeMessage, MINUTE, T0 } from './test-fixtures';

const settings = DEFAULT_SCORING_SETTINGS;

const amount = fc.double({ min: 0, max: 20, noNaN: true });
const signalsArb: fc.Arbitrary<LeadSignals> = fc.record({
  source: fc.constantFrom(...leadSources),
  content: fc.record(
    Object.fromEntries(contentAsks.map((a) => [a, fc.option(fc.constant(a), { nil: null })])) as Record<
      (typeof contentAsks)[number],
      fc.Arbitrary<string | null>
    >,
  ),
  engagement: fc.record({
    replies: amount,
    opens: amount,
    clicks: amount,
    propertyViews: amount,
    inquiries: amount,
  }),
  counts: fc.record({
    inbound: fc.nat(50),
    outbound: fc.nat(50),
    replies: fc.nat(50),
    opens: fc.nat(50),
    clicks: fc.nat(50),
    propertyViews: fc.nat(50),
    inquiries: fc.nat(50),
  }),
  replyMinutes: fc.option(fc.double({ min: 0, max: 100_000, noNaN: true }), { nil: null }),
  lastInquiryAt: fc.integer({ min: T0 - 400 * DAY, max: T0 }),
  lastActivityAt: fc.integer({ min: T0 - 400 * DAY, max: T0 }),
  profile: fc.double({ min: 0, max: 1, noNaN: true }),
  priceFit: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }),
  hasBudget: fc.boolean(),
  areaFit: fc.option(fc.constantFrom(0, 1), { nil: null }),
  ai: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }),
});

/** A learned model with arbitrary weights, engagement weights >= 0 as training guarantees. */
const logisticArb: fc.Arbitrary<CompiledModel> = fc
  .record({
    weights: fc.array(fc.double({ min: -5, max: 5, noNaN: true }), {
      minLength: FEATURE_COUNT,
      maxLength: FEATURE_COUNT,
    }),
    intercept: fc.double({ min: -5, max: 5, noNaN: true }),
  })
  .map(({ weights, intercept }) => ({
    kind: 'logistic' as const,
    version: 1,
    coefficients: Float64Array.from(weights, (w, i) => (FEATURES[i]?.monotone === true ? Math.abs(w) : w)),
    intercept,
    means: new Float64Array(FEATURE_COUNT).fill(0.3),
  }));

const engagementKeys = ['replies', 'opens', 'clicks', 'propertyViews', 'inquiries'] as const;

function scoreOf(signals: LeadSignals, model: CompiledModel = DEFAULT_MODEL): number {
  return scoreFromFeatures(writeFeatures(signals, T0, settings), signals, T0, settings, model).score;
}

describe('score laws', () => {
  it('is always an integer from 1 to 100 and its temperature follows the thresholds', () => {
    fc.assert(
      fc.property(signalsArb, (signals) => {
        const result = scoreFromFeatures(
          writeFeatures(signals, T0, settings),
          signals,
          T0,
          settings,
          DEFAULT_MODEL,
        );
        expect(Number.isInteger(result.score)).toBe(true);
        expect(result.score).toBeGreaterThanOrEqual(1);
        expect(result.score).toBeLessThanOrEqual(100);
        expect(result.temperature).toBe(temperatureOf(result.score, settings.thresholds));
        expect(result.confidence).toBeGreaterThan(0);
        expect(result.confidence).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('more engagement never lowers the score, with the default weights or a learned model', () => {
    fc.assert(
      fc.property(
        signalsArb,
        fc.constantFrom(...engagementKeys),
        fc.double({ min: 0, max: 10, noNaN: true }),
        fc.option(logisticArb, { nil: undefined }),
        (signals, key, extra, model) => {
          const more = {
            ...signals,
            engagement: { ...signals.engagement, [key]: signals.engagement[key] + extra },
          };
          expect(scoreOf(more, model)).toBeGreaterThanOrEqual(scoreOf(signals, model));
        },
      ),
    );
  });

  it('the default factors add up to the distance from 50, each explained in words', () => {
    fc.assert(
      fc.property(signalsArb, (signals) => {
        const result = scoreFromFeatures(
          writeFeatures(signals, T0, settings),
          signals,
          T0,
          settings,
          DEFAULT_MODEL,
        );
        const sum = result.factors.reduce((total, f) => total + f.contribution, 0);
        // Each contribution is rounded to 0.1 and the score to 1; the score is clamped to 1..100.
        if (result.score > 1) expect(Math.abs(50 + sum - result.score)).toBeLessThanOrEqual(0.5 + 0.05 * 6);
        for (const factor of result.factors) expect(factor.reason.length).toBeGreaterThan(0);
      }),
    );
  });

  it("a learned model's factors add up to the distance from the average lead's score", () => {
    fc.assert(
      fc.property(signalsArb, logisticArb, (signals, model) => {
        const withAi = { ...signals, ai: 0.5 };
        const result = scoreFromFeatures(writeFeatures(withAi, T0, settings), withAi, T0, settings, model);
        if (model.kind !== 'logistic') return;
        const reference =
          1 + 99 / (1 + Math.exp(-(model.intercept + model.coefficients.reduce((s, c) => s + c * 0.3, 0))));
        const sum = result.factors.reduce((total, f) => total + f.contribution, 0);
        if (result.score > 1 && result.score < 100)
          expect(Math.abs(reference + sum - result.score)).toBeLessThan(1);
      }),
    );
  });
});

const messageArb: fc.Arbitrary<Message> = fc
  .record({
    direction: fc.constantFrom('inbound' as const, 'outbound' as const),
    createdAt: fc.integer({ min: T0 - 60 * DAY, max: T0 }),
    body: fc.constantFrom(
      'Is it still available?',
      'Can we see it tomorrow?',
      'just browsing',
      'We are pre-approved',
      'ok',
      'Hello',
    ),
    opened: fc.boolean(),
    clicked: fc.boolean(),
    channel: fc.constantFrom('sms' as const, 'email' as const, 'call' as const, 'note' as const),
  })
  .map(({ opened, clicked, ...m }) =>
    makeMessage({
      ...m,
      ...(m.direction === 'outbound' && opened ? { openedAt: m.createdAt + HOUR } : {}),
      ...(m.direction === 'outbound' && clicked ? { clickedAt: m.createdAt + 2 * HOUR } : {}),
    }),
  );

describe('scoreLead', () => {
  it('the same lead always gets the same score, whatever order its messages come in', () => {
    fc.assert(
      fc.property(
        fc.array(messageArb, { maxLength: 12 }),
        fc.constantFrom(...leadSources),
        (messages, source) => {
          const lead = makeLead({ source, createdAt: T0 - 61 * DAY });
          const first = scoreLead(lead, messages, T0, settings, DEFAULT_MODEL);
          const again = scoreLead(lead, [...messages].reverse(), T0, settings, DEFAULT_MODEL);
          expect(again.score).toBe(first.score);
          expect(again.factors).toEqual(first.factors);
          expect(again.confidence).toBe(first.confidence);
        },
      ),
    );
  });

  it('an open or a click on one of our messages never lowers the score', () => {
    fc.assert(
      fc.property(fc.array(messageArb, { maxLength: 12 }), fc.nat(11), (messages, pick) => {
        const lead = makeLead({ createdAt: T0 - 61 * DAY });
        const target = messages[pick % Math.max(1, messages.length)];
        fc.pre(
          target !== undefined &&
            target.direction === 'outbound' &&
            target.channel !== 'note' &&
            target.clickedAt === undefined,
        );
        if (target === undefined) return;
        const clicked = messages.map((m) => (m === target ? { ...m, clickedAt: T0 } : m));
        expect(scoreLead(lead, clicked, T0, settings, DEFAULT_MODEL).score).toBeGreaterThanOrEqual(
          scoreLead(lead, messages, T0, settings, DEFAULT_MODEL).score,
        );
      }),
    );
  });

  it('a fresh Zillow lead asking for a showing who replied fast and clicked is hot, with reasons', () => {
    const lead = makeLead({
      createdAt: T0 - 2 * HOUR,
      priceMin: 400_000,
      priceMax: 450_000,
      phone: '+13125550100',
      email: 'maria@example.com',
    });
    const messages = [
      makeMessage({
        direction: 'inbound',
        createdAt: T0 - 2 * HOUR,
        body: 'Is 12 Oak St still available? We are pre-approved and want to see it this weekend.',
      }),
      makeMessage({ direction: 'outbound', createdAt: T0 - 2 * HOUR + MINUTE, clickedAt: T0 - HOUR }),
      makeMessage({
        direction: 'inbound',
        createdAt: T0 - 2 * HOUR + 6 * MINUTE,
        body: 'Saturday at 10 works',
      }),
    ];
    const result = scoreLead(lead, messages, T0, settings, DEFAULT_MODEL);
    expect(result.temperature).toBe('hot');
    const content = result.factors.find((f) => f.name === 'content');
    expect(content?.contribution).toBeGreaterThan(0);
    expect(content?.reason).toContain('asked for a showing');
    expect(result.factors.find((f) => f.name === 'engagement')?.reason).toBe(
      'Replied 1 time, clicked 1 link',
    );
  });

  it('a month-quiet Facebook lead who is just browsing is cold, and says why', () => {
    const lead = makeLead({ source: 'facebook', createdAt: T0 - 40 * DAY });
    const messages = [
      makeMessage({ direction: 'inbound', createdAt: T0 - 40 * DAY, body: 'Just browsing for now' }),
    ];
    const result = scoreLead(lead, messages, T0, settings, DEFAULT_MODEL);
    expect(result.temperature).toBe('cold');
    const lowered = result.factors.filter((f) => f.contribution < 0).map((f) => f.name);
    expect(lowered).toEqual(expect.arrayContaining(['content', 'engagement', 'timing']));
    expect(result.factors.find((f) => f.name === 'content')?.reason).toContain('just looking');
  });

  it("weights, thresholds and source quality are the team's to change", () => {
    const lead = makeLead({ source: 'facebook' });
    const base = scoreLead(lead, [], T0, settings, DEFAULT_MODEL);
    const custom = scoringSettingsSchema.parse({
      weights: { content: 0, engagement: 0, source: 100, timing: 0, fit: 0 },
      sourceQuality: { facebook: 1 },
      thresholds: { hot: 90, warm: 50 },
    });
    const tuned = scoreLead(lead, [], T0, custom, DEFAULT_MODEL);
    expect(tuned.score).toBe(100);
    expect(tuned.score).toBeGreaterThan(base.score);
    expect(tuned.temperature).toBe('hot');
  });

  it('without AI the AI factor is absent; with a reading it is blended in as one factor', () => {
    const lead = makeLead();
    const without = scoreLead(lead, [], T0, settings, DEFAULT_MODEL);
    expect(without.factors.map((f) => f.name)).not.toContain('ai');
    const withAi = scoreLead(lead, [], T0, settings, DEFAULT_MODEL, { seriousness: 1, evidence: [] });
    expect(withAi.factors.find((f) => f.name === 'ai')?.contribution).toBeCloseTo(7.5, 1);
    expect(withAi.score).toBeGreaterThan(without.score);
  });

  it('confidence grows with the data there is', () => {
    const lead = makeLead();
    const bare = scoreLead(lead, [], T0, settings, DEFAULT_MODEL);
    const talked = scoreLead(
      lead,
      [
        makeMessage({ direction: 'inbound', createdAt: T0 - DAY }),
        makeMessage({ direction: 'outbound', createdAt: T0 - DAY + HOUR }),
        makeMessage({ direction: 'inbound', createdAt: T0 - DAY + 2 * HOUR }),
      ],
      T0,
      settings,
      DEFAULT_MODEL,
    );
    expect(talked.confidence).toBeGreaterThan(bare.confidence);
    expect(EMPTY_READING.showing).toBeNull();
  });
});

describe('feature table', () => {
  it('F gives every feature its index in FEATURES', () => {
    FEATURES.forEach((feature, index) => expect(F[feature.name]).toBe(index));
    expect(Object.keys(F)).toHaveLength(FEATURE_COUNT);
  });
});
