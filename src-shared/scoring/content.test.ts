import { describe, expect, it } from 'vitest';
import { leadTexts, readContent, upTo } from './content';

const m = (
  id: string,
  createdAt: number,
  extra: Partial<{
    direction: 'inbound' | 'outbound';
    channel: 'sms' | 'email' | 'note';
    body: string;
    subject: string;
  }> = {},
) => ({
  id,
  createdAt,
  direction: extra.direction ?? ('inbound' as const),
  channel: extra.channel ?? ('sms' as const),
  body: extra.body ?? id,
  ...(extra.subject === undefined ? {} : { subject: extra.subject }),
});

describe('the words a lead is read from', () => {
  it('keeps a list already in time order as it is, and never reorders the one it was given', () => {
    const ordered = [m('a', 1), m('b', 2), m('c', 2)];
    expect(upTo(ordered, 10)).toBe(ordered);
    const shuffled = [m('c', 2), m('a', 1), m('late', 20), m('b', 2)];
    const copy = [...shuffled];
    expect(upTo(shuffled, 10).map((x) => x.id)).toEqual(['a', 'b', 'c']);
    expect(shuffled).toEqual(copy);
  });

  it('reads inbound messages oldest first, then the lead notes, then logged notes', () => {
    const texts = leadTexts({ notes: 'Wants a yard' }, [
      m('n1', 5, { channel: 'note', body: 'Called, no answer' }),
      m('r2', 4, { body: 'Can we tour it Saturday?' }),
      m('o1', 2, { direction: 'outbound', body: 'Hi from us' }),
      m('r1', 1, { channel: 'email', subject: 'Oak St', body: 'Is it still available?' }),
    ]);
    expect(texts).toEqual([
      'Oak St\nIs it still available?',
      'Can we tour it Saturday?',
      'Wants a yard',
      'Called, no answer',
    ]);
    expect(leadTexts({}, [m('r1', 1), m('r2', 9)], 5)).toEqual(['r1']);
  });

  it('quotes the first phrase of each ask, as written', () => {
    const reading = readContent([
      'Need to move ASAP.',
      'Is it still available? We are pre-approved',
      'asap please',
    ]);
    expect(reading.urgency).toBe('Need to move');
    expect(reading.availability).toBe('still available');
    expect(reading.preapproval).toBe('pre-approved');
    expect(reading.browsing).toBeNull();
  });
});
