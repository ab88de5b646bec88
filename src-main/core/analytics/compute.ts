// Analytics computed from messages alone (pure functions over documents). A send's time is
// the `sent` (or `delivered`/`logged`) entry of its statusHistory; a reply is attributed to
// the last outbound touch before it, within REPLY_WINDOW.
import { DateTime } from 'luxon';
import type { Message } from '../../../src-shared/domain';
import type {
  ChannelPerformanceRow,
  ResponseTimes,
  StepEffectivenessRow,
} from '../../../src-shared/ipc/analytics';

export const REPLY_WINDOW_MS = 72 * 3_600_000;
const SENT_STATES = new Set(['sent', 'delivered', 'undelivered', 'logged']);

export function sentAt(message: Message): number | null {
  const entry = message.statusHistory.find((c) => SENT_STATES.has(c.status));
  return entry?.at ?? null;
}

/** A touch the lead could see: call tasks and agent notifications are not, a logged call is. */
function isContact(message: Message): boolean {
  return (message.channel !== 'call' && message.channel !== 'notification') || message.status === 'logged';
}

interface Touch {
  message: Message;
  at: number;
}

function byLead(messages: readonly Message[]): Map<string, { out: Touch[]; replies: number[] }> {
  const leads = new Map<string, { out: Touch[]; replies: number[] }>();
  for (const message of messages) {
    const entry = leads.get(message.leadId) ?? { out: [], replies: [] };
    leads.set(message.leadId, entry);
    if (message.direction === 'inbound') entry.replies.push(message.createdAt);
    else if (isContact(message)) {
      const at = sentAt(message);
      if (at !== null) entry.out.push({ message, at });
    }
  }
  for (const entry of leads.values()) {
    entry.out.sort((a, b) => a.at - b.at);
    entry.replies.sort((a, b) => a - b);
  }
  return leads;
}

/** The outbound touches that got a reply: the last touch before each reply, within the window. */
function repliedTouches(messages: readonly Message[]): Set<string> {
  const replied = new Set<string>();
  for (const { out, replies } of byLead(messages).values()) {
    for (const reply of replies) {
      const last = out.filter((t) => t.at <= reply).at(-1);
      if (last !== undefined && reply - last.at <= REPLY_WINDOW_MS) replied.add(last.message.id);
    }
  }
  return replied;
}

export function channelPerformance(messages: readonly Message[]): ChannelPerformanceRow[] {
  const replied = repliedTouches(messages);
  const rows = new Map<string, ChannelPerformanceRow>();
  for (const m of messages) {
    if (
      m.direction !== 'outbound' ||
      !['sent', 'delivered', 'undelivered', 'failed', 'logged'].includes(m.status)
    )
      continue;
    const key = `${m.channel}|${m.authoredBy}`;
    const row = rows.get(key) ?? {
      channel: m.channel,
      authoredBy: m.authoredBy,
      sent: 0,
      delivered: 0,
      failed: 0,
      opened: 0,
      clicked: 0,
      replied: 0,
      replyRate: 0,
    };
    rows.set(key, row);
    if (m.status === 'failed') row.failed++;
    else row.sent++;
    if (m.status === 'delivered') row.delivered++;
    if (m.openedAt !== undefined) row.opened++;
    if (m.clickedAt !== undefined) row.clicked++;
    if (replied.has(m.id)) row.replied++;
  }
  for (const row of rows.values()) row.replyRate = row.sent === 0 ? 0 : row.replied / row.sent;
  return [...rows.values()].sort(
    (a, b) => a.channel.localeCompare(b.channel) || a.authoredBy.localeCompare(b.authoredBy),
  );
}

function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? null;
}

function summary(minutes: number[]): ResponseTimes['leadReplyMinutes'] {
  minutes.sort((a, b) => a - b);
  return { p50: percentile(minutes, 0.5), p90: percentile(minutes, 0.9), count: minutes.length };
}

export function responseTimes(messages: readonly Message[]): ResponseTimes {
  const lead: number[] = [];
  const agent: number[] = [];
  for (const { out, replies } of byLead(messages).values()) {
    for (const touch of out) {
      const next = out.find((t) => t.at > touch.at)?.at ?? Number.POSITIVE_INFINITY;
      const reply = replies.find((r) => r >= touch.at && r < next);
      if (reply !== undefined) lead.push((reply - touch.at) / 60_000);
    }
    for (const reply of replies) {
      const answer = out.find((t) => t.at >= reply && t.message.authoredBy === 'human');
      if (answer !== undefined) agent.push((answer.at - reply) / 60_000);
    }
  }
  return { leadReplyMinutes: summary(lead), agentResponseMinutes: summary(agent) };
}

export function replyHeatmap(
  messages: readonly Message[],
  zoneOf: (leadId: string) => string,
): { cells: number[][]; total: number } {
  const cells = Array.from({ length: 7 }, () => Array.from({ length: 24 }, () => 0));
  let total = 0;
  for (const m of messages) {
    if (m.direction !== 'inbound') continue;
    const local = DateTime.fromMillis(m.createdAt, { zone: zoneOf(m.leadId) });
    const row = cells[local.weekday - 1];
    if (row === undefined) continue;
    row[local.hour] = (row[local.hour] ?? 0) + 1;
    total++;
  }
  return { cells, total };
}

export function stepEffectiveness(messages: readonly Message[]): StepEffectivenessRow[] {
  const replied = repliedTouches(messages);
  const rows = new Map<string, StepEffectivenessRow>();
  for (const m of messages) {
    if (
      m.direction !== 'outbound' ||
      m.sequenceId === undefined ||
      m.stepIndex === undefined ||
      sentAt(m) === null
    )
      continue;
    const key = `${m.sequenceId}|${m.sequenceVersion ?? 1}|${m.stepIndex}`;
    const row = rows.get(key) ?? {
      sequenceId: m.sequenceId,
      sequenceVersion: m.sequenceVersion ?? 1,
      stepIndex: m.stepIndex,
      channel: m.channel,
      sent: 0,
      replied: 0,
      replyRate: 0,
    };
    rows.set(key, row);
    row.sent++;
    if (replied.has(m.id)) row.replied++;
  }
  for (const row of rows.values()) row.replyRate = row.sent === 0 ? 0 : row.replied / row.sent;
  return [...rows.values()].sort(
    (a, b) =>
      a.sequenceId.localeCompare(b.sequenceId) ||
      a.sequenceVersion - b.sequenceVersion ||
      a.stepIndex - b.stepIndex,
  );
}
