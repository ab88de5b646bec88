import { describe, expect, it } from 'vitest';
import type { Channel } from '../../../src-shared/domain';
import type { ChannelFacts } from './channel-choice';
import { planChannel } from './channel-choice';

const all = new Set<Channel>(['sms', 'whatsapp', 'email', 'call', 'notification']);
type LeadFacts = ChannelFacts['lead'];
const consent: LeadFacts['consent'] = { sms: 'unknown', whatsapp: 'unknown', email: 'unknown' };
const baseLead: LeadFacts = { phone: '+15125550111', email: 'a@example.com', consent };
const facts = (over: Omit<Partial<ChannelFacts>, 'lead'> = {}, lead: LeadFacts = baseLead): ChannelFacts => ({
  suppressed: new Set(),
  whatsappWindowOpen: false,
  requireExplicitSmsConsent: false,
  connected: all,
  ...over,
  lead,
});
const onlyEmail = new Set<Channel>(['email', 'call', 'notification']);

describe('channel plan', () => {
  it('CH1: a step goes out on its own channel', () => {
    expect(planChannel({ channel: 'sms' }, facts())).toMatchObject({
      kind: 'send',
      channel: 'sms',
      fellBack: false,
    });
  });

  it('CH2: a text whose channel is not connected waits for it, never becomes an email', () => {
    const plan = planChannel({ channel: 'sms' }, facts({ connected: onlyEmail }));
    expect(plan).toMatchObject({ kind: 'wait', channel: 'sms' });
    expect(plan.kind === 'wait' && plan.reason).toMatch(/Waiting for Twilio/);
    // The reason names the Settings tab that exists, so the agent can act on it.
    expect(plan.kind === 'wait' && plan.reason).toContain('Settings → Text messages');
    // Even with a fallback: not connected is a wait, the fallback is for a lead we cannot reach.
    expect(
      planChannel({ channel: 'sms', fallback: ['email'] }, facts({ connected: onlyEmail })),
    ).toMatchObject({
      kind: 'wait',
      channel: 'sms',
    });
  });

  it('CH3: a lead who cannot be reached on the channel: skipped with the reason, or the step’s fallback', () => {
    const noPhone = facts({}, { email: 'a@example.com', consent });
    const skipped = planChannel({ channel: 'sms' }, noPhone);
    expect(skipped).toMatchObject({ kind: 'skip' });
    expect(skipped.kind === 'skip' && skipped.reason).toMatch(/no phone number/);
    expect(planChannel({ channel: 'sms', fallback: ['email'] }, noPhone)).toMatchObject({
      kind: 'send',
      channel: 'email',
      fellBack: true,
    });
    const revoked = facts({}, { ...baseLead, consent: { ...consent, sms: 'revoked' } });
    expect(planChannel({ channel: 'sms' }, revoked)).toMatchObject({ kind: 'skip' });
    const landline = facts({}, { phone: '+15125550111', phoneProblem: 'landline', consent });
    expect(planChannel({ channel: 'sms' }, landline)).toMatchObject({ kind: 'skip' });
  });

  it('CH4: a fallback channel that is not connected is waited for', () => {
    const noPhone = facts(
      { connected: new Set<Channel>(['sms', 'call']) },
      { email: 'a@example.com', consent },
    );
    expect(planChannel({ channel: 'sms', fallback: ['email'] }, noPhone)).toMatchObject({
      kind: 'wait',
      channel: 'email',
    });
  });

  it('CH5: WhatsApp only inside the 24-hour window', () => {
    expect(planChannel({ channel: 'whatsapp' }, facts({ whatsappWindowOpen: true }))).toMatchObject({
      kind: 'send',
      channel: 'whatsapp',
    });
    const plan = planChannel({ channel: 'whatsapp' }, facts());
    expect(plan.kind === 'skip' && plan.reason).toMatch(/24-hour window/);
  });

  it('CH6: an opt-out of all contact leaves nothing but the agent notification', () => {
    const stopped = facts({ suppressed: new Set(['all']) });
    expect(planChannel({ channel: 'sms', fallback: ['email'] }, stopped).kind).toBe('skip');
    expect(planChannel({ channel: 'notification' }, stopped)).toMatchObject({ kind: 'send' });
  });

  it('CH7: a call step needs a number, not a connection', () => {
    expect(planChannel({ channel: 'call' }, facts({ connected: new Set<Channel>(['call']) }))).toMatchObject({
      kind: 'send',
      channel: 'call',
    });
    expect(planChannel({ channel: 'call' }, facts({}, { email: 'a@example.com', consent })).kind).toBe(
      'skip',
    );
  });
});
