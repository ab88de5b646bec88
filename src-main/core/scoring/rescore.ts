// Rescoring leads from everything known about them (record + every touch + the AI reading
// when there is one) and writing back only what changed materially: score, temperature,
// confidence, intent (only when it was unknown), or a factor's rounded points or words. Work
// is chunked and yields between chunks so a full rescore never blocks the event loop long.
// Each chunk emits `leads-changed` for the leads it rewrote and `scores-changed` for those
// whose score moved (from = 0 when the lead had only its provisional on-write score).
import type { Lead, Message, ScoreFactor } from '../../../src-shared/domain';
import type { ScoreChange } from '../../../src-shared/ipc/scoring';
import type { AiReading, CompiledModel, ScoringSettings } from '../../../src-shared/scoring';
import { detectIntent, FEATURE_COUNT, scoreLead, withReasons } from '../../../src-shared/scoring';
import { TEAM_POOL_OWNER_ID } from '../../../src-shared/sync';
import type { CoreContext, Workspace } from '../context';
import { isInTeam } from '../routing/new-lead-owner';
import { loadScoringModel, loadScoringSettings } from './settings';

export const RESCORE_CHUNK = 500;

export interface RescoreOptions {
  /** Ask the content analyzer (when there is one) about leads whose messages are new. */
  analyse?: boolean;
}

export interface RescoreResult {
  rescored: number;
  changed: number;
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * What makes stored factors stale: a factor's rounded points. Their words follow the points
 * (and are built only for leads that changed); "inquired 3 days ago" ageing a day is no change.
 */
function factorSignature(factors: readonly ScoreFactor[] | undefined): string {
  return (factors ?? []).map((f) => `${f.name}:${Math.round(f.contribution)}`).join('|');
}

/**
 * Every message of the given leads, grouped by lead. For a run over leads in id order a range
 * on the [leadId, createdAt] index is much cheaper than `$in`; messages of other leads in the
 * range are dropped.
 */
export async function messagesByLead(
  ctx: CoreContext,
  ids: readonly string[],
  options: { sortedRun?: boolean } = {},
): Promise<Map<string, Message[]>> {
  const first = ids[0];
  const last = ids[ids.length - 1];
  if (first === undefined || last === undefined) return new Map();
  const selector =
    options.sortedRun === true && ids.length > 1
      ? { leadId: { $gte: first, $lte: last } }
      : { leadId: { $in: [...ids] } };
  const docs = await ctx.db.messages
    .find({ selector, sort: [{ leadId: 'asc' }, { createdAt: 'asc' }] })
    .exec();
  const wanted = new Set(ids);
  const byLead = new Map<string, Message[]>();
  for (const doc of docs) {
    if (!wanted.has(doc.leadId)) continue;
    const message = doc.toMutableJSON();
    const list = byLead.get(message.leadId);
    if (list === undefined) byLead.set(message.leadId, [message]);
    else list.push(message);
  }
  return byLead;
}

/** The AI reading for a lead: kept by the core's content readings, or null without an analyzer. */
export async function aiReadingFor(
  ctx: CoreContext,
  lead: Lead,
  messages: readonly Message[],
  analyse: boolean,
): Promise<AiReading | null> {
  return (await ctx.contentReadings?.readingFor(lead, messages, analyse)) ?? null;
}

/**
 * Whether this desktop writes the lead's score (decision 0202). Solo: every lead. In a team: the
 * leads it owns and the pool's; a teammate's lead is scored by the teammate's desktop, whose
 * score replicates here, so two desktops never write different scores of one lead in turn.
 */
export function scoredHere(workspace: Pick<Workspace, 'teamId' | 'agentId'>, ownerId: string): boolean {
  return !isInTeam(workspace) || ownerId === workspace.agentId || ownerId === TEAM_POOL_OWNER_ID;
}

interface Scoring {
  settings: ScoringSettings;
  model: CompiledModel;
  now: number;
  /** One feature buffer reused for every lead of a run. */
  features: Float64Array;
}

async function rescoreChunk(
  ctx: CoreContext,
  ids: readonly string[],
  scoring: Scoring,
  options: RescoreOptions,
  /** `ids` are a run of live leads in id order (a full rescore). */
  sortedRun: boolean,
): Promise<RescoreResult> {
  const docs = await ctx.db.leads.findByIds([...ids]).exec();
  const live = [...docs.values()].filter(
    (doc) => doc.deletedAt === 0 && doc.mergedInto === undefined && scoredHere(ctx.workspace, doc.ownerId),
  );
  const messages = sortedRun
    ? await messagesByLead(ctx, ids, { sortedRun })
    : await messagesByLead(
        ctx,
        live.map((doc) => doc.id),
      );
  const changedIds: string[] = [];
  const changes: ScoreChange[] = [];
  const writes: Promise<unknown>[] = [];
  for (const doc of live) {
    const lead = doc.toMutableJSON();
    const touches = messages.get(lead.id) ?? [];
    const ai = await aiReadingFor(ctx, lead, touches, options.analyse === true);
    const result = scoreLead(lead, touches, scoring.now, scoring.settings, scoring.model, ai, {
      words: false,
      features: scoring.features,
    });
    const detected =
      lead.intent === 'unknown'
        ? detectIntent(
            touches.filter((m) => m.direction === 'inbound' && m.channel !== 'note').map((m) => m.body),
            lead,
          ).intent
        : lead.intent;
    const intent = detected === 'unknown' && ai?.intent !== undefined ? ai.intent : detected;
    const material =
      lead.scoredAt === undefined ||
      lead.score !== result.score ||
      lead.temperature !== result.temperature ||
      lead.scoreConfidence !== result.confidence ||
      lead.intent !== intent ||
      factorSignature(lead.scoreFactors) !== factorSignature(result.factors);
    if (!material) continue;
    // Not awaited one by one: RxDB's incremental write queue batches concurrent patches into
    // one bulk write, and each patch still applies to the document's latest revision.
    writes.push(
      doc.incrementalPatch({
        score: result.score,
        temperature: result.temperature,
        scoreConfidence: result.confidence,
        scoreFactors: withReasons(result.factors, result.signals, scoring.now, scoring.settings),
        intent,
        // updatedAt is the clock of the lead's own fields (SY-M3, decision 0412): a score is
        // derived, so a rescore leaves it alone and never wins a teammate's edit for the lead.
        scoredAt: scoring.now,
      }),
    );
    changedIds.push(lead.id);
    const from = lead.scoredAt === undefined ? 0 : lead.score;
    if (from !== result.score) changes.push({ id: lead.id, from, to: result.score });
  }
  await Promise.all(writes);
  // The leads' own leads-changed comes from the store; this reports the job's from -> to.
  if (changes.length > 0) ctx.events.emit('scores-changed', { changes });
  return { rescored: live.length, changed: changedIds.length };
}

async function allLiveIds(ctx: CoreContext): Promise<string[]> {
  const docs = await ctx.db.leads.find({ selector: { deletedAt: 0 } }).exec();
  return docs.map((doc) => doc.id).sort();
}

/** Rescores the given leads (or every live lead) with the team's settings and active model. */
export async function rescoreLeads(
  ctx: CoreContext,
  ids: readonly string[] | 'all',
  options: RescoreOptions = {},
): Promise<RescoreResult> {
  const settings = await loadScoringSettings(ctx);
  const { model } = await loadScoringModel(ctx, settings);
  const scoring: Scoring = {
    settings,
    model,
    now: ctx.clock.now(),
    features: new Float64Array(FEATURE_COUNT),
  };
  const targets = ids === 'all' ? await allLiveIds(ctx) : [...new Set(ids)];
  const total: RescoreResult = { rescored: 0, changed: 0 };
  for (let start = 0; start < targets.length; start += RESCORE_CHUNK) {
    const chunk = targets.slice(start, start + RESCORE_CHUNK);
    const result = await rescoreChunk(ctx, chunk, scoring, options, ids === 'all');
    total.rescored += result.rescored;
    total.changed += result.changed;
    if (start + RESCORE_CHUNK < targets.length) await yieldToEventLoop();
  }
  return total;
}
