// The tray icon: the overdue count in its tooltip and title (macOS shows the title beside the
// icon) and in the first line of its menu, which also opens the screens, pauses or resumes
// sending, and quits.
import { Menu, nativeImage, Tray } from 'electron';
import type { TrayActions } from './menus';
import { trayCount, trayMenuTemplate } from './menus';

// A 16x16 porch-light dot; the installers' icons live in build/.
const TRAY_ICON =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAYAAAAf8/9hAAAAJ0lEQVR42mNgGAWjYBSMglEwCkbBKBgFo2AUjIJRMApGwSgYBQMBAAQQAAF0v5kGAAAAAElFTkSuQmCC';

/**
 * The tray's last shown count, kept on the main process's global under this symbol: Electron
 * offers no getter for a tray's tooltip, and the packaged smoke test reads it from there.
 */
export const TRAY_STATE = Symbol.for('porchlight.tray');

export interface PorchlightTray {
  showOverdue(overdue: number): void;
  destroy(): void;
}

export function createTray(actions: TrayActions): PorchlightTray {
  const tray = new Tray(nativeImage.createFromDataURL(TRAY_ICON));
  const showOverdue = (overdue: number): void => {
    const count = trayCount(overdue);
    tray.setToolTip(count.tooltip);
    tray.setTitle(count.title);
    tray.setContextMenu(Menu.buildFromTemplate(trayMenuTemplate(overdue, actions)));
    Reflect.set(globalThis, TRAY_STATE, { overdue, ...count });
  };
  showOverdue(0);
  tray.on('click', () => actions.show());
  return { showOverdue, destroy: () => tray.destroy() };
}
