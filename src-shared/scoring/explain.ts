// Words for each factor of a score: what the lead did or did not do, so an agent can read why
// a lead is hot without knowing the model. Short: a factor's reason fits one line.
import { leadSourceLabels } from '../domain';
import type { FactorGroup, ScoringSettings } from './config';
import { sourceQualityOf } from './config';
import { askWords, contentAsks } from './content';
import type { LeadSignals } from './signals';

const DAY_MS = 86_400_000;

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function ago(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  if (minutes < 60) return minutes <= 1 ? 'just now' : `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 36) return plural(hours, 'hour', 'hours') + ' ago';
  return plural(Math.round(ms / DAY_MS), 'day', 'days') + ' ago';
}

export function duration(minutes: number): string {
  if (minutes < 1) return 'under a minute';
  if (minutes < 90) return `${Math.round(minutes)} min`;
  if (minutes < 36 * 60) return plural(Math.round(minutes / 60), 'hour', 'hours');
  return plural(Math.round(minutes / 1440), 'day', 'days');
}

function clip(text: string): string {
  return text.length <= 200 ? text : `${text.slice(0, 197)}...`;
}

function contentReason(s: LeadSignals): string {
  let said = '';
  for (const ask of contentAsks) {
    const phrase = s.content[ask];
    if (phrase !== null) said += `${said === '' ? '' : '; '}${askWords(ask)} ("${phrase}")`;
  }
  if (said !== '') return capitalise(said);
  return s.counts.inbound === 0 ? 'No message from the lead yet' : 'Their messages ask nothing specific yet';
}

function engagementReason(s: LeadSignals): string {
  const c = s.counts;
  const parts: string[] = [];
  if (c.replies > 0) parts.push(`replied ${plural(c.replies, 'time', 'times')}`);
  if (c.opens > 0) parts.push(`opened ${plural(c.opens, 'message', 'messages')}`);
  if (c.clicks > 0) parts.push(`clicked ${plural(c.clicks, 'link', 'links')}`);
  if (c.propertyViews > 0) parts.push(`viewed ${plural(c.propertyViews, 'listing', 'listings')}`);
  if (c.inquiries > 1) parts.push(`inquired ${c.inquiries} times`);
  return parts.length === 0 ? 'No replies, opens or clicks yet' : capitalise(parts.join(', '));
}

function timingReason(s: LeadSignals, now: number): string {
  const parts = [
    s.replyMinutes === null
      ? s.counts.outbound > 0
        ? 'has not replied to us yet'
        : 'not contacted yet'
      : `replies in about ${duration(s.replyMinutes)}`,
    `inquired ${ago(now - s.lastInquiryAt)}`,
  ];
  if (s.lastActivityAt > s.lastInquiryAt) parts.push(`last active ${ago(now - s.lastActivityAt)}`);
  return capitalise(parts.join('; '));
}

function fitReason(s: LeadSignals): string {
  const parts = [`profile ${Math.round(s.profile * 100)}% complete`];
  if (s.priceFit === null)
    parts.push(s.hasBudget ? 'no team market to compare the budget with' : 'budget unknown');
  else if (s.priceFit >= 0.75) parts.push("budget fits the team's market");
  else if (s.priceFit >= 0.25) parts.push("budget partly in the team's market");
  else parts.push("budget outside the team's market");
  if (s.areaFit === 1) parts.push("in the team's areas");
  else if (s.areaFit === 0) parts.push("outside the team's areas");
  return capitalise(parts.join('; '));
}

export function factorReason(
  group: FactorGroup,
  signals: LeadSignals,
  now: number,
  settings: ScoringSettings,
): string {
  switch (group) {
    case 'content':
      return clip(contentReason(signals));
    case 'engagement':
      return engagementReason(signals);
    case 'source':
      return `${leadSourceLabels[signals.source]} lead (source quality ${Math.round(sourceQualityOf(settings, signals.source) * 100)}%)`;
    case 'timing':
      return timingReason(signals, now);
    case 'fit':
      return fitReason(signals);
    case 'ai':
      return signals.ai === null
        ? 'No AI reading'
        : `AI reading of their messages: ${Math.round(signals.ai * 100)}% serious`;
  }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
