import { describe, expect, it } from 'vitest';
import { detectIntent } from './intent';
import {
  readAreas,
  readBudget,
  readPreApproval,
  readPropertyType,
  readReplyPattern,
  readTimeline,
} from './insights';
import { nextBestAction } from './next-action';
import type { NextActionInput } from './next-action';
import { DAY, HOUR, MINUTE, T0 } from './test-fixtures';

describe('intent', () => {
  it('reads buy, sell, both, rent and unknown with the phrases that gave it away', () => {
    expect(detectIntent(['Is it still available? We want to see it'])).toEqual({
      intent: 'buy',
      evidence: ['still available'],
    });
    expect(detectIntent(['What is my home worth?']).intent).toBe('sell');
    expect(detectIntent(['We need to sell our condo and buy something bigger']).intent).toBe('both');
    expect(detectIntent(['Looking for an apartment to rent']).intent).toBe('rent');
    expect(detectIntent(['My lease ends in June and we want to buy']).intent).toBe('buy');
    expect(detectIntent(['Hello'])).toEqual({ intent: 'unknown', evidence: [] });
    expect(detectIntent(['Hello'], { tags: ['investor'] }).intent).toBe('buy');
  });
});

describe('insights', () => {
  it('reads a budget from ranges, caps and amounts in k, m or dollars', () => {
    expect(readBudget(['between $400k and $500k'])?.value).toEqual({ min: 400_000, max: 500_000 });
    expect(readBudget(['pre-approved up to $450,000'])?.value).toEqual({ max: 450_000 });
    expect(readBudget(['budget is 1.2m'])?.value).toEqual({ max: 1_200_000 });
    expect(readBudget(['around 600k'])?.value).toEqual({ min: 540_000, max: 660_000 });
    expect(readBudget(['We have 3 kids and 2 dogs'])).toBeNull();
    // A unit must end its word.
    expect(readBudget(['Buying in about 3 months'])).toBeNull();
    expect(readBudget(['about 3 mins from the school'])).toBeNull();
    expect(readBudget(['Budget of $1.2m.'])?.value).toEqual({ max: 1_200_000 });
  });

  it('reads timeline, property type, pre-approval and areas with their evidence', () => {
    expect(readTimeline(['We need to move ASAP'])).toEqual({
      value: 'now',
      evidence: ['need to move'],
      source: 'rules',
    });
    expect(readTimeline(['Maybe next spring'])?.value).toBe('later');
    // Digits and words read alike: up to three months is soon, four or more is later.
    for (const phrase of ['in 6 months', 'in six months', 'within 8 months', 'in about 4 months'])
      expect(readTimeline([`Moving ${phrase}`])?.value, phrase).toBe('later');
    for (const phrase of ['in 3 months', 'in three months', 'within a month', 'in 6 weeks', 'in 2 months'])
      expect(readTimeline([`Moving ${phrase}`])?.value, phrase).toBe('soon');
    expect(readPropertyType(['a 3-bed townhouse'])?.value).toBe('townhouse');
    expect(readPreApproval(['we are not pre-approved yet'])?.value).toBe('not_yet');
    expect(readPreApproval(['cash buyer here'])?.value).toBe('cash');
    const areas = readAreas(
      ['Anything in Wicker Park or near Logan Square in June?'],
      { address: { city: 'Chicago' } },
      [],
    );
    expect(areas?.value).toEqual(['Wicker Park', 'Logan Square', 'Chicago']);
  });

  it('learns the channel and the hours a lead writes in, in their own time zone', () => {
    const at = (isoUtc: string): number => Date.parse(isoUtc);
    const pattern = readReplyPattern(
      [
        { channel: 'sms', createdAt: at('2026-01-05T23:10:00Z') }, // 17:10 in Chicago
        { channel: 'sms', createdAt: at('2026-01-06T00:30:00Z') }, // 18:30
        { channel: 'email', createdAt: at('2026-01-07T15:00:00Z') }, // 09:00
      ],
      'America/Chicago',
    );
    expect(pattern?.value).toEqual({ channel: 'sms', hours: { from: 16, to: 19 } });
  });
});

describe('next best action', () => {
  const base: NextActionInput = {
    stage: 'contacted',
    score: 80,
    temperature: 'hot',
    intent: 'buy',
    lastInboundAt: T0 - 10 * MINUTE,
    lastOutboundAt: T0 - HOUR,
    lastActivityAt: T0 - 10 * MINUTE,
    clicks: 1,
    propertyViews: 0,
  };

  it('calls now when hot and they replied within the hour', () => {
    expect(nextBestAction(base, T0).kind).toBe('call_now');
    expect(
      nextBestAction({ ...base, lastInboundAt: T0 - 2 * HOUR, lastOutboundAt: T0 - 3 * HOUR }, T0).kind,
    ).toBe('send_listings');
  });

  it('reactivates the quiet, waits on our own message and on settled leads', () => {
    const quiet = {
      ...base,
      temperature: 'warm' as const,
      lastInboundAt: T0 - 40 * DAY,
      lastActivityAt: T0 - 40 * DAY,
    };
    expect(nextBestAction(quiet, T0).kind).toBe('reactivate');
    const waiting = { ...base, lastInboundAt: T0 - 3 * HOUR, lastOutboundAt: T0 - HOUR };
    expect(nextBestAction(waiting, T0)).toMatchObject({ kind: 'wait' });
    expect(nextBestAction({ ...base, stage: 'closed' }, T0).kind).toBe('wait');
  });
});
