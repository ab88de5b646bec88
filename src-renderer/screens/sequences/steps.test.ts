import { describe, expect, it } from 'vitest';
import {
  moveStep,
  newStep,
  stepSummary,
  triggerInWords,
  versioningMessage,
  withFallbackDefault,
} from './steps';

describe('sequence builder pieces', () => {
  it("gives a step its channel's default fallback, never its own channel, and none when there is none", () => {
    const defaults = { sms: ['email', 'sms', 'call'] } as const;
    expect(withFallbackDefault(newStep('sms', 't'), defaults).fallback).toEqual(['email', 'call']);
    expect(withFallbackDefault({ ...newStep('email', 't'), fallback: ['sms'] }, defaults)).not.toHaveProperty(
      'fallback',
    );
  });

  it('moves steps up and down and ignores moves past either end', () => {
    expect(moveStep(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moveStep(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moveStep(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(moveStep(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c']);
  });

  it('says triggers and steps in words', () => {
    expect(triggerInWords({ type: 'new_lead', intents: ['buy'], sources: ['zillow'] })).toBe(
      'A new lead (buy, from zillow)',
    );
    expect(triggerInWords({ type: 'inactive', days: 45 })).toBe('No contact for 45 days');
    expect(
      stepSummary({
        id: 's',
        channel: 'sms',
        delay: { amount: 2, unit: 'business_days' },
        condition: { type: 'no_reply_since_enrollment' },
        templateId: 't',
      }),
    ).toBe('sms, after 2 business days, only if no reply yet');
  });

  it('says what saving does to running leads', () => {
    expect(versioningMessage(3, 2, true)).toBe(
      'Saving makes version 4. 2 leads running version 3 keep it until they finish, unless you move them to the new one.',
    );
    expect(versioningMessage(1, 0, false)).toMatch(/same version/);
  });
});
