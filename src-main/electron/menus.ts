// The application menu and the tray menu as data: the usual roles and shortcuts, the screens
// one keystroke away, and the tray's count and actions. main.ts passes the actions and hands
// the templates to Menu.buildFromTemplate; tests read the templates as they are.
import type { MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
  /** Shows the window on a screen of ours: `/leads`, `/today`, `/leads/abc`. */
  open(path: string): void;
  quit(): void;
}

export interface TrayActions extends MenuActions {
  /** Brings the window forward where it was. */
  show(): void;
  pauseAllSending(): void;
  resumeSending(): void;
}

const screens: readonly (readonly [string, string])[] = [
  ['Today', '/today'],
  ['Leads', '/leads'],
  ['Replies', '/replies'],
  ['Sequences', '/sequences'],
  ['Templates', '/templates'],
  ['Analytics', '/analytics'],
  ['Import', '/import'],
];

export function appMenuTemplate(
  platform: NodeJS.Platform,
  actions: MenuActions,
  options: { devTools: boolean },
): MenuItemConstructorOptions[] {
  const isMac = platform === 'darwin';
  const settings: MenuItemConstructorOptions = {
    label: isMac ? 'Settings…' : 'Settings',
    accelerator: 'CmdOrCtrl+,',
    click: () => actions.open('/settings'),
  };
  const quit: MenuItemConstructorOptions = {
    label: 'Quit Porchlight',
    accelerator: 'CmdOrCtrl+Q',
    click: () => actions.quit(),
  };
  const appMenu: MenuItemConstructorOptions[] = isMac
    ? [
        {
          label: 'Porchlight',
          submenu: [
            { role: 'about' },
            { type: 'separator' },
            settings,
            { type: 'separator' },
            { role: 'hide' },
            { role: 'hideOthers' },
            { role: 'unhide' },
            { type: 'separator' },
            quit,
          ],
        },
      ]
    : [];
  return [
    ...appMenu,
    {
      label: 'File',
      submenu: isMac ? [{ role: 'close' }] : [settings, { type: 'separator' }, { role: 'close' }, quit],
    },
    {
      label: 'Edit',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    {
      label: 'View',
      submenu: [
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...(options.devTools
          ? [{ type: 'separator' } as const, { role: 'reload' } as const, { role: 'toggleDevTools' } as const]
          : []),
      ],
    },
    {
      label: 'Go',
      submenu: screens.map(([label, path], index) => ({
        label,
        accelerator: `CmdOrCtrl+${index + 1}`,
        click: () => actions.open(path),
      })),
    },
    { role: 'windowMenu' },
  ];
}

/** The tray's tooltip, its title beside the icon (macOS) and the count line of its menu. */
export function trayCount(overdue: number): { tooltip: string; title: string; label: string } {
  const label =
    overdue === 0
      ? 'No overdue follow-ups'
      : overdue === 1
        ? '1 overdue follow-up'
        : `${overdue} overdue follow-ups`;
  return {
    tooltip: overdue === 0 ? 'Porchlight' : `Porchlight: ${label}`,
    title: overdue === 0 ? '' : String(overdue),
    label,
  };
}

export function trayMenuTemplate(overdue: number, actions: TrayActions): MenuItemConstructorOptions[] {
  return [
    { label: trayCount(overdue).label, enabled: false },
    { type: 'separator' },
    { label: 'Open Porchlight', click: () => actions.show() },
    { label: "Today's follow-ups", click: () => actions.open('/today') },
    { type: 'separator' },
    { label: 'Pause all sending', click: () => actions.pauseAllSending() },
    { label: 'Resume sending', click: () => actions.resumeSending() },
    { type: 'separator' },
    { label: 'Quit Porchlight', click: () => actions.quit() },
  ];
}

/** The renderer's address for one of our screens: the built page with its hash route. */
export function screenUrl(rendererUrl: string, path: string): string {
  const base = rendererUrl.split('#')[0] ?? rendererUrl;
  return `${base}#${path
    .split('/')
    .map((part) => encodeURIComponent(part))
    .join('/')}`;
}
