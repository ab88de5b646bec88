// The team's scoring settings (one `settings` document, id "scoring", replicated to the team)
// and the active learned model (the `scoring_models` document marked active). A settings
// document that no longer parses (written by a newer version) falls back to the defaults
// for what it cannot read, so scoring never stops.
import type { ScoringModel } from '../../../src-shared/domain';
import { PorchlightError } from '../../../src-shared/ipc/errors';
import type { ScoringSettingsPatch } from '../../../src-shared/ipc/scoring';
import type { CompiledModel, ScoringSettings } from '../../../src-shared/scoring';
import { compileModel, DEFAULT_SCORING_SETTINGS, scoringSettingsSchema } from '../../../src-shared/scoring';
import type { CoreContext } from '../context';

export const SCORING_SETTING_ID = 'scoring';

export async function loadScoringSettings(ctx: CoreContext): Promise<ScoringSettings> {
  const doc = await ctx.db.settings.findOne(SCORING_SETTING_ID).exec();
  if (doc === null) return DEFAULT_SCORING_SETTINGS;
  const parsed = scoringSettingsSchema.safeParse(doc.toJSON().value);
  return parsed.success ? parsed.data : DEFAULT_SCORING_SETTINGS;
}

/** The saved settings with `patch` laid over them, validated; refuses with field errors. */
export function mergeSettings(saved: ScoringSettings, patch: ScoringSettingsPatch): ScoringSettings {
  const candidate = {
    ...saved,
    ...(patch.halfLifeDays === undefined ? {} : { halfLifeDays: patch.halfLifeDays }),
    ...(patch.aiWeight === undefined ? {} : { aiWeight: patch.aiWeight }),
    weights: { ...saved.weights, ...patch.weights },
    thresholds: { ...saved.thresholds, ...patch.thresholds },
    sourceQuality: { ...saved.sourceQuality, ...patch.sourceQuality },
    market: { ...saved.market, ...patch.market },
    learning: { ...saved.learning, ...patch.learning },
  };
  const parsed = scoringSettingsSchema.safeParse(candidate);
  if (parsed.success) return parsed.data;
  const fieldErrors: Record<string, string> = {};
  for (const issue of parsed.error.issues)
    fieldErrors[issue.path.map(String).join('.') || 'settings'] ??= issue.message;
  const summary = Object.entries(fieldErrors)
    .map(([path, message]) => `${path}: ${message}`)
    .join('; ');
  throw new PorchlightError('validation', `The scoring settings were not saved: ${summary}.`, fieldErrors);
}

export async function saveScoringSettings(
  ctx: CoreContext,
  patch: ScoringSettingsPatch,
): Promise<ScoringSettings> {
  const next = mergeSettings(await loadScoringSettings(ctx), patch);
  await ctx.db.settings.upsert({
    id: SCORING_SETTING_ID,
    teamId: ctx.workspace.teamId,
    ownerId: ctx.workspace.agentId,
    updatedAt: ctx.clock.now(),
    value: next,
  });
  return next;
}

/** Every model document, newest version first. */
export async function loadModels(ctx: CoreContext): Promise<ScoringModel[]> {
  const docs = await ctx.db.scoring_models.find().exec();
  return docs.map((d) => d.toMutableJSON()).sort((a, b) => b.version - a.version);
}

export async function loadActiveModel(ctx: CoreContext): Promise<ScoringModel | null> {
  return (await loadModels(ctx)).find((m) => m.active) ?? null;
}

/** What scores are computed with: the active learned model when learning is on, else the defaults. */
export async function loadScoringModel(
  ctx: CoreContext,
  settings: ScoringSettings,
): Promise<{ model: CompiledModel; doc: ScoringModel | null }> {
  const doc = settings.learning.enabled ? await loadActiveModel(ctx) : null;
  return { model: compileModel(doc), doc };
}
