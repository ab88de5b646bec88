// What an AI call cost, from the token usage the provider reported and the team's prices per
// 1,000 tokens, and the day it counts against (the team's calendar day, so the cap resets at
// the team's midnight). Pure: usage, prices and `now` in.
import type { AiSettings } from './settings';

export interface TokenUsage {
  promptTokens: number;
  completionTokens: number;
}

export function costOf(
  usage: TokenUsage,
  prices: Pick<AiSettings, 'pricePer1kInputTokens' | 'pricePer1kOutputTokens'>,
): number {
  return (
    (usage.promptTokens / 1000) * prices.pricePer1kInputTokens +
    (usage.completionTokens / 1000) * prices.pricePer1kOutputTokens
  );
}

/** "YYYY-MM-DD" of `now` in `timeZone` (UTC when the zone is unknown). */
export function dayKey(now: number, timeZone: string): string {
  const format = (zone: string): string =>
    new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).format(now);
  try {
    return format(timeZone);
  } catch {
    return format('UTC');
  }
}

export function isCapReached(spent: number, cap: number): boolean {
  return spent >= cap;
}
