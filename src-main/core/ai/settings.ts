// Reads and writes the team's AI settings (settings document "ai", replicated to the team; the
// key is never in it). A document written by a newer version keeps what this version can read.
import type { AiSettings, AiSettingsPatch } from '../../../src-shared/ai';
import { aiSettingsPatchSchema, applyAiSettingsPatch, parseAiSettings } from '../../../src-shared/ai';
import { PorchlightError } from '../../../src-shared/ipc/errors';
import type { CoreContext } from '../context';
import type { AiSettingsSource } from '../ports/ai';
import type { PorchlightDatabase } from '../store/collections';

export const AI_SETTINGS_ID = 'ai';

export async function loadAiSettings(db: PorchlightDatabase): Promise<AiSettings> {
  const doc = await db.settings.findOne(AI_SETTINGS_ID).exec();
  return parseAiSettings(doc?.toJSON().value);
}

/** What the shell passes to the adapter: the settings as they are at each call. */
export function aiSettingsSource(db: PorchlightDatabase): AiSettingsSource {
  return () => loadAiSettings(db);
}

export async function saveAiSettings(ctx: CoreContext, patch: AiSettingsPatch): Promise<AiSettings> {
  const valid = aiSettingsPatchSchema.parse(patch);
  let next: AiSettings;
  try {
    next = applyAiSettingsPatch(await loadAiSettings(ctx.db), valid);
  } catch (error) {
    throw new PorchlightError(
      'validation',
      `The AI settings were not saved: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (next.provider !== 'openai' && next.baseURL === undefined)
    throw new PorchlightError(
      'validation',
      `The AI settings were not saved: ${next.provider === 'azure' ? 'Azure' : 'an OpenAI-compatible server'} needs a base URL.`,
      { baseURL: 'Required for this provider.' },
    );
  await ctx.db.settings.upsert({
    id: AI_SETTINGS_ID,
    teamId: ctx.workspace.teamId,
    ownerId: ctx.workspace.agentId,
    updatedAt: ctx.clock.now(),
    value: next,
  });
  return next;
}
