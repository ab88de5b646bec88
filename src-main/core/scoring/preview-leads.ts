// What unsaved scoring settings would do to the current leads: each lead (the most recently
// created, up to a limit) scored now under the saved settings and under the changed ones, with
// the same model and AI readings, so the difference is the settings' alone. Writes nothing.
import type { Temperature } from '../../../src-shared/domain';
import { leadDisplayName } from '../../../src-shared/domain';
import type { ScoringPreviewLeads, ScoringSettingsPatch } from '../../../src-shared/ipc/scoring';
import { scoreLead } from '../../../src-shared/scoring';
import type { CoreContext } from '../context';
import { aiReadingFor, messagesByLead } from './rescore';
import { loadScoringModel, loadScoringSettings, mergeSettings } from './settings';

const MOVERS = 10;

export async function previewOnLeads(
  ctx: CoreContext,
  patch: ScoringSettingsPatch,
  limit: number,
): Promise<ScoringPreviewLeads> {
  const saved = await loadScoringSettings(ctx);
  const changed = mergeSettings(saved, patch);
  const [{ model: savedModel }, { model: changedModel }] = await Promise.all([
    loadScoringModel(ctx, saved),
    loadScoringModel(ctx, changed),
  ]);
  const total = await ctx.db.leads.count({ selector: { deletedAt: 0 } }).exec();
  const leads = (
    await ctx.db.leads
      .find({
        selector: { deletedAt: 0 },
        sort: [{ deletedAt: 'asc' }, { createdAt: 'desc' }],
        index: ['deletedAt', 'createdAt'],
        limit,
      })
      .exec()
  ).map((d) => d.toMutableJSON());
  const messages = await messagesByLead(
    ctx,
    leads.map((l) => l.id),
  );
  const now = ctx.clock.now();
  const count = (): Record<Temperature, number> => ({ hot: 0, warm: 0, cold: 0 });
  const before = count();
  const after = count();
  const moves: ScoringPreviewLeads['movers'] = [];
  for (const lead of leads) {
    const own = messages.get(lead.id) ?? [];
    const ai = await aiReadingFor(ctx, lead, own, false);
    const a = scoreLead(lead, own, now, saved, savedModel, ai, { words: false });
    const b = scoreLead(lead, own, now, changed, changedModel, ai, { words: false });
    before[a.temperature]++;
    after[b.temperature]++;
    if (a.score !== b.score || a.temperature !== b.temperature)
      moves.push({
        id: lead.id,
        name: leadDisplayName(lead),
        from: a.score,
        to: b.score,
        fromTemperature: a.temperature,
        toTemperature: b.temperature,
      });
  }
  moves.sort((x, y) => Math.abs(y.to - y.from) - Math.abs(x.to - x.from) || x.name.localeCompare(y.name));
  return {
    scored: leads.length,
    total,
    before,
    after,
    changedScore: moves.length,
    changedTemperature: moves.filter((m) => m.fromTemperature !== m.toTemperature).length,
    movers: moves.slice(0, MOVERS),
  };
}
