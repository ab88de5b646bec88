// Every AI job goes through here: AI when it is connected, turned on and under the day's cost
// cap; otherwise, or when the AI fails or answers badly, the rules do the job and the result
// says so (`source` and `fallbackReason`). Usage is priced into the day's spend. What this core
// last saw (the source, whether the provider was reachable) is kept per context for 'ai-status'.
import type { AiSettings } from '../../../src-shared/ai';
import { isCapReached } from '../../../src-shared/ai';
import type { CoreContext } from '../context';
import type { AiAnswer, AiPort, AnswerSource } from '../ports/ai';
import { AiError } from '../ports/ai';
import { recordSpend, spendToday } from './ledger';
import { loadAiSettings } from './settings';
import { settingsPlace } from '../../../src-shared/settings-sections';

export interface Answered<T> {
  value: T;
  source: AnswerSource;
  model?: string;
  /** Why rules answered, in words for the agent. */
  fallbackReason?: string;
}

export interface AiState {
  lastSource: AnswerSource | null;
  lastFallbackReason: string | null;
  /** null until a call was made or the test ran. */
  reachable: boolean | null;
}

const states = new WeakMap<CoreContext, AiState>();

export function aiState(ctx: CoreContext): AiState {
  let state = states.get(ctx);
  if (state === undefined) {
    state = { lastSource: null, lastFallbackReason: null, reachable: null };
    states.set(ctx, state);
  }
  return state;
}

/** Why the AI cannot be asked now, or null when it can. */
async function unavailableReason(ctx: CoreContext, settings: AiSettings): Promise<string | null> {
  if (ctx.ai === undefined) return 'No AI is connected in this app.';
  if (!settings.enabled) return `AI is turned off in ${settingsPlace('ai')}.`;
  const spend = await spendToday(ctx);
  if (isCapReached(spend.cost, settings.dailyCostCap))
    return `The daily AI cost cap (${settings.dailyCostCap}) is reached; rules answer until midnight.`;
  return null;
}

function reasonOf(error: unknown): string {
  if (error instanceof AiError) return error.message;
  return 'The AI call failed unexpectedly.';
}

/** Asks the AI (no fallback): rejects with an AiError saying why it could not answer. */
export async function askAi<T>(
  ctx: CoreContext,
  ask: (ai: AiPort, settings: AiSettings) => Promise<AiAnswer<T>>,
): Promise<AiAnswer<T>> {
  const settings = await loadAiSettings(ctx.db);
  const reason = await unavailableReason(ctx, settings);
  const ai = ctx.ai;
  if (reason !== null || ai === undefined)
    throw new AiError('not_configured', reason ?? 'No AI is connected.');
  const state = aiState(ctx);
  try {
    const answer = await ask(ai, settings);
    state.reachable = true;
    await recordSpend(ctx, answer.usage, settings);
    return answer;
  } catch (error) {
    // A provider that answered (even with an error) is reachable; one that never answered is not.
    if (error instanceof AiError && error.code !== 'not_configured')
      state.reachable = error.code !== 'timeout' && error.code !== 'unreachable';
    throw error;
  }
}

/** AI when it can answer, else the rules; never rejects because of the AI. */
export async function withAi<T>(
  ctx: CoreContext,
  ask: (ai: AiPort, settings: AiSettings) => Promise<AiAnswer<T>>,
  rules: () => T | Promise<T>,
): Promise<Answered<T>> {
  const state = aiState(ctx);
  try {
    const answer = await askAi(ctx, ask);
    state.lastSource = 'ai';
    state.lastFallbackReason = null;
    return { value: answer.value, source: 'ai', model: answer.model };
  } catch (error) {
    const fallbackReason = reasonOf(error);
    state.lastSource = 'rules';
    state.lastFallbackReason = fallbackReason;
    return { value: await rules(), source: 'rules', fallbackReason };
  }
}
