// The scoring job a shell starts once: rescoring on every relevant change, debounced through
// the Clock (so tests drive it), and a nightly retrain + full rescore (recency decays even when
// nothing happens). Relevant changes, all read from the store's change streams so replicated
// writes count: any lead written, except by this job (a write of only the score fields with a
// new scoredAt), any message written, and the scoring settings or model documents (a full
// rescore).
import schedule from 'node-schedule';
import type { RxChangeEvent } from 'rxdb';
import { deepEqual } from 'rxdb';
import type { Subscription } from 'rxjs';
import type { Lead } from '../../../src-shared/domain';
import type { CoreContext } from '../context';
import { rescoreLeads } from './rescore';
import { SCORING_SETTING_ID } from './settings';
import { trainScoringModel } from './train';

export { rescoreLeads } from './rescore';
export { trainScoringModel } from './train';

export interface ScoringJobOptions {
  /** Coalescing window for changes, ms. */
  debounceMs?: number;
  /** node-schedule rule for the nightly retrain; null turns it off (tests call runNightly). */
  nightly?: string | null;
}

export interface ScoringJob {
  stop(): void;
  /** Resolves when no rescore is pending or running (for tests and orderly shutdown). */
  idle(): Promise<void>;
}

export const DEFAULT_DEBOUNCE_MS = 500;
/** 03:15 local time every night. */
export const NIGHTLY_RULE = '15 3 * * *';

/** Retrains when there are enough outcomes, then rescores every lead. */
export async function runNightly(ctx: CoreContext): Promise<void> {
  await trainScoringModel(ctx);
  await rescoreLeads(ctx, 'all');
}

/** What a rescore writes; a change to these alone, with a new scoredAt, is this job's own. */
const SCORED_FIELDS: ReadonlySet<string> = new Set([
  'score',
  'temperature',
  'scoreConfidence',
  'scoreFactors',
  'intent',
  'scoredAt',
  'updatedAt',
  '_meta',
  '_rev',
]);

function isScoringWrite(event: RxChangeEvent<Lead>): boolean {
  if (event.operation !== 'UPDATE') return false;
  const before: Record<string, unknown> = event.previousDocumentData;
  const after: Record<string, unknown> = event.documentData;
  if (before.scoredAt === after.scoredAt) return false;
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].every((key) => SCORED_FIELDS.has(key) || deepEqual(before[key], after[key]));
}

export function startScoring(ctx: CoreContext, options: ScoringJobOptions = {}): ScoringJob {
  const debounceMs = options.debounceMs ?? DEFAULT_DEBOUNCE_MS;
  const pending = new Set<string>();
  const analyse = new Set<string>();
  let pendingAll = false;
  let timer: { cancel(): void } | null = null;
  let running: Promise<void> = Promise.resolve();
  let busy = false;
  let stopped = false;

  async function flush(): Promise<void> {
    timer = null;
    busy = true;
    try {
      while (pendingAll || pending.size > 0) {
        const all = pendingAll;
        const ids = [...pending];
        const ask = new Set(analyse);
        pendingAll = false;
        pending.clear();
        analyse.clear();
        if (all) await rescoreLeads(ctx, 'all');
        else {
          const withAi = ids.filter((id) => ask.has(id));
          if (withAi.length > 0) await rescoreLeads(ctx, withAi, { analyse: true });
          const rest = ids.filter((id) => !ask.has(id));
          if (rest.length > 0) await rescoreLeads(ctx, rest);
        }
      }
    } catch (error) {
      // A failed batch is retried with the next change or the nightly run; the job keeps going.
      console.error('[scoring] rescore failed:', error);
    } finally {
      busy = false;
    }
  }

  function arm(): void {
    if (stopped || timer !== null || busy) return;
    timer = ctx.clock.setTimer(ctx.clock.now() + debounceMs, () => {
      running = flush().then(() => {
        if (pendingAll || pending.size > 0) arm();
      });
    });
  }

  function request(ids: readonly string[] | 'all', withAi = false): void {
    if (ids === 'all') pendingAll = true;
    else
      for (const id of ids) {
        pending.add(id);
        if (withAi) analyse.add(id);
      }
    arm();
  }

  const subscriptions: Subscription[] = [
    ctx.db.leads.$.subscribe((event) => {
      if (!isScoringWrite(event)) request([event.documentId]);
    }),
    ctx.db.messages.$.subscribe((event) => {
      const leadId = event.documentData?.leadId ?? event.previousDocumentData?.leadId;
      if (leadId !== undefined) request([leadId], event.documentData?.direction === 'inbound');
    }),
    ctx.db.settings.$.subscribe((event) => {
      if (event.documentId === SCORING_SETTING_ID) request('all');
    }),
    ctx.db.scoring_models.$.subscribe(() => request('all')),
  ];
  const nightlyRule = options.nightly === undefined ? NIGHTLY_RULE : options.nightly;
  const nightly =
    nightlyRule === null
      ? null
      : schedule.scheduleJob(nightlyRule, () => {
          running = running
            .then(() => runNightly(ctx))
            .catch((error: unknown) => {
              console.error('[scoring] nightly retrain failed:', error);
            });
        });

  return {
    stop() {
      stopped = true;
      timer?.cancel();
      timer = null;
      for (const subscription of subscriptions) subscription.unsubscribe();
      nightly?.cancel();
    },
    async idle() {
      for (;;) {
        const current = running;
        await current;
        if (current === running && !busy) return;
      }
    },
  };
}
