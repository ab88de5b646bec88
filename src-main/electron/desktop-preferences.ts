// The desktop preferences (src-shared/ipc/desktop.ts) turned into what Electron is told: the
// login item, whether a launch shows the window, and what closing the window does.
import type { DesktopSettings } from '../../src-shared/ipc/desktop';
import { settingsPlace } from '../../src-shared/settings-sections';

/** Passed by the login item, so a start at login opens in the tray without a window. */
export const HIDDEN_FLAG = '--hidden';

export interface LoginItem {
  openAtLogin: boolean;
  /** macOS: start hidden; Windows: the flag below tells the launch to stay in the tray. */
  openAsHidden: boolean;
  args: string[];
}

/** A development build never registers itself: the login item would start the dev binary. */
export function loginItemFor(
  settings: Pick<DesktopSettings, 'startAtLogin'>,
  isPackaged: boolean,
): LoginItem {
  return { openAtLogin: settings.startAtLogin && isPackaged, openAsHidden: true, args: [HIDDEN_FLAG] };
}

/** `--data=<folder>` (as in the headless shell): run on another data folder than the profile's. */
export function dataFolderFromArgs(argv: readonly string[]): string | undefined {
  const given = argv.find((arg) => arg.startsWith('--data='))?.slice('--data='.length);
  return given === undefined || given === '' ? undefined : given;
}

export function startsHidden(argv: readonly string[], openedAsHidden: boolean): boolean {
  return openedAsHidden || argv.includes(HIDDEN_FLAG);
}

export type CloseAction =
  | { action: 'close' }
  /** Hide the window; `explain`: say once, in a notification, that Porchlight keeps running. */
  | { action: 'hide'; explain: boolean };

export function onWindowClose(
  settings: Pick<DesktopSettings, 'closeToTray' | 'closeToTrayExplained'>,
  quitting: boolean,
): CloseAction {
  if (quitting || !settings.closeToTray) return { action: 'close' };
  return { action: 'hide', explain: !settings.closeToTrayExplained };
}

export const CLOSE_TO_TRAY_NOTICE = {
  title: 'Porchlight is still running',
  body: `Follow-ups keep going out while the window is closed. Open Porchlight or quit it from its icon in the tray; ${settingsPlace('desktop')} changes this.`,
} as const;
