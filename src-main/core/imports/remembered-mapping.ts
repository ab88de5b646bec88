// The column mapping a person last used for a preset (one settings document per preset), so
// the next file from the same source opens with their corrections already in place.
import type { ColumnMapping, ImportPreset } from '../../../src-shared/imports';
import { columnMappingSchema } from '../../../src-shared/imports';
import type { CoreContext } from '../context';

const settingId = (preset: ImportPreset): string => `import-mapping-${preset}`;

export async function rememberedMapping(
  ctx: CoreContext,
  preset: ImportPreset,
): Promise<ColumnMapping | undefined> {
  const doc = await ctx.db.settings.findOne(settingId(preset)).exec();
  const parsed = columnMappingSchema.safeParse(doc?.value);
  return parsed.success ? parsed.data : undefined;
}

export async function rememberMapping(
  ctx: CoreContext,
  preset: ImportPreset,
  mapping: ColumnMapping,
): Promise<void> {
  await ctx.db.settings.upsert({
    id: settingId(preset),
    teamId: ctx.workspace.teamId,
    ownerId: ctx.workspace.agentId,
    updatedAt: ctx.clock.now(),
    value: mapping,
  });
}

/**
 * The remembered mapping applied to this file's headers: a header the person mapped before
 * keeps their choice; a new header keeps the detected one.
 */
export function applyRemembered(
  detected: ColumnMapping,
  remembered: ColumnMapping | undefined,
): ColumnMapping {
  if (remembered === undefined) return detected;
  const out: ColumnMapping = {};
  for (const [header, target] of Object.entries(detected)) out[header] = remembered[header] ?? target;
  return out;
}
