// The assistant's pure rules: one question at a time, never one already answered, answers read
// in context, hand-offs, STOP, the day's limit and the guardrails on every sentence it can say.
import { describe, expect, it } from 'vitest';
import { aiFieldsFromReading, allQuestions, fairHousingAnswer, handOffFor } from './index';
import { outgoingViolations, planTurn } from './index';
import type { AssistantLeadState, TurnEvent, TurnInput } from './index';
import { newAssistantLeadState, parseAssistantSettings, readHistory } from './index';

const voice = { agentFirstName: 'Jane', brokerage: 'Lakeside Realty', leadFirstName: 'Sam' };
const settings = parseAssistantSettings({});

function turn(state: AssistantLeadState, event: TurnEvent, extra: Partial<TurnInput> = {}) {
  return planTurn({ state, event, voice, settings, score: 40, day: '2026-06-01', now: 1_000, ...extra });
}
const reply = (text: string, messageId = 'in-1'): TurnEvent => ({
  kind: 'reply',
  messageId,
  text,
  optOut: false,
});

describe('the assistant turn by turn', () => {
  it('AS1: introduces itself truthfully and asks one question', () => {
    const first = turn(newAssistantLeadState('lead-1', 'lead', null, 0), { kind: 'opener' });
    expect(first.send).toBe(
      "Hi Sam, I'm Jane's assistant at Lakeside Realty. Are you looking to buy, sell, or both?",
    );
    expect(first.state.awaiting).toBe('intent');
    const second = turn(first.state, reply('Buying, in about 3 months'));
    expect(second.learned).toEqual(['intent', 'timeline']);
    // Timeline was answered in passing: the next question is the price, not the timeline.
    expect(second.send).toBe('What price range feels comfortable for you?');
    const third = turn(second.state, reply('around 500k', 'in-2'));
    expect(third.state.qualification.price).toMatchObject({
      value: '$450,000 to $550,000',
      evidence: 'around 500k',
    });
    expect(third.send).toBe('Are you pre-approved for a mortgage, or paying cash?');
    const fourth = turn(third.state, reply('yes, with our credit union', 'in-3'));
    expect(fourth.state.qualification.financing).toMatchObject({ value: 'pre_approved', source: 'answer' });
  });

  it('AS2: never asks what the history already answered', () => {
    const history = readHistory(['We want to sell our condo in Oak Park, pre-approved for $600k'], 0);
    const state = { ...newAssistantLeadState('lead-1', 'lead', null, 0), qualification: history };
    const first = turn(state, { kind: 'opener' });
    expect(Object.keys(history).sort()).toEqual(['areas', 'financing', 'intent', 'price', 'propertyType']);
    expect(first.send).toMatch(/When are you hoping to move\?$/);
  });

  it('AS3: answers truthfully when asked whether it is a person, and goes on', () => {
    const first = turn(newAssistantLeadState('lead-1', 'lead', null, 0), { kind: 'opener' });
    const next = turn(first.state, reply('wait, are you a bot?'));
    expect(next.handOff).toBeNull();
    expect(next.send).toBe(
      "I'm an automated assistant, not a person; Jane reads this conversation and can step in any time. Are you looking to buy, sell, or both?",
    );
  });

  it('AS4: hands off for a person, a showing, a contract, an upset lead and a protected-class question', () => {
    const on = turn(newAssistantLeadState('lead-1', 'lead', null, 0), { kind: 'opener' }).state;
    const cases: [string, string][] = [
      ['Can I talk to a real person?', 'asks_for_person'],
      ['Could we see the house on Elm Saturday?', 'wants_showing'],
      ['What contingencies should we put in the contract?', 'professional_advice'],
      ['This is ridiculous, stop spamming me', 'upset'],
      ['Is it a good area for families like mine?', 'fair_housing'],
      ['What are the schools like for Hispanic kids?', 'fair_housing'],
    ];
    for (const [text, kind] of cases) {
      const result = turn(on, reply(text));
      expect(result.handOff?.kind, text).toBe(kind);
      expect(result.state.mode).toBe('handed_off');
      if (result.send !== null) expect(outgoingViolations(result.send)).toEqual([]);
    }
    expect(turn(on, reply('Is it a good area for families like mine?')).send).toBe(
      fairHousingAnswer('Jane', 'en'),
    );
  });

  it('AS5: STOP ends the conversation with nothing sent', () => {
    const on = turn(newAssistantLeadState('lead-1', 'lead', null, 0), { kind: 'opener' }).state;
    const stopped = turn(on, reply('STOP'));
    expect(stopped).toMatchObject({ send: null, handOff: null, state: { mode: 'stopped' } });
    expect(turn(stopped.state, { kind: 'silence' }).send).toBeNull();
  });

  it('AS6: asks again once after a silence, then hands off; never past the day limit', () => {
    const first = turn(newAssistantLeadState('lead-1', 'lead', null, 0), { kind: 'opener' });
    const nudge = turn(first.state, { kind: 'silence' });
    expect(nudge.send).toBe('Just checking in: Are you looking to buy, sell, or both?');
    expect(turn(nudge.state, { kind: 'silence' }).handOff?.kind).toBe('stalled');
    const full = { ...first.state, sentToday: settings.maxPerLeadPerDay, day: '2026-06-01' };
    expect(turn(full, reply('buying')).handOff?.kind).toBe('daily_limit');
    expect(turn(full, reply('buying'), { day: '2026-06-02' }).send).toBe('When are you hoping to move?');
  });

  it('AS7: a hot lead is handed off; Spanish is answered in Spanish', () => {
    const first = turn(newAssistantLeadState('lead-1', 'lead', null, 0), { kind: 'opener' });
    expect(turn(first.state, reply('buying'), { score: 85 }).handOff?.kind).toBe('hot');
    const es = turn(first.state, reply('Hola, quiero comprar una casa'));
    expect(es.send).toBe('¿Para cuándo le gustaría mudarse?');
  });

  it('AS8: every sentence it can say passes the guardrails; bad ones are caught', () => {
    for (const q of [...allQuestions(), fairHousingAnswer('Jane', 'en'), fairHousingAnswer('Jane', 'es')])
      expect(outgoingViolations(q), q).toEqual([]);
    expect(outgoingViolations('This area has lots of young families and a great church')[0]?.rule).toBe(
      'fair_housing',
    );
    expect(outgoingViolations('I guarantee it will appraise at 500k')[0]?.rule).toBe('promise');
    expect(handOffFor('Is the neighborhood mostly white?', 'Jane')?.kind).toBe('fair_housing');
    expect(handOffFor('We want a single-family home with a family room', 'Jane')).toBeNull();
  });

  it("AS9: the model's reading is taken only on the lead's words, never with a protected class or a promise", () => {
    const text = 'We could stretch to half a million for a condo';
    const reading = {
      seriousness: 0.7,
      budget: { max: 500_000 },
      propertyType: 'condo',
      evidence: ['half a million'],
    };
    expect(aiFieldsFromReading(reading, text, 5)).toEqual({
      fields: {
        price: { value: 'up to $500,000', evidence: 'half a million', source: 'ai', at: 5 },
        propertyType: { value: 'condo', evidence: 'half a million', source: 'ai', at: 5 },
      },
      dropped: [],
    });
    expect(aiFieldsFromReading({ ...reading, evidence: ['pre-approved for 2 million'] }, text, 5)).toEqual({
      fields: {},
      dropped: ['no_evidence'],
    });
    expect(aiFieldsFromReading({ seriousness: 0.2, evidence: [] }, 'hmm', 5)).toEqual({
      fields: {},
      dropped: [],
    });
    const hostile = aiFieldsFromReading({ ...reading, propertyType: 'home near a church' }, text, 5);
    expect(Object.keys(hostile.fields)).toEqual(['price']);
    expect(hostile.dropped).toEqual(['protected_class']);
    const promise = aiFieldsFromReading({ ...reading, propertyType: 'guaranteed 2.9% rate' }, text, 5);
    expect(promise.dropped).toEqual(['promise']);
  });
});
