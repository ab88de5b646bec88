import type { LeadIntent, LeadStage } from '../../../src-shared/domain';

export const stageLabels: Record<LeadStage, string> = {
  new: 'New',
  contacted: 'Contacted',
  qualified: 'Qualified',
  appointment: 'Appointment',
  under_contract: 'Under contract',
  closed: 'Closed',
  lost: 'Lost',
  nurture: 'Nurture',
};

export const intentLabels: Record<LeadIntent, string> = {
  buy: 'Buying',
  sell: 'Selling',
  both: 'Buying and selling',
  rent: 'Renting',
  unknown: 'Not known yet',
};

export { leadSourceLabels as sourceLabels } from '../../../src-shared/domain';

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400_000],
  ['month', 30 * 86_400_000],
  ['week', 7 * 86_400_000],
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/** "3 days ago", "in 2 hours"; "—" for never. */
export function formatRelative(at: number | undefined, now: number): string {
  if (at === undefined || at === 0) return '—';
  const diff = at - now;
  for (const [unit, size] of units) {
    if (Math.abs(diff) >= size) return relative.format(Math.round(diff / size), unit);
  }
  return 'just now';
}

/** How an agent is named in a list: "Dana Reyes (you)", or "You" when this agent has no name yet. */
export function agentLabel(agent: { name: string; isYou: boolean }): string {
  if (!agent.isYou) return agent.name;
  return agent.name === 'You' ? 'You' : `${agent.name} (you)`;
}
