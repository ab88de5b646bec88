// The main window: the security-relevant web preferences, every navigation hook kept on our
// own page, links out only through the system for https/mailto/tel, and its placement
// remembered per display (window-state.ts).
import { join } from 'node:path';
import { BrowserWindow, screen, shell, type Rectangle } from 'electron';
import { mayNavigate, mayOpenExternally } from './security-rules';
import type { DisplayArea, WindowState } from './window-state';
import {
  MIN_SIZE,
  readWindowState,
  rememberPlacement,
  windowOpening,
  writeWindowState,
  writeWindowStateNow,
} from './window-state';

export interface MainWindowOptions {
  rendererUrl: string;
  userDataDir: string;
  preloadPath: string;
  /** Whether the window appears once loaded (false: a start at login, in the tray). */
  show: boolean;
}

function displayArea(display: { id: number; workArea: Rectangle }): DisplayArea {
  return { id: display.id, workArea: { ...display.workArea } };
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  let state: WindowState = readWindowState(options.userDataDir);
  const opening = windowOpening(state, screen.getAllDisplays().map(displayArea));
  const win = new BrowserWindow({
    ...opening.bounds,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    title: 'Porchlight',
    show: false,
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  });
  if (opening.maximized) win.maximize();
  if (options.show) win.once('ready-to-show', () => win.show());

  let saving: ReturnType<typeof setTimeout> | undefined;
  const remember = (): void => {
    if (win.isDestroyed() || win.isMinimized()) return;
    const display = displayArea(screen.getDisplayMatching(win.getNormalBounds()));
    state = rememberPlacement(state, display, win.getNormalBounds(), win.isMaximized());
  };
  const rememberSoon = (): void => {
    remember();
    clearTimeout(saving);
    saving = setTimeout(() => void writeWindowState(options.userDataDir, state).catch(() => undefined), 500);
  };
  win.on('resize', rememberSoon);
  win.on('move', rememberSoon);
  win.on('maximize', rememberSoon);
  win.on('unmaximize', rememberSoon);
  win.on('close', () => {
    remember();
    clearTimeout(saving);
    try {
      writeWindowStateNow(options.userDataDir, state);
    } catch {
      // A read-only profile keeps the window where it opens next time; nothing else is lost.
    }
  });

  const { webContents } = win;
  webContents.setWindowOpenHandler(({ url }) => {
    if (mayOpenExternally(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  webContents.on('will-navigate', (event, url) => {
    if (!mayNavigate(url, options.rendererUrl)) event.preventDefault();
  });
  webContents.on('will-redirect', (event, url) => {
    if (!mayNavigate(url, options.rendererUrl)) event.preventDefault();
  });
  webContents.on('will-frame-navigate', (event) => {
    if (!mayNavigate(event.url, options.rendererUrl)) event.preventDefault();
  });
  void win.loadURL(options.rendererUrl);
  return win;
}

/** The preload's path beside the main bundle. */
export function preloadPathBeside(mainDir: string): string {
  return join(mainDir, '../preload/index.cjs');
}
