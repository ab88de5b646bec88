// The desktop app's preferences (src-shared/ipc/desktop.ts). Core keeps them in the device-only
// settings document "desktop"; the Electron shell applies them (login item, close to tray) when
// `desktop-settings-changed` says they moved.
import type { DesktopSettings, DesktopSettingsView } from '../../../src-shared/ipc/desktop';
import { DESKTOP_SETTINGS_ID, desktopSettingsSchema } from '../../../src-shared/ipc/desktop';
import type { ValidArgs } from '../../../src-shared/ipc/contract';
import type { CoreContext } from '../context';

export async function readDesktopSettings(ctx: Pick<CoreContext, 'db'>): Promise<DesktopSettings> {
  const doc = await ctx.db.settings.findOne(DESKTOP_SETTINGS_ID).exec();
  // A document written by a newer or broken version falls back to the defaults.
  const parsed = desktopSettingsSchema.safeParse(doc?.toJSON().value ?? {});
  return parsed.success ? parsed.data : desktopSettingsSchema.parse({});
}

export async function writeDesktopSettings(
  ctx: CoreContext,
  patch: { [K in keyof DesktopSettings]?: DesktopSettings[K] | undefined },
): Promise<DesktopSettingsView> {
  const given = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
  const value = desktopSettingsSchema.parse({ ...(await readDesktopSettings(ctx)), ...given });
  await ctx.db.settings.upsert({
    id: DESKTOP_SETTINGS_ID,
    teamId: ctx.workspace.teamId,
    ownerId: ctx.workspace.agentId,
    updatedAt: ctx.clock.now(),
    value,
  });
  const view = { ...value, available: ctx.shell === 'desktop' };
  ctx.events.emit('desktop-settings-changed', view);
  return view;
}

export function desktopHandlers(ctx: CoreContext) {
  return {
    'desktop-settings-get': async (): Promise<DesktopSettingsView> => ({
      ...(await readDesktopSettings(ctx)),
      available: ctx.shell === 'desktop',
    }),
    'desktop-settings-set': (args: ValidArgs<'desktop-settings-set'>) => writeDesktopSettings(ctx, args),
  };
}
