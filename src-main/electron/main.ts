// The desktop shell: one instance, one window, a tray, and the same core the headless shell
// runs. Thin by design: every decision is a tested pure function beside it (security-rules,
// app-protocol, window-state, menus, desktop-preferences, desktop-alerts); this file only hands
// them to Electron. Security: contextIsolation + sandbox, no Node in the renderer, the page
// served from app://porchlight with the CSP as a response header, every permission denied,
// navigation and new windows refused, IPC only from our own frame.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { app, Menu, protocol, session, type BrowserWindow } from 'electron';
import type { DesktopSettings } from '../../src-shared/ipc/desktop';
import { RENDERER_CSP_HEADER } from '../../src-shared/security/content-security-policy';
import { settingsPath } from '../../src-shared/settings-sections';
import { connectChannels } from '../adapters/connect-channels';
import { createHttpSyncTransport } from '../adapters/sync/http-transport';
import { createFubHttpApi } from '../adapters/follow-up-boss/http-api';
import { createResoWebApi } from '../adapters/reso/web-api';
import { bootCore, type RunningCore } from '../core/boot';
import { readDesktopSettings, writeDesktopSettings } from '../core/desktop/handlers';
import { APP_INDEX_URL, APP_SCHEME, resolveAppFile, withContentSecurityPolicy } from './app-protocol';
import { watchDesktopAlerts } from './desktop-alerts';
import {
  CLOSE_TO_TRAY_NOTICE,
  dataFolderFromArgs,
  loginItemFor,
  onWindowClose,
  startsHidden,
} from './desktop-preferences';
import { wireIpc } from './ipc';
import { createMainWindow, preloadPathBeside } from './main-window';
import { appMenuTemplate, screenUrl, type TrayActions } from './menus';
import { nativeNotifier, showNativeNotification } from './native-notifier';
import { SafeStorageSecretStore } from './safe-storage-secret-store';
import { mayGrantPermission, rendererUrlFor } from './security-rules';
import { createTray, type PorchlightTray } from './tray';

const rendererUrl = rendererUrlFor(app.isPackaged, process.env.ELECTRON_RENDERER_URL, APP_INDEX_URL);
const isDev = rendererUrl !== APP_INDEX_URL;
let core: RunningCore | undefined;
let window: BrowserWindow | undefined;
let tray: PorchlightTray | undefined;
let preferences: DesktopSettings | undefined;
let quitting = false;

const dataFolder = dataFolderFromArgs(process.argv);
if (dataFolder !== undefined) app.setPath('userData', dataFolder);

// Before `ready`: our scheme is a secure, standard origin of its own.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

function showScreen(path?: string): void {
  if (window === undefined || window.isDestroyed()) return;
  // Only the hash changes: a same-document navigation, the app is not reloaded.
  if (path !== undefined) void window.loadURL(screenUrl(rendererUrl, path));
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}

const openLead = (leadId: string): void => showScreen(`/leads/${leadId}`);

const trayActions: TrayActions = {
  show: () => showScreen(),
  open: (path) => showScreen(path),
  pauseAllSending: () => void core?.app.invoke('enrollments-pause-all', {}),
  resumeSending: () => void core?.app.invoke('enrollments-resume-all', {}),
  quit: () => app.quit(),
};

function applyLoginItem(settings: DesktopSettings): void {
  app.setLoginItemSettings(loginItemFor(settings, app.isPackaged));
}

function serveRenderer(): void {
  const root = join(import.meta.dirname, '../renderer');
  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppFile(request.url, root);
    if (!file.ok) return new Response(null, { status: file.status });
    try {
      return new Response(await readFile(file.path), { headers: file.headers });
    } catch {
      return new Response(null, { status: 404 });
    }
  });
  // The same policy on every response of our pages, whoever answered it.
  session.defaultSession.webRequest.onHeadersReceived(
    { urls: [`${APP_SCHEME}://*/*`] },
    (details, callback) =>
      callback({
        responseHeaders: withContentSecurityPolicy(
          details.url,
          rendererUrl,
          details.responseHeaders ?? {},
          RENDERER_CSP_HEADER,
        ),
      }),
  );
}

function keepInTrayOnClose(win: BrowserWindow, running: RunningCore): void {
  win.on('close', (event) => {
    if (preferences === undefined) return;
    const decision = onWindowClose(preferences, quitting);
    if (decision.action === 'close') return;
    event.preventDefault();
    win.hide();
    if (!decision.explain) return;
    showNativeNotification(CLOSE_TO_TRAY_NOTICE, () => showScreen(settingsPath('desktop')));
    void writeDesktopSettings(running.ctx, { closeToTrayExplained: true });
  });
}

async function start(): Promise<void> {
  // Electron grants every permission by default; the page needs none.
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback) =>
    callback(mayGrantPermission(permission)),
  );
  session.defaultSession.setPermissionCheckHandler((_contents, permission) => mayGrantPermission(permission));
  if (!isDev) serveRenderer();
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(appMenuTemplate(process.platform, trayActions, { devTools: isDev })),
  );
  const userData = app.getPath('userData');
  const running = await bootCore({
    dataDir: userData,
    shell: 'desktop',
    secrets: new SafeStorageSecretStore(userData),
    connect: (base) => Promise.resolve(connectChannels(base, { notifier: nativeNotifier(openLead) })),
    syncTransport: createHttpSyncTransport(),
    followUpBoss: createFubHttpApi(),
    resoFeed: (connection) => createResoWebApi(connection),
  });
  core = running;
  preferences = await readDesktopSettings(running.ctx);
  applyLoginItem(preferences);
  running.ctx.events.on('desktop-settings-changed', (view) => {
    preferences = view;
    applyLoginItem(view);
  });
  const hidden = startsHidden(process.argv, app.getLoginItemSettings().wasOpenedAsHidden);
  const win = createMainWindow({
    rendererUrl,
    userDataDir: userData,
    preloadPath: preloadPathBeside(import.meta.dirname),
    show: !hidden,
  });
  window = win;
  const unwire = wireIpc(running.app, running.ctx.events, win, rendererUrl);
  win.on('closed', unwire);
  keepInTrayOnClose(win, running);
  const shownTray = createTray(trayActions);
  tray = shownTray;
  running.ctx.events.on('tasks-overdue-changed', (payload) => shownTray.showOverdue(payload.overdue));
  void running.app.invoke('tasks-overdue', {}).then((tasks) => {
    if (Array.isArray(tasks)) shownTray.showOverdue(tasks.length);
  });
  watchDesktopAlerts(running.ctx, (alert) =>
    showNativeNotification(alert, () =>
      alert.leadId === undefined ? showScreen('/today') : openLead(alert.leadId),
    ),
  );
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => showScreen());
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
  void app.whenReady().then(start);
  app.on('window-all-closed', () => {
    // Only when closing is set not to keep Porchlight in the tray: then it quits.
    if (!quitting) app.quit();
  });
  app.on('before-quit', (event) => {
    quitting = true;
    if (core === undefined) return;
    // Quit waits for the database to close cleanly, then quits for real.
    event.preventDefault();
    const closing = core;
    core = undefined;
    tray?.destroy();
    void closing.close().finally(() => app.quit());
  });
}
