// The scoring feature's handlers: a lead's insights and live score explanation (what the
// Today view and the lead panel show), a preview under unsaved settings, the team's scoring
// settings, training on demand, the model report for analytics and a rescore on demand.
import type { Lead } from '../../../src-shared/domain';
import type { ValidArgs } from '../../../src-shared/ipc/contract';
import { PorchlightError } from '../../../src-shared/ipc/errors';
import type { ModelReport, ScoreExplanation, TrainReport } from '../../../src-shared/ipc/scoring';
import type { LeadInsights, ScoringSettings } from '../../../src-shared/scoring';
import { leadInsights, MIN_PER_CLASS, scoreLead } from '../../../src-shared/scoring';
import type { CoreContext } from '../context';
import { previewOnLeads } from './preview-leads';
import { aiReadingFor, messagesByLead, rescoreLeads } from './rescore';
import {
  loadModels,
  loadScoringModel,
  loadScoringSettings,
  mergeSettings,
  saveScoringSettings,
} from './settings';
import { trainScoringModel } from './train';

export function scoringHandlers(ctx: CoreContext) {
  async function requireLead(id: string): Promise<Lead> {
    const doc = await ctx.db.leads.findOne(id).exec();
    if (doc === null)
      throw new PorchlightError('not_found', `Lead ${id} was not found; it may have been purged.`);
    return doc.toMutableJSON();
  }

  async function explain(id: string, settings: ScoringSettings): Promise<ScoreExplanation> {
    const lead = await requireLead(id);
    const messages = (await messagesByLead(ctx, [id])).get(id) ?? [];
    const { model } = await loadScoringModel(ctx, settings);
    const ai = await aiReadingFor(ctx, lead, messages, false);
    const { signals: _signals, ...score } = scoreLead(lead, messages, ctx.clock.now(), settings, model, ai);
    return { leadId: id, ...score, stored: { score: lead.score, scoredAt: lead.scoredAt ?? null } };
  }

  return {
    'lead-insights': async (args: ValidArgs<'lead-insights'>): Promise<LeadInsights> => {
      const lead = await requireLead(args.id);
      const messages = (await messagesByLead(ctx, [args.id])).get(args.id) ?? [];
      const settings = await loadScoringSettings(ctx);
      const { model } = await loadScoringModel(ctx, settings);
      const ai = await aiReadingFor(ctx, lead, messages, false);
      return leadInsights(lead, messages, ctx.clock.now(), settings, model, ai);
    },
    'scoring-explain': async (args: ValidArgs<'scoring-explain'>): Promise<ScoreExplanation> =>
      explain(args.id, await loadScoringSettings(ctx)),
    'scoring-preview': async (args: ValidArgs<'scoring-preview'>): Promise<ScoreExplanation> =>
      explain(args.id, mergeSettings(await loadScoringSettings(ctx), args.settings)),
    'scoring-preview-leads': (args: ValidArgs<'scoring-preview-leads'>) =>
      previewOnLeads(ctx, args.settings, args.limit),
    'scoring-settings-get': async (): Promise<ScoringSettings> => loadScoringSettings(ctx),
    'scoring-settings-update': async (args: ValidArgs<'scoring-settings-update'>): Promise<ScoringSettings> =>
      saveScoringSettings(ctx, args.patch),
    'scoring-train': async (): Promise<TrainReport> => trainScoringModel(ctx),
    'scoring-model': async (): Promise<ModelReport> => {
      const settings = await loadScoringSettings(ctx);
      const [{ doc }, models, won, lost] = await Promise.all([
        loadScoringModel(ctx, settings),
        loadModels(ctx),
        ctx.db.leads.count({ selector: { deletedAt: 0, stage: 'closed' } }).exec(),
        ctx.db.leads.count({ selector: { deletedAt: 0, stage: 'lost' } }).exec(),
      ]);
      return {
        using: doc === null ? 'default' : 'logistic',
        settings,
        active: doc,
        latest: models[0] ?? null,
        outcomes: { won, lost, needed: Math.max(settings.learning.minOutcomes, 2 * MIN_PER_CLASS) },
      };
    },
    'scoring-rescore': async (args: ValidArgs<'scoring-rescore'>) => rescoreLeads(ctx, args.ids ?? 'all'),
  };
}

export type ScoringHandlers = ReturnType<typeof scoringHandlers>;
