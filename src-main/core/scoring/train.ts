// Training the team's model from its own outcomes: every live lead closed (won) or lost,
// featurised as it looked at its last touch, goes to the pure learner. The new model document
// is stored (it replicates to the team) and made active only if it ranks held-out leads at
// least as well as the default weights; the previous active model is then retired.
import type { ScoringModel } from '../../../src-shared/domain';
import type { TrainReport } from '../../../src-shared/ipc/scoring';
import type { OutcomeRow } from '../../../src-shared/scoring';
import { extractSignals, learnScoringModel, writeFeatures } from '../../../src-shared/scoring';
import type { CoreContext } from '../context';
import { messagesByLead, RESCORE_CHUNK } from './rescore';
import { loadModels, loadScoringSettings } from './settings';

/** Feature rows for every lead with an outcome, chunked like rescoring. */
export async function outcomeRows(ctx: CoreContext): Promise<OutcomeRow[]> {
  const settings = await loadScoringSettings(ctx);
  const leads = (
    await ctx.db.leads.find({ selector: { deletedAt: 0, stage: { $in: ['closed', 'lost'] } } }).exec()
  ).map((doc) => doc.toMutableJSON());
  const rows: OutcomeRow[] = [];
  for (let start = 0; start < leads.length; start += RESCORE_CHUNK) {
    const chunk = leads.slice(start, start + RESCORE_CHUNK);
    const messages = await messagesByLead(
      ctx,
      chunk.map((lead) => lead.id),
    );
    for (const lead of chunk) {
      const touches = messages.get(lead.id) ?? [];
      const asOf = Math.max(lead.createdAt, lead.lastInboundAt ?? 0, ...touches.map((m) => m.createdAt));
      const signals = extractSignals(lead, touches, asOf, settings);
      rows.push({
        id: lead.id,
        x: writeFeatures(signals, asOf, settings),
        won: lead.stage === 'closed',
        hasAi: false,
      });
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
  return rows;
}

function round(value: number, digits = 4): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

export async function trainScoringModel(ctx: CoreContext): Promise<TrainReport> {
  const settings = await loadScoringSettings(ctx);
  if (!settings.learning.enabled)
    return {
      status: 'disabled',
      reason: 'Learning is off in the scoring settings; the default weights are used.',
    };
  const result = learnScoringModel(await outcomeRows(ctx), settings);
  if (result.status === 'too_few_outcomes') {
    return {
      ...result,
      reason: `Learning needs ${result.needed} won or lost leads with at least 10 of each; there are ${result.won} won and ${result.lost} lost. The default weights stay.`,
    };
  }
  const learned = result.model;
  const models = await loadModels(ctx);
  const version = (models[0]?.version ?? 0) + 1;
  const now = ctx.clock.now();
  const doc: ScoringModel = {
    id: `${ctx.workspace.teamId}-model-${version}`,
    teamId: ctx.workspace.teamId,
    ownerId: ctx.workspace.agentId,
    updatedAt: now,
    version,
    kind: 'logistic',
    features: learned.features,
    weights: learned.weights.map((w) => round(w, 6)),
    intercept: round(learned.intercept, 6),
    featureMeans: learned.featureMeans.map((m) => round(m, 6)),
    trainedAt: now,
    outcomes: learned.outcomes,
    metrics: {
      auc: round(learned.metrics.auc),
      defaultAuc: round(learned.metrics.defaultAuc),
      brier: round(learned.metrics.brier),
      ece: round(learned.metrics.ece),
      heldOut: learned.metrics.heldOut,
      calibration: learned.metrics.calibration.map((b) => ({
        predicted: round(b.predicted),
        observed: round(b.observed),
        count: b.count,
      })),
    },
    active: learned.beatsDefault,
  };
  // NaN cannot be stored: a held-out set with one class only has no AUC.
  for (const key of ['auc', 'defaultAuc', 'brier', 'ece'] as const) {
    if (!Number.isFinite(doc.metrics[key])) delete doc.metrics[key];
  }
  await ctx.db.scoring_models.insert(doc);
  if (doc.active) {
    for (const old of models.filter((m) => m.active)) {
      const stale = await ctx.db.scoring_models.findOne(old.id).exec();
      await stale?.incrementalPatch({ active: false, updatedAt: now });
    }
  }
  const auc = doc.metrics.auc?.toFixed(3) ?? 'n/a';
  const defaultAuc = doc.metrics.defaultAuc?.toFixed(3) ?? 'n/a';
  return {
    status: 'trained',
    model: doc,
    activated: doc.active,
    reason: doc.active
      ? `Model ${version} learned from ${learned.outcomes} outcomes ranks held-out leads with AUC ${auc} (default weights: ${defaultAuc}); it now scores every lead.`
      : `Model ${version} (AUC ${auc}) did not beat the default weights (AUC ${defaultAuc}) on held-out leads; the current scoring stays.`,
  };
}
