// What 'ai-status' reports: configured (connected, on, a key), reachable (the last call),
// today's spend against the cap, and who answered last.
import { isCapReached } from '../../../src-shared/ai';
import type { AiStatus } from '../../../src-shared/ipc/ai';
import type { CoreContext } from '../context';
import { loadAiSettings } from './settings';

export async function aiStatus(ctx: CoreContext): Promise<AiStatus> {
  const settings = await loadAiSettings(ctx.db);
  const spend = await ctx.ai.spendToday();
  const { state, port } = ctx.ai;
  const configured = port !== undefined && settings.enabled && (await port.configured());
  return {
    configured,
    reachable: state.reachable,
    spentToday: spend.cost,
    dailyCostCap: settings.dailyCostCap,
    capReached: isCapReached(spend.cost, settings.dailyCostCap),
    lastSource: state.lastSource,
    lastFallbackReason: state.lastFallbackReason,
  };
}
