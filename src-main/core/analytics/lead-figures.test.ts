// The lead figures on a four-lead fixture whose answers were worked out by hand (see each row).
import { describe, expect, it } from 'vitest';
import type { Message } from '../../../src-shared/domain';
import { MINUTE, T0, makeLead, makeMessage } from '../../../src-shared/scoring/test-fixtures';
import { sourceReturns, speedToLead, stageFunnel } from './lead-figures';

const leads = [
  makeLead({ id: 'l1', source: 'zillow', stage: 'appointment', createdAt: T0 }),
  makeLead({ id: 'l2', source: 'zillow', stage: 'lost', createdAt: T0 }),
  makeLead({ id: 'l3', source: 'referral', stage: 'closed', createdAt: T0 }),
  makeLead({ id: 'l4', source: 'website', stage: 'new', createdAt: T0 }),
];

function sent(leadId: string, minutes: number, fields: Partial<Message> = {}): Message {
  const at = T0 + minutes * MINUTE;
  return makeMessage({
    leadId,
    direction: 'outbound',
    createdAt: at,
    statusHistory: [{ status: fields.status === 'logged' ? 'logged' : 'sent', at }],
    ...fields,
  });
}

const messages: Message[] = [
  sent('l1', 2), // l1: texted after 2 minutes, replied at 30
  makeMessage({ leadId: 'l1', direction: 'inbound', createdAt: T0 + 30 * MINUTE }),
  sent('l2', 10, { channel: 'email' }), // l2: emailed after 10 minutes, no reply
  // l3: a call task at 1 minute is not a touch; the logged call at 90 minutes is.
  sent('l3', 1, { channel: 'call', status: 'scheduled', statusHistory: [] }),
  sent('l3', 90, { channel: 'call', status: 'logged' }),
  makeMessage({ leadId: 'l3', direction: 'inbound', createdAt: T0 + 100 * MINUTE }),
  // l4: never touched.
];

describe('lead figures', () => {
  it('AN2: speed to first touch: minutes 2, 10, 90 and one untouched lead', () => {
    expect(speedToLead(leads, messages)).toEqual({
      leads: 4,
      touched: 3,
      untouched: 1,
      p50: 10, // nearest rank: ceil(0.5 x 3) = 2nd of [2, 10, 90]
      p90: 90, // ceil(0.9 x 3) = 3rd
      withinFiveMinutes: 1,
      withinFiveMinutesShare: 0.25, // 1 of the 4 leads
      buckets: [
        { label: 'under 1 min', count: 0 },
        { label: '1–5 min', count: 1 },
        { label: '5–15 min', count: 1 },
        { label: '15–60 min', count: 0 },
        { label: '1–24 h', count: 1 },
        { label: 'over 24 h', count: 0 },
      ],
    });
  });

  it('AN3: the funnel counts a lead at every stage up to its own; lost sits beside the path', () => {
    expect(stageFunnel(leads)).toEqual([
      { stage: 'new', leads: 4 },
      { stage: 'contacted', leads: 2 }, // appointment (l1) and closed (l3)
      { stage: 'qualified', leads: 2 },
      { stage: 'appointment', leads: 2 },
      { stage: 'under_contract', leads: 1 },
      { stage: 'closed', leads: 1 },
      { stage: 'lost', leads: 1, leftFunnel: true },
      { stage: 'nurture', leads: 0, leftFunnel: true },
    ]);
  });

  it('AN4: returns by source: leads, replies, appointments and closed', () => {
    expect(sourceReturns(leads, messages)).toEqual([
      { source: 'zillow', leads: 2, replied: 1, appointments: 1, closed: 0, replyRate: 0.5, closeRate: 0 },
      { source: 'referral', leads: 1, replied: 1, appointments: 1, closed: 1, replyRate: 1, closeRate: 1 },
      { source: 'website', leads: 1, replied: 0, appointments: 0, closed: 0, replyRate: 0, closeRate: 0 },
    ]);
  });

  it('AN5: no leads in the range gives zeros, not NaN', () => {
    const empty = speedToLead([], []);
    expect(empty).toMatchObject({ leads: 0, p50: null, p90: null, withinFiveMinutesShare: 0 });
  });
});
