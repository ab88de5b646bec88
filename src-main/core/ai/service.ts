// Every AI job goes through here: AI when it is connected, turned on and under the day's cost
// cap; otherwise, or when the AI fails or answers badly, the rules do the job and the result
// says so (`source` and `fallbackReason`). Usage is priced into the day's spend. What this core
// last saw (the source, whether the provider was reachable) is kept by its AiService for 'ai-status'.
import type { AiSettings, TokenUsage } from '../../../src-shared/ai';
import { isCapReached } from '../../../src-shared/ai';
import type { CoreContext } from '../context';
import type { AiAnswer, AiPort, AnswerSource } from '../ports/ai';
import { AiError } from '../ports/ai';
import type { DaySpend } from './ledger';
import { addSpend, spendToday } from './ledger';
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

/** What the AI jobs need of the core: its settings, time, and whose spend it is. */
export type AiServiceDeps = Pick<CoreContext, 'db' | 'clock' | 'workspace' | 'engineSettings'>;

/**
 * The AI of one running core: the connected port (or none), what it last saw, and the day's
 * spend, whose writes it serialises so concurrent answers never lose a count.
 */
export class AiService {
  readonly state: AiState = { lastSource: null, lastFallbackReason: null, reachable: null };
  private spendChain: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly deps: AiServiceDeps,
    readonly port: AiPort | undefined,
  ) {}

  spendToday(): Promise<DaySpend> {
    return spendToday(this.deps);
  }

  /** Adds an answer's usage to the day's spend, after every earlier addition. */
  recordSpend(usage: TokenUsage, prices: AiSettings): Promise<DaySpend> {
    const run = (): Promise<DaySpend> => addSpend(this.deps, usage, prices);
    const result = this.spendChain.then(run, run);
    this.spendChain = result.catch(() => undefined);
    return result;
  }

  /** Why the AI cannot be asked now, or null when it can. */
  private async unavailableReason(settings: AiSettings): Promise<string | null> {
    if (this.port === undefined) return 'No AI is connected in this app.';
    if (!settings.enabled) return `AI is turned off in ${settingsPlace('ai')}.`;
    const spend = await this.spendToday();
    if (isCapReached(spend.cost, settings.dailyCostCap))
      return `The daily AI cost cap (${settings.dailyCostCap}) is reached; rules answer until midnight.`;
    return null;
  }

  /** Asks the AI (no fallback): rejects with an AiError saying why it could not answer. */
  async ask<T>(ask: (ai: AiPort, settings: AiSettings) => Promise<AiAnswer<T>>): Promise<AiAnswer<T>> {
    const settings = await loadAiSettings(this.deps.db);
    const reason = await this.unavailableReason(settings);
    const ai = this.port;
    if (reason !== null || ai === undefined)
      throw new AiError('not_configured', reason ?? 'No AI is connected.');
    try {
      const answer = await ask(ai, settings);
      this.state.reachable = true;
      await this.recordSpend(answer.usage, settings);
      return answer;
    } catch (error) {
      // A provider that answered (even with an error) is reachable; one that never answered is not.
      if (error instanceof AiError && error.code !== 'not_configured')
        this.state.reachable = error.code !== 'timeout' && error.code !== 'unreachable';
      throw error;
    }
  }

  /** AI when it can answer, else the rules; never rejects because of the AI. */
  async answer<T>(
    ask: (ai: AiPort, settings: AiSettings) => Promise<AiAnswer<T>>,
    rules: () => T | Promise<T>,
  ): Promise<Answered<T>> {
    try {
      const answer = await this.ask(ask);
      this.state.lastSource = 'ai';
      this.state.lastFallbackReason = null;
      return { value: answer.value, source: 'ai', model: answer.model };
    } catch (error) {
      const fallbackReason = reasonOf(error);
      this.state.lastSource = 'rules';
      this.state.lastFallbackReason = fallbackReason;
      return { value: await rules(), source: 'rules', fallbackReason };
    }
  }
}

function reasonOf(error: unknown): string {
  if (error instanceof AiError) return error.message;
  return 'The AI call failed unexpectedly.';
}

/** Asks the core's AI (no fallback); see AiService.ask. */
export function askAi<T>(
  ctx: Pick<CoreContext, 'ai'>,
  ask: (ai: AiPort, settings: AiSettings) => Promise<AiAnswer<T>>,
): Promise<AiAnswer<T>> {
  return ctx.ai.ask(ask);
}

/** The core's AI when it can answer, else the rules; see AiService.answer. */
export function withAi<T>(
  ctx: Pick<CoreContext, 'ai'>,
  ask: (ai: AiPort, settings: AiSettings) => Promise<AiAnswer<T>>,
  rules: () => T | Promise<T>,
): Promise<Answered<T>> {
  return ctx.ai.answer(ask, rules);
}
