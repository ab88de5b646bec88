// The AI spend of this agent's app per team day (settings document "ai-usage-<agent>"), from
// the token usage each answer reported priced with the team's settings. Writes are serialised
// by the core's AiService, so concurrent answers never lose a count. The cap is checked before a call, so
// one call may take the day a little past it; after that the rules answer until midnight.
import type { AiSettings, TokenUsage } from '../../../src-shared/ai';
import { costOf, dayKey } from '../../../src-shared/ai';
import type { CoreContext } from '../context';
import { readEngineSettings } from '../engine/settings';

export interface DaySpend {
  day: string;
  cost: number;
  promptTokens: number;
  completionTokens: number;
  calls: number;
}

type LedgerDeps = Pick<CoreContext, 'db' | 'clock' | 'workspace' | 'engineSettings'>;

function usageId(ctx: LedgerDeps): string {
  return `ai-usage-${ctx.workspace.agentId}`.slice(0, 64);
}

async function today(ctx: LedgerDeps): Promise<string> {
  const engine = await readEngineSettings(ctx);
  return dayKey(ctx.clock.now(), engine.teamTimeZone);
}

function readSpend(value: unknown, day: string): DaySpend {
  const empty: DaySpend = { day, cost: 0, promptTokens: 0, completionTokens: 0, calls: 0 };
  if (typeof value !== 'object' || value === null) return empty;
  const v = value as Partial<DaySpend>;
  if (v.day !== day) return empty;
  const n = (x: unknown): number => (typeof x === 'number' && Number.isFinite(x) && x >= 0 ? x : 0);
  return {
    day,
    cost: n(v.cost),
    promptTokens: n(v.promptTokens),
    completionTokens: n(v.completionTokens),
    calls: n(v.calls),
  };
}

export async function spendToday(ctx: LedgerDeps): Promise<DaySpend> {
  const day = await today(ctx);
  const doc = await ctx.db.settings.findOne(usageId(ctx)).exec();
  return readSpend(doc?.toJSON().value, day);
}

/** Adds one answer's usage to the day's spend; callers serialise (AiService.recordSpend). */
export async function addSpend(ctx: LedgerDeps, usage: TokenUsage, prices: AiSettings): Promise<DaySpend> {
  const current = await spendToday(ctx);
  const next: DaySpend = {
    ...current,
    cost: current.cost + costOf(usage, prices),
    promptTokens: current.promptTokens + usage.promptTokens,
    completionTokens: current.completionTokens + usage.completionTokens,
    calls: current.calls + 1,
  };
  await ctx.db.settings.upsert({
    id: usageId(ctx),
    teamId: ctx.workspace.teamId,
    ownerId: ctx.workspace.agentId,
    updatedAt: ctx.clock.now(),
    value: next,
  });
  return next;
}
