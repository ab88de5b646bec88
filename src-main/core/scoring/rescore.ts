// Rescoring leads from everything known about them (record + every touch + the AI reading
// when there is one) and writing back only what changed materially: score, temperature,
// confidence, intent (only when it was unknown), or a factor's rounded points or words. Work
// is chunked and yields between chunks so a full rescore never blocks the event loop long.
// Each chunk emits `leads-changed` for the leads it rewrote and `scores-changed` for those
// whose score moved (from = 0 when the lead had only its provisional on-write score).
import type { Lead, Message, ScoreFactor } from '../../../src-shared/domain';
import type { ScoreChange } from '../../../src-shared/ipc/scoring';
import type { AiReading, CompiledModel, ScoringSettings } from '../../../src-shared/scoring';
import { detectIntent, scoreLead } from '../../../src-shared/scoring';
import type { CoreContext } from '../context';
import { loadScoringModel, loadScoringSettings } from './settings';
import { scoringState } from './state';

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

function factorSignature(factors: readonly ScoreFactor[] | undefined): string {
  // Digits are left out of the words: "inquired 3 days ago" ageing a day is not a change.
  return (factors ?? [])
    .map((f) => `${f.name}:${Math.round(f.contribution)}:${f.reason.replace(/\d+/g, '#')}`)
    .join('|');
}

export async function messagesByLead(
  ctx: CoreContext,
  ids: readonly string[],
): Promise<Map<string, Message[]>> {
  const docs = await ctx.db.messages.find({ selector: { leadId: { $in: [...ids] } } }).exec();
  const byLead = new Map<string, Message[]>();
  for (const doc of docs) {
    const message = doc.toMutableJSON();
    const list = byLead.get(message.leadId);
    if (list === undefined) byLead.set(message.leadId, [message]);
    else list.push(message);
  }
  return byLead;
}

function inboundKey(messages: readonly Message[]): string | null {
  const inbound = messages.filter((m) => m.direction === 'inbound' && m.channel !== 'note');
  if (inbound.length === 0) return null;
  const latest = inbound.reduce((a, b) =>
    b.createdAt > a.createdAt || (b.createdAt === a.createdAt && b.id > a.id) ? b : a,
  );
  return `${latest.id}:${inbound.length}`;
}

/** The AI reading for a lead: from the cache, or asked for when `analyse` and the messages are new. */
export async function aiReadingFor(
  ctx: CoreContext,
  lead: Lead,
  messages: readonly Message[],
  analyse: boolean,
): Promise<AiReading | null> {
  const cache = scoringState(ctx).aiReadings;
  const key = inboundKey(messages);
  const cached = cache.get(lead.id);
  if (key === null) return null;
  if (cached?.key === key || !analyse || ctx.contentAnalyzer === undefined) return cached?.reading ?? null;
  const texts = messages
    .filter((m) => m.direction === 'inbound' && m.channel !== 'note')
    .sort((a, b) => a.createdAt - b.createdAt)
    .map((m) => m.body);
  try {
    const reading = await ctx.contentAnalyzer.analyse({ leadId: lead.id, texts });
    cache.set(lead.id, { key, reading });
    return reading;
  } catch {
    // The AI is optional: without an answer the lead keeps its last reading or none.
    return cached?.reading ?? null;
  }
}

interface Scoring {
  settings: ScoringSettings;
  model: CompiledModel;
  now: number;
}

async function rescoreChunk(
  ctx: CoreContext,
  ids: readonly string[],
  scoring: Scoring,
  options: RescoreOptions,
): Promise<RescoreResult> {
  const docs = await ctx.db.leads.findByIds([...ids]).exec();
  const live = [...docs.values()].filter((doc) => doc.deletedAt === 0 && doc.mergedInto === undefined);
  const messages = await messagesByLead(
    ctx,
    live.map((doc) => doc.id),
  );
  const changedIds: string[] = [];
  const changes: ScoreChange[] = [];
  for (const doc of live) {
    const lead = doc.toMutableJSON();
    const touches = messages.get(lead.id) ?? [];
    const ai = await aiReadingFor(ctx, lead, touches, options.analyse === true);
    const result = scoreLead(lead, touches, scoring.now, scoring.settings, scoring.model, ai);
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
    await doc.incrementalPatch({
      score: result.score,
      temperature: result.temperature,
      scoreConfidence: result.confidence,
      scoreFactors: result.factors,
      intent,
      scoredAt: scoring.now,
      updatedAt: Math.max(scoring.now, lead.updatedAt),
    });
    changedIds.push(lead.id);
    const from = lead.scoredAt === undefined ? 0 : lead.score;
    if (from !== result.score) changes.push({ id: lead.id, from, to: result.score });
  }
  const state = scoringState(ctx);
  state.emitting = true;
  try {
    if (changedIds.length > 0) ctx.events.emit('leads-changed', { ids: changedIds });
    if (changes.length > 0) ctx.events.emit('scores-changed', { changes });
  } finally {
    state.emitting = false;
  }
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
  const scoring: Scoring = { settings, model, now: ctx.clock.now() };
  const targets = ids === 'all' ? await allLiveIds(ctx) : [...new Set(ids)];
  const total: RescoreResult = { rescored: 0, changed: 0 };
  for (let start = 0; start < targets.length; start += RESCORE_CHUNK) {
    const result = await rescoreChunk(ctx, targets.slice(start, start + RESCORE_CHUNK), scoring, options);
    total.rescored += result.rescored;
    total.changed += result.changed;
    if (start + RESCORE_CHUNK < targets.length) await yieldToEventLoop();
  }
  return total;
}
