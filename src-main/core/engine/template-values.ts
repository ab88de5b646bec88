// The values a template's placeholders are filled with, for one lead at one time, in the voice
// of the agent's profile. An empty profile field gives no value, so a placeholder that needs it
// refuses the message (missing_profile) instead of sending "your agent".
import type { Agent, Lead } from '../../../src-shared/domain';
import { leadDisplayName } from '../../../src-shared/domain';
import type { AgentProfile } from '../../../src-shared/ipc/profile';
import type { EngineSettings } from '../../../src-shared/playbooks/engine-settings';
import type { EmailFooter, TemplateValues } from '../../../src-shared/templates';
import { agentFullName, signatureOf } from '../../../src-shared/templates';
import { phoneForDisplay } from '../profile/profile-store';

const DAY_MS = 86_400_000;

/** Who a message speaks as: the profile, with the team's settings and the agent's record behind it. */
export interface Voice {
  profile: AgentProfile;
  agent: Agent | null;
  settings: EngineSettings;
  /** The workspace's country: the agent's phone is written nationally there. */
  country: string;
}

function priceRange(lead: Pick<Lead, 'priceMin' | 'priceMax'>): string | undefined {
  const fmt = (n: number) => `$${Math.round(n).toLocaleString('en-US')}`;
  if (lead.priceMin !== undefined && lead.priceMax !== undefined)
    return `${fmt(lead.priceMin)}–${fmt(lead.priceMax)}`;
  if (lead.priceMax !== undefined) return `up to ${fmt(lead.priceMax)}`;
  if (lead.priceMin !== undefined) return `from ${fmt(lead.priceMin)}`;
  return undefined;
}

const given = (value: string | undefined): string | undefined => (value === '' ? undefined : value);

/** What a template reads from a lead. */
export type TemplateLead = Pick<
  Lead,
  | 'firstName'
  | 'lastName'
  | 'createdAt'
  | 'lastContactAt'
  | 'propertyAddress'
  | 'address'
  | 'priceMin'
  | 'priceMax'
>;

export function templateValuesFor(lead: TemplateLead, voice: Voice, now: number): TemplateValues {
  const { profile, agent, settings } = voice;
  const lastTouch = Math.max(lead.lastContactAt, lead.createdAt);
  const name = given(agentFullName(profile));
  const phone = given(phoneForDisplay(profile.phone, voice.country));
  return {
    first_name: lead.firstName,
    last_name: lead.lastName,
    full_name: leadDisplayName(lead),
    'agent.first_name': given(profile.firstName),
    'agent.last_name': given(profile.lastName),
    'agent.name': name,
    'agent.phone': phone,
    'agent.email': given(profile.email),
    'agent.signature': given(signatureOf(profile, phone ?? '')),
    'agent.licence': given(profile.licence),
    brokerage: given(profile.brokerage),
    office_address: given(officeAddressOf(voice)),
    // The older names, kept for the templates a team wrote with them.
    agent_name: name ?? given(agent?.name),
    agent_phone: phone ?? given(agent?.phone),
    agent_email: given(profile.email) ?? given(agent?.email),
    team_name: given(profile.brokerage) ?? given(settings.sender.teamName),
    property_address: lead.propertyAddress ?? lead.address?.street,
    city: lead.address?.city,
    price_range: priceRange(lead),
    days_inactive: String(Math.max(0, Math.floor((now - lastTouch) / DAY_MS))),
    promised_date: undefined,
    meeting_date: undefined,
  };
}

/** The office address emails carry: the profile's, or the team's from Settings → Email. */
export function officeAddressOf(voice: Pick<Voice, 'profile' | 'settings'>): string {
  return voice.profile.officeAddress !== ''
    ? voice.profile.officeAddress
    : voice.settings.sender.physicalAddress;
}

/**
 * The CAN-SPAM footer's sender and address for an email in this voice: the brokerage (the
 * agent's name is already in the signature above it), or the agent when there is none.
 */
export function footerOf(voice: Voice, unsubscribeUrl: string): EmailFooter {
  const { profile, settings } = voice;
  const firm = profile.brokerage !== '' ? profile.brokerage : settings.sender.teamName;
  return {
    senderName: firm !== '' ? firm : agentFullName(profile) || (voice.agent?.name ?? ''),
    physicalAddress: officeAddressOf(voice),
    unsubscribeUrl,
  };
}
