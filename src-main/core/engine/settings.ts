// Reads and writes the engine's team settings (settings document "engine"), and turns them
// into the timing rules for one lead.
import type { Lead } from '../../../src-shared/domain';
import type { EngineSettings } from '../../../src-shared/playbooks/engine-settings';
import {
  ENGINE_SETTINGS_ID,
  engineSettingsSchema,
  parseEngineSettings,
} from '../../../src-shared/playbooks/engine-settings';
import type { LeadSendRules } from '../../../src-shared/timing';
import { leadSendRules, windowOf } from '../../../src-shared/timing';
import type { CoreContext } from '../context';
import type { PorchlightDatabase } from '../store/collections';

/**
 * The team's engine settings of one database, cached and dropped on any write to the document
 * (every send and every lead change reads them). One per running core, on its context.
 */
export class EngineSettingsSource {
  private cached: Promise<EngineSettings> | undefined;

  constructor(private readonly db: PorchlightDatabase) {}

  read(): Promise<EngineSettings> {
    if (this.cached === undefined) {
      const cached = this.db.settings
        .findOne(ENGINE_SETTINGS_ID)
        .exec()
        .then((doc) => parseEngineSettings(doc?.value));
      this.cached = cached;
      const subscription = this.db.settings.$.subscribe((event) => {
        if (event.documentId !== ENGINE_SETTINGS_ID) return;
        if (this.cached === cached) this.cached = undefined;
        subscription.unsubscribe();
      });
    }
    return this.cached;
  }
}

/** The team's engine settings, from the core's cache. */
export function readEngineSettings(ctx: Pick<CoreContext, 'engineSettings'>): Promise<EngineSettings> {
  return ctx.engineSettings.read();
}

export async function writeEngineSettings(
  ctx: CoreContext,
  patch: Record<string, unknown>,
): Promise<EngineSettings> {
  const current = await readEngineSettings(ctx);
  const next = engineSettingsSchema.parse({ ...current, ...patch });
  await ctx.db.settings.upsert({
    id: ENGINE_SETTINGS_ID,
    teamId: ctx.workspace.teamId,
    ownerId: ctx.workspace.agentId,
    updatedAt: ctx.clock.now(),
    value: next,
  });
  return next;
}

export function sendRulesOf(
  lead: Pick<Lead, 'timeZone' | 'address'>,
  settings: EngineSettings,
  defaultCountry: string,
): LeadSendRules {
  return leadSendRules(lead, {
    defaultWindow: windowOf(settings.quietHours.start, settings.quietHours.end),
    stateWindows: Object.fromEntries(
      Object.entries(settings.stateQuietHours).map(([state, w]) => [
        state.toUpperCase(),
        windowOf(w.start, w.end),
      ]),
    ),
    teamTimeZone: settings.teamTimeZone,
    defaultCountry,
  });
}

export function dayRulesOf(settings: EngineSettings): { weekdays: number[]; holidays: string[] } {
  return { weekdays: settings.sendWeekdays, holidays: settings.holidays };
}
