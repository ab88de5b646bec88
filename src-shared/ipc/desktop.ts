// The desktop app's own preferences (settings document "desktop", this computer's alone, never
// replicated): start at login, and whether closing the window keeps Porchlight in the tray.
// The headless shell answers `available: false` and the Settings screen hides the section.
import { z } from 'zod';

export const DESKTOP_SETTINGS_ID = 'desktop';

export const desktopSettingsSchema = z.object({
  /** Open Porchlight (in the tray, without a window) when the user logs in. Off until chosen. */
  startAtLogin: z.boolean().default(false),
  /** Closing the window keeps the engine running in the tray, so follow-ups still go out. */
  closeToTray: z.boolean().default(true),
  /** The one-time notice that closing keeps Porchlight in the tray was shown. */
  closeToTrayExplained: z.boolean().default(false),
});
export type DesktopSettings = z.infer<typeof desktopSettingsSchema>;

export const desktopArgs = {
  'desktop-settings-get': z.object({}).default({}),
  'desktop-settings-set': desktopSettingsSchema.partial(),
};

export interface DesktopSettingsView extends DesktopSettings {
  /** Whether these preferences apply here (the desktop app), or not (the headless shell). */
  available: boolean;
}

export interface DesktopResults {
  'desktop-settings-get': DesktopSettingsView;
  'desktop-settings-set': DesktopSettingsView;
}

export interface DesktopEvents {
  'desktop-settings-changed': DesktopSettingsView;
}
