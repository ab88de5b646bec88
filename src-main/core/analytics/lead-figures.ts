// Analytics over the leads that arrived in a range (pure functions over documents): speed to
// first touch, the stage funnel, and return by lead source. A lead's first touch is its first
// outbound message that reached it or was logged (sentAt), whoever wrote it; a call task or an
// agent notification is not a touch. Percentiles are nearest-rank on the sorted minutes.
import type { Lead, LeadStage, Message } from '../../../src-shared/domain';
import { leadStages } from '../../../src-shared/domain';
import type { FunnelRow, SourceRow, SpeedToLead } from '../../../src-shared/ipc/analytics';
import { SPEED_BUCKETS } from '../../../src-shared/ipc/analytics';
import { sentAt } from './compute';

/** The path a lead walks; lost and nurture leave it and are counted beside it. */
export const FUNNEL_STAGES: readonly LeadStage[] = [
  'new',
  'contacted',
  'qualified',
  'appointment',
  'under_contract',
  'closed',
];
const APPOINTMENT_OR_LATER = new Set<LeadStage>(['appointment', 'under_contract', 'closed']);

function isTouch(message: Message): boolean {
  if (message.direction !== 'outbound') return false;
  if (message.channel === 'call' || message.channel === 'notification') return message.status === 'logged';
  return true;
}

/** Nearest-rank percentile: the smallest value with at least p of the values at or below it. */
export function nearestRank(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? null;
}

export function speedToLead(leads: readonly Lead[], messages: readonly Message[]): SpeedToLead {
  const firstTouch = new Map<string, number>();
  for (const m of messages) {
    if (!isTouch(m)) continue;
    const at = sentAt(m);
    if (at === null) continue;
    const known = firstTouch.get(m.leadId);
    if (known === undefined || at < known) firstTouch.set(m.leadId, at);
  }
  const minutes: number[] = [];
  let untouched = 0;
  for (const lead of leads) {
    const at = firstTouch.get(lead.id);
    if (at === undefined || at < lead.createdAt) untouched++;
    else minutes.push((at - lead.createdAt) / 60_000);
  }
  minutes.sort((a, b) => a - b);
  const buckets = SPEED_BUCKETS.map((b) => ({
    label: b.label,
    count: minutes.filter((m) => m >= b.fromMinutes && m < b.toMinutes).length,
  }));
  const within5 = minutes.filter((m) => m <= 5).length;
  return {
    leads: leads.length,
    touched: minutes.length,
    untouched,
    p50: nearestRank(minutes, 0.5),
    p90: nearestRank(minutes, 0.9),
    withinFiveMinutes: within5,
    withinFiveMinutesShare: leads.length === 0 ? 0 : within5 / leads.length,
    buckets,
  };
}

/**
 * Leads that reached each stage of the path (their stage now is it or a later one). Every lead
 * arrived, so the first row counts them all; lost and nurture leads count there and beside the path.
 */
export function stageFunnel(leads: readonly Lead[]): FunnelRow[] {
  const rank = (stage: LeadStage) => Math.max(0, FUNNEL_STAGES.indexOf(stage));
  const rows: FunnelRow[] = FUNNEL_STAGES.map((stage) => ({
    stage,
    leads: leads.filter((l) => rank(l.stage) >= rank(stage)).length,
  }));
  for (const stage of leadStages.filter((s) => !FUNNEL_STAGES.includes(s)))
    rows.push({ stage, leads: leads.filter((l) => l.stage === stage).length, leftFunnel: true });
  return rows;
}

export function sourceReturns(leads: readonly Lead[], messages: readonly Message[]): SourceRow[] {
  const replied = new Set(messages.filter((m) => m.direction === 'inbound').map((m) => m.leadId));
  const rows = new Map<string, SourceRow>();
  for (const lead of leads) {
    const row = rows.get(lead.source) ?? {
      source: lead.source,
      leads: 0,
      replied: 0,
      appointments: 0,
      closed: 0,
      replyRate: 0,
      closeRate: 0,
    };
    rows.set(lead.source, row);
    row.leads++;
    if (replied.has(lead.id)) row.replied++;
    if (APPOINTMENT_OR_LATER.has(lead.stage)) row.appointments++;
    if (lead.stage === 'closed') row.closed++;
  }
  for (const row of rows.values()) {
    row.replyRate = row.replied / row.leads;
    row.closeRate = row.closed / row.leads;
  }
  return [...rows.values()].sort((a, b) => b.leads - a.leads || a.source.localeCompare(b.source));
}
