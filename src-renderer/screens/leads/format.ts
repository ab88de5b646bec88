import type { LeadStage } from '../../../src-shared/domain';

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
