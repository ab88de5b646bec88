// One lead, scored and read: the entry points the core jobs and the renderer's preview call.
// `scoreLead` gives the score with its factors; `leadInsights` adds intent, budget, timeline,
// areas, property type, pre-approval, reply pattern, touch summaries and the next action.
import type { Lead, LeadIntent, Message } from '../domain';
import type { AiReading } from './ai-reading';
import type { ScoringSettings } from './config';
import type { IntentReading } from './intent';
import { detectIntent } from './intent';
import { leadTexts } from './content';
import type { Budget, Insight, PreApproval, ReplyPattern, TouchSummary, Urgency } from './insights';
import {
  readAreas,
  readBudget,
  readPreApproval,
  readPropertyType,
  readReplyPattern,
  readTimeline,
  summariseTouches,
} from './insights';
import type { NextAction } from './next-action';
import { nextBestAction } from './next-action';
import type { CompiledModel, LeadScore } from './score';
import { scoreFromFeatures } from './score';
import { FEATURE_COUNT, writeFeatures } from './features';
import type { LeadSignals } from './signals';
import { extractSignals } from './signals';

export interface ScoredLead extends LeadScore {
  signals: LeadSignals;
}

/** The feature vector of the lead being scored: read before scoreLead returns, never kept. */
const scratch = new Float64Array(FEATURE_COUNT);

export function scoreLead(
  lead: Lead,
  messages: readonly Message[],
  now: number,
  settings: ScoringSettings,
  model: CompiledModel,
  ai: AiReading | null = null,
  options: { words?: boolean; features?: Float64Array } = {},
): ScoredLead {
  const signals = extractSignals(lead, messages, now, settings, ai?.seriousness ?? null);
  const x = writeFeatures(signals, now, settings, options.features ?? scratch);
  const { score, temperature, confidence, factors } = scoreFromFeatures(
    x,
    signals,
    now,
    settings,
    model,
    options,
  );
  return { score, temperature, confidence, factors, model: model.kind, signals };
}

export interface LeadInsights {
  leadId: string;
  score: LeadScore;
  intent: Insight<LeadIntent>;
  budget: Insight<Budget> | null;
  timeline: Insight<Urgency> | null;
  areas: Insight<string[]> | null;
  propertyType: Insight<string> | null;
  preApproval: Insight<PreApproval> | null;
  replyPattern: Insight<ReplyPattern> | null;
  aiSummary: Insight<string> | null;
  touches: TouchSummary[];
  nextAction: NextAction;
}

function inboundTexts(messages: readonly Message[]): string[] {
  return leadTexts(
    {},
    messages.filter((m) => m.direction === 'inbound' && m.channel !== 'note'),
  );
}

/** The lead's intent from their words; a person's choice on the lead wins over an empty reading. */
export function readIntent(
  lead: Lead,
  messages: readonly Message[],
  ai: AiReading | null = null,
): Insight<LeadIntent> {
  const reading: IntentReading = detectIntent(inboundTexts(messages), lead);
  if (reading.intent !== 'unknown')
    return { value: reading.intent, evidence: reading.evidence, source: 'rules' };
  if (ai?.intent !== undefined && ai.intent !== 'unknown')
    return { value: ai.intent, evidence: ai.evidence, source: 'ai' };
  if (lead.intent !== 'unknown')
    return { value: lead.intent, evidence: ['set on the lead'], source: 'profile' };
  return { value: 'unknown', evidence: [], source: 'rules' };
}

function fromAi<T>(value: T | undefined, ai: AiReading | null): Insight<T> | null {
  return value === undefined || ai === null ? null : { value, evidence: ai.evidence, source: 'ai' };
}

export function leadInsights(
  lead: Lead,
  messages: readonly Message[],
  now: number,
  settings: ScoringSettings,
  model: CompiledModel,
  ai: AiReading | null = null,
): LeadInsights {
  const scored = scoreLead(lead, messages, now, settings, model, ai);
  const { signals, ...score } = scored;
  // Budget, timeline, areas and the rest are read from the notes too (leadTexts).
  const texts = leadTexts(lead, messages, now);
  const intent = readIntent(lead, messages, ai);
  const profileBudget: Insight<Budget> | null =
    lead.priceMin !== undefined || lead.priceMax !== undefined
      ? {
          value: {
            ...(lead.priceMin === undefined ? {} : { min: lead.priceMin }),
            ...(lead.priceMax === undefined ? {} : { max: lead.priceMax }),
          },
          evidence: ['price range on the lead'],
          source: 'profile',
        }
      : null;
  const inbound = messages.filter((m) => m.direction === 'inbound' && m.createdAt <= now);
  const outbound = messages.filter(
    (m) =>
      m.direction === 'outbound' &&
      m.channel !== 'note' &&
      m.createdAt <= now &&
      m.status !== 'scheduled' &&
      m.status !== 'draft' &&
      m.status !== 'cancelled',
  );
  const latest = (list: readonly Message[]): number | null =>
    list.length === 0 ? null : Math.max(...list.map((m) => m.createdAt));
  return {
    leadId: lead.id,
    score,
    intent,
    budget: readBudget(texts) ?? profileBudget ?? fromAi(ai?.budget, ai),
    timeline: readTimeline(texts) ?? fromAi(ai?.timeline, ai),
    areas: readAreas(texts, lead, settings.market.areas),
    propertyType: readPropertyType(texts) ?? fromAi(ai?.propertyType, ai),
    preApproval: readPreApproval(texts),
    replyPattern: readReplyPattern(inbound, lead.timeZone),
    aiSummary: fromAi(ai?.summary, ai),
    touches: summariseTouches(messages, now),
    nextAction: nextBestAction(
      {
        stage: lead.stage,
        score: score.score,
        temperature: score.temperature,
        intent: intent.value,
        lastInboundAt: latest(inbound) ?? lead.lastInboundAt ?? null,
        lastOutboundAt: latest(outbound),
        lastActivityAt: signals.lastActivityAt,
        clicks: signals.counts.clicks,
        propertyViews: signals.counts.propertyViews,
      },
      now,
    ),
  };
}
