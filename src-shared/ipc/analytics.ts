// The analytics feature's contract: figures computed from the messages store alone.
import { z } from 'zod';
import type { LeadStage } from '../domain';
import { epochMsSchema, idSchema } from '../domain';

const range = { from: epochMsSchema, to: epochMsSchema };

export const analyticsArgs = {
  'analytics-channel-performance': z.object(range),
  'analytics-response-times': z.object(range),
  /** Lead replies by weekday x hour, in the lead's zone (team zone when unknown). */
  'analytics-reply-heatmap': z.object(range),
  'analytics-step-effectiveness': z.object({ ...range, sequenceId: idSchema.optional() }),
  /** Leads that arrived in the range: minutes to their first touch, against the 5-minute mark. */
  'analytics-speed-to-lead': z.object(range),
  /** Leads that arrived in the range, by the furthest stage of the path they reached. */
  'analytics-funnel': z.object(range),
  /** Leads that arrived in the range by source: replies, appointments, closed. */
  'analytics-sources': z.object(range),
};

/** The speed-to-lead distribution's bars: [fromMinutes, toMinutes). */
export const SPEED_BUCKETS = [
  { label: 'under 1 min', fromMinutes: 0, toMinutes: 1 },
  { label: '1–5 min', fromMinutes: 1, toMinutes: 5 },
  { label: '5–15 min', fromMinutes: 5, toMinutes: 15 },
  { label: '15–60 min', fromMinutes: 15, toMinutes: 60 },
  { label: '1–24 h', fromMinutes: 60, toMinutes: 1440 },
  { label: 'over 24 h', fromMinutes: 1440, toMinutes: Number.POSITIVE_INFINITY },
] as const;

export interface SpeedToLead {
  leads: number;
  touched: number;
  /** Leads with no touch yet. */
  untouched: number;
  /** Minutes, nearest rank over the touched leads. */
  p50: number | null;
  p90: number | null;
  /** Leads first touched within 5 minutes, and their share of all the range's leads. */
  withinFiveMinutes: number;
  withinFiveMinutesShare: number;
  buckets: { label: string; count: number }[];
}

export interface FunnelRow {
  stage: LeadStage;
  leads: number;
  /** Lost and nurture: beside the path, counted by the stage they are in now. */
  leftFunnel?: true;
}

export interface SourceRow {
  source: string;
  leads: number;
  /** Leads that replied at least once. */
  replied: number;
  /** Leads at appointment or later (under contract, closed). */
  appointments: number;
  closed: number;
  replyRate: number;
  closeRate: number;
}

export interface ChannelPerformanceRow {
  channel: string;
  authoredBy: string;
  sent: number;
  delivered: number;
  failed: number;
  opened: number;
  clicked: number;
  /** Sends followed by a reply from the lead within 72 hours. */
  replied: number;
  /** replied / sent (0 when nothing was sent). */
  replyRate: number;
}

export interface ResponseTimes {
  /** Lead's first reply after an outbound touch, minutes. */
  leadReplyMinutes: { p50: number | null; p90: number | null; count: number };
  /** Agent's first touch after a lead's reply or arrival, minutes. */
  agentResponseMinutes: { p50: number | null; p90: number | null; count: number };
}

export interface StepEffectivenessRow {
  sequenceId: string;
  sequenceVersion: number;
  stepIndex: number;
  channel: string;
  sent: number;
  replied: number;
  replyRate: number;
}

export interface AnalyticsResults {
  'analytics-channel-performance': ChannelPerformanceRow[];
  'analytics-response-times': ResponseTimes;
  /** [weekday 1..7 (Monday first)][hour 0..23] counts. */
  'analytics-reply-heatmap': { cells: number[][]; total: number };
  'analytics-step-effectiveness': StepEffectivenessRow[];
  'analytics-speed-to-lead': SpeedToLead;
  'analytics-funnel': FunnelRow[];
  'analytics-sources': SourceRow[];
}
