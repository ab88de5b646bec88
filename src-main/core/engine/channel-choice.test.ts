import { describe, expect, it } from 'vitest';
import type { Channel } from '../../../src-shared/domain';
import type { ChannelFacts } from './channel-choice';
import { chooseChannel } from './channel-choice';

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

describe('channel choice', () => {
  it('CH1: uses the step channel when it can', () => {
    expect(chooseChannel('sms', facts())).toMatchObject({ channel: 'sms', fellBack: false });
  });

  it('CH2: falls back: step, preferred, sms, email, call task', () => {
    expect(chooseChannel('whatsapp', facts({}, { ...baseLead, preferredChannel: 'email' }))).toMatchObject({
      channel: 'email',
      fellBack: true,
    });
    expect(chooseChannel('whatsapp', facts())).toMatchObject({ channel: 'sms' });
    expect(
      chooseChannel('sms', facts({}, { ...baseLead, consent: { ...consent, sms: 'revoked' } })),
    ).toMatchObject({ channel: 'email' });
    const onlyPhone = facts({}, { phone: '+15125550111', phoneProblem: 'landline', consent });
    expect(chooseChannel('email', onlyPhone)).toMatchObject({ channel: 'call' });
  });

  it('CH3: WhatsApp only inside the 24-hour window', () => {
    expect(chooseChannel('whatsapp', facts({ whatsappWindowOpen: true }))).toMatchObject({
      channel: 'whatsapp',
    });
    const choice = chooseChannel('whatsapp', facts());
    expect(choice.skipped[0]).toMatch(/24-hour window/);
  });

  it('CH4: an opt-out of all contact leaves no channel but the agent notification', () => {
    const stopped = facts({ suppressed: new Set(['all']) });
    expect(chooseChannel('sms', stopped).channel).toBeNull();
    expect(chooseChannel('notification', stopped).channel).toBe('notification');
  });

  it('CH5: a channel with no sender connected is skipped', () => {
    expect(chooseChannel('sms', facts({ connected: new Set<Channel>(['email', 'call']) }))).toMatchObject({
      channel: 'email',
    });
  });
});
