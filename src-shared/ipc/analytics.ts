// The analytics feature's contract: figures computed from the messages store alone.
import { z } from 'zod';
import { epochMsSchema, idSchema } from '../domain';

const range = { from: epochMsSchema, to: epochMsSchema };

export const analyticsArgs = {
  'analytics-channel-performance': z.object(range),
  'analytics-response-times': z.object(range),
  /** Lead replies by weekday x hour, in the lead's zone (team zone when unknown). */
  'analytics-reply-heatmap': z.object(range),
  'analytics-step-effectiveness': z.object({ ...range, sequenceId: idSchema.optional() }),
};

export interface ChannelPerformanceRow {
  channel: string;
  authoredBy: string;
  sent: number;
  delivered: number;
  failed: number;
  opened: number;
  /** Sends followed by a reply from the lead within 72 hours. */
  replied: number;
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
}
