// The desktop shell: one instance, one window, a tray, and the same core the headless shell
// runs. Security: contextIsolation + sandbox, no Node in the renderer, a CSP, navigation and
// new windows refused, IPC only from our own frame.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, Menu, session, shell, Tray, nativeImage } from 'electron';
import { connectChannels } from '../adapters/connect-channels';
import { createHttpSyncTransport } from '../adapters/sync/http-transport';
import { bootCore, type RunningCore } from '../core/boot';
import { wireIpc } from './ipc';
import { mayGrantPermission, mayNavigate, mayOpenExternally, rendererUrlFor } from './security-rules';
import { nativeNotifier } from './native-notifier';
import { SafeStorageSecretStore } from './safe-storage-secret-store';

const isDev = !app.isPackaged && process.env.ELECTRON_RENDERER_URL !== undefined;
let core: RunningCore | undefined;
let window: BrowserWindow | undefined;
let tray: Tray | undefined;

function rendererUrl(): string {
  const built = pathToFileURL(join(import.meta.dirname, '../renderer/index.html')).href;
  return rendererUrlFor(app.isPackaged, process.env.ELECTRON_RENDERER_URL, built);
}

function createWindow(running: RunningCore): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 1024,
    minHeight: 640,
    title: 'Porchlight',
    show: false,
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  });
  const unwire = wireIpc(running.app, running.ctx.events, win, rendererUrl());
  win.on('closed', unwire);
  win.once('ready-to-show', () => win.show());
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (mayOpenExternally(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.webContents.on('will-navigate', (event, url) => {
    if (!mayNavigate(url, rendererUrl())) event.preventDefault();
  });
  win.webContents.on('will-redirect', (event, url) => {
    if (!mayNavigate(url, rendererUrl())) event.preventDefault();
  });
  win.webContents.on('will-frame-navigate', (event) => {
    if (!mayNavigate(event.url, rendererUrl())) event.preventDefault();
  });
  void win.loadURL(rendererUrl());
  return win;
}

function trayMenu(overdue: number): Menu {
  return Menu.buildFromTemplate([
    { label: overdue === 0 ? 'No overdue follow-ups' : `${overdue} overdue follow-ups`, enabled: false },
    { label: 'Open Porchlight', click: () => window?.show() },
    { type: 'separator' },
    { label: 'Quit', click: () => app.quit() },
  ]);
}

/** Keeps the tray's tooltip, title (macOS) and menu in step with the overdue count. */
function showOverdue(target: Tray, overdue: number): void {
  target.setToolTip(overdue === 0 ? 'Porchlight' : `Porchlight: ${overdue} overdue follow-ups`);
  target.setTitle(overdue === 0 ? '' : String(overdue));
  target.setContextMenu(trayMenu(overdue));
}

function createTray(): Tray {
  const icon = nativeImage.createFromDataURL(
    'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAYAAAAf8/9hAAAAJ0lEQVR42mNgGAWjYBSMglEwCkbBKBgFo2AUjIJRMApGwSgYBQMBAAQQAAF0v5kGAAAAAElFTkSuQmCC',
  );
  const created = new Tray(icon);
  showOverdue(created, 0);
  created.on('click', () => window?.show());
  return created;
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (window === undefined) return;
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  });
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
  void app.whenReady().then(async () => {
    // Electron grants every permission by default; the page needs none.
    session.defaultSession.setPermissionRequestHandler((_contents, permission, callback) =>
      callback(mayGrantPermission(permission)),
    );
    session.defaultSession.setPermissionCheckHandler((_contents, permission) =>
      mayGrantPermission(permission),
    );
    if (!isDev) app.setLoginItemSettings({ openAtLogin: true, openAsHidden: true });
    core = await bootCore({
      dataDir: app.getPath('userData'),
      shell: 'desktop',
      secrets: new SafeStorageSecretStore(app.getPath('userData')),
      connect: (ctx) => connectChannels(ctx, { notifier: nativeNotifier(() => window?.show()) }),
      syncTransport: createHttpSyncTransport(),
    });
    window = createWindow(core);
    tray = createTray();
    const running = core;
    running.ctx.events.on('tasks-overdue-changed', (payload) => {
      if (tray !== undefined) showOverdue(tray, payload.overdue);
    });
    void running.app.invoke('tasks-overdue', {}).then((tasks) => {
      if (tray !== undefined && Array.isArray(tasks)) showOverdue(tray, tasks.length);
    });
  });
  app.on('window-all-closed', () => {
    // The tray keeps Porchlight running so follow-ups still go out; Quit is in its menu.
  });
  let quitting = false;
  app.on('before-quit', (event) => {
    if (quitting || core === undefined) return;
    event.preventDefault();
    quitting = true;
    tray?.destroy();
    void core.close().finally(() => app.quit());
  });
}
