// The values a template's placeholders are filled with, for one lead at one time.
import type { Agent, Lead } from '../../../src-shared/domain';
import { leadDisplayName } from '../../../src-shared/domain';
import type { EngineSettings } from '../../../src-shared/playbooks/engine-settings';
import type { TemplateValues } from '../../../src-shared/templates';

const DAY_MS = 86_400_000;

function priceRange(lead: Pick<Lead, 'priceMin' | 'priceMax'>): string | undefined {
  const fmt = (n: number) => `$${Math.round(n).toLocaleString('en-US')}`;
  if (lead.priceMin !== undefined && lead.priceMax !== undefined)
    return `${fmt(lead.priceMin)}–${fmt(lead.priceMax)}`;
  if (lead.priceMax !== undefined) return `up to ${fmt(lead.priceMax)}`;
  if (lead.priceMin !== undefined) return `from ${fmt(lead.priceMin)}`;
  return undefined;
}

export function templateValuesFor(
  lead: Lead,
  agent: Agent | null,
  settings: EngineSettings,
  now: number,
): TemplateValues {
  const lastTouch = Math.max(lead.lastContactAt, lead.createdAt);
  return {
    first_name: lead.firstName,
    last_name: lead.lastName,
    full_name: leadDisplayName(lead),
    agent_name: agent?.name ?? settings.sender.agentName,
    agent_phone: agent?.phone ?? settings.sender.agentPhone,
    agent_email: agent?.email ?? settings.sender.agentEmail,
    team_name: settings.sender.teamName,
    property_address: lead.propertyAddress ?? lead.address?.street,
    city: lead.address?.city,
    price_range: priceRange(lead),
    days_inactive: String(Math.max(0, Math.floor((now - lastTouch) / DAY_MS))),
    promised_date: undefined,
    meeting_date: undefined,
  };
}
