// Reads and writes the team's AI settings (settings document "ai", replicated to the team; the
// key is never in it). A document written by a newer version keeps what this version can read.
import type { AiSettings, AiSettingsPatch } from '../../../src-shared/ai';
import { aiSettingsPatchSchema, applyAiSettingsPatch, parseAiSettings } from '../../../src-shared/ai';
import { PorchlightError } from '../../../src-shared/ipc/errors';
import type { CoreContext } from '../context';
import type { AiSettingsSource } from '../ports/ai';
import { aiKeyDestination, forgetMovedSecrets, plainAiRefusal } from '../secrets/host-binding';
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
  const saved = await loadAiSettings(ctx.db);
  let next: AiSettings;
  try {
    next = applyAiSettingsPatch(saved, valid);
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
  const plain = plainAiRefusal(next);
  if (plain !== undefined)
    throw new PorchlightError('validation', `The AI settings were not saved: ${plain}`, { baseURL: plain });
  // The key was saved for the old destination: a new one must be given the key again.
  await forgetMovedSecrets(ctx.secrets, [
    { name: 'ai.apiKey', before: aiKeyDestination(saved), after: aiKeyDestination(next) },
  ]);
  await ctx.db.settings.upsert({
    id: AI_SETTINGS_ID,
    teamId: ctx.workspace.teamId,
    ownerId: ctx.workspace.agentId,
    updatedAt: ctx.clock.now(),
    value: next,
  });
  return next;
}
