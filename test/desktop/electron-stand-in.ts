// A test-only stand-in for the Electron API, for running the BUILT main bundle under plain
// Node where the Electron binary cannot be fetched (register-stand-in.ts maps the 'electron'
// import here). It implements the part of the API the shell uses, records what the shell
// does, and reports it to the test over the child-process channel; the test drives it back
// (an IPC call from a given frame, a notification click, a window close, quit). It is never
// part of the shipped bundle. safeStorage here only tags strings: it is not encryption.
import { EventEmitter } from 'node:events';
import type { StandInCommand, StandInReport } from './stand-in-protocol';

function report(message: StandInReport): void {
  process.send?.(message);
}

class PreventableEvent {
  defaultPrevented = false;
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

type Handler = (event: unknown, ...args: unknown[]) => unknown;
const invokeHandlers = new Map<string, Handler>();
export const ipcMain = {
  handle(channel: string, handler: Handler): void {
    if (invokeHandlers.has(channel))
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    invokeHandlers.set(channel, handler);
  },
  removeHandler(channel: string): void {
    invokeHandlers.delete(channel);
  },
};

let permissionCheck: ((contents: unknown, permission: string) => boolean) | undefined;
let permissionRequest:
  ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void) | undefined;
type ProtocolHandler = (request: Request) => Response | Promise<Response>;
const protocolHandlers = new Map<string, ProtocolHandler>();
type HeadersListener = (
  details: { url: string; responseHeaders?: Record<string, string[]> },
  callback: (response: { responseHeaders?: Record<string, string[]> }) => void,
) => void;
let headersListener: HeadersListener | undefined;

export const session = {
  defaultSession: {
    setPermissionRequestHandler(handler: typeof permissionRequest): void {
      permissionRequest = handler;
    },
    setPermissionCheckHandler(handler: typeof permissionCheck): void {
      permissionCheck = handler;
    },
    webRequest: {
      onHeadersReceived(_filter: unknown, listener: HeadersListener): void {
        headersListener = listener;
      },
    },
  },
};

export const protocol = {
  registerSchemesAsPrivileged(schemes: { scheme: string; privileges: Record<string, boolean> }[]): void {
    report({ type: 'schemes', schemes });
  },
  handle(scheme: string, handler: ProtocolHandler): void {
    protocolHandlers.set(scheme, handler);
  },
};

const WORK_AREA = { x: 0, y: 0, width: 1920, height: 1040 };
const DISPLAY = { id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 }, workArea: WORK_AREA };
export const screen = {
  getAllDisplays: () => [DISPLAY],
  getDisplayMatching: () => DISPLAY,
  getPrimaryDisplay: () => DISPLAY,
};

class WebContents extends EventEmitter {
  destroyed = false;
  openHandler: ((details: { url: string }) => { action: string }) | undefined;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.openHandler = handler;
  }
  send(channel: string, name: string): void {
    report({ type: 'renderer-event', channel, name });
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

const windows: BrowserWindow[] = [];
export class BrowserWindow extends EventEmitter {
  readonly webContents = new WebContents();
  private bounds: { x: number; y: number; width: number; height: number };
  private destroyed = false;
  private maximized = false;
  visible = false;

  constructor(options: {
    width: number;
    height: number;
    x?: number;
    y?: number;
    webPreferences: Record<string, unknown>;
  }) {
    super();
    this.bounds = { x: options.x ?? 320, y: options.y ?? 120, width: options.width, height: options.height };
    windows.push(this);
    report({ type: 'window', webPreferences: options.webPreferences, bounds: this.bounds });
  }
  static getAllWindows(): BrowserWindow[] {
    return windows.filter((w) => !w.destroyed);
  }
  loadURL(url: string): Promise<void> {
    report({ type: 'load', url });
    setImmediate(() => this.emit('ready-to-show'));
    return Promise.resolve();
  }
  show(): void {
    this.visible = true;
    report({ type: 'window-shown' });
  }
  hide(): void {
    this.visible = false;
    report({ type: 'window-hidden' });
  }
  focus(): void {}
  restore(): void {}
  maximize(): void {
    this.maximized = true;
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  isMinimized(): boolean {
    return false;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  getNormalBounds(): typeof this.bounds {
    return { ...this.bounds };
  }
  setBounds(bounds: Partial<typeof this.bounds>): void {
    this.bounds = { ...this.bounds, ...bounds };
    this.emit('resize');
  }
  close(): void {
    const event = new PreventableEvent();
    this.emit('close', event);
    if (event.defaultPrevented) return;
    this.destroy();
  }
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
    if (BrowserWindow.getAllWindows().length === 0) app.emit('window-all-closed');
  }
}

interface Template {
  label?: string;
  role?: string;
  type?: string;
  enabled?: boolean;
  click?: () => void;
  submenu?: Template[];
}
class StandInMenu {
  constructor(readonly template: Template[]) {}
  static buildFromTemplate(template: Template[]): StandInMenu {
    return new StandInMenu(template);
  }
  static setApplicationMenu(menu: StandInMenu | null): void {
    report({ type: 'app-menu', labels: (menu?.template ?? []).map((item) => item.label ?? item.role ?? '') });
  }
}
export { StandInMenu as Menu };

let trayMenu: StandInMenu | undefined;
export class Tray extends EventEmitter {
  private tooltip = '';
  setToolTip(tooltip: string): void {
    this.tooltip = tooltip;
  }
  setTitle(): void {}
  setContextMenu(menu: StandInMenu): void {
    trayMenu = menu;
    report({
      type: 'tray',
      tooltip: this.tooltip,
      labels: menu.template.filter((i) => i.label !== undefined).map((i) => i.label ?? ''),
    });
  }
  destroy(): void {
    report({ type: 'tray-destroyed' });
  }
}

const notifications: Notification[] = [];
export class Notification extends EventEmitter {
  constructor(readonly options: { title: string; body: string }) {
    super();
  }
  static isSupported(): boolean {
    return true;
  }
  show(): void {
    notifications.push(this);
    report({
      type: 'notification',
      index: notifications.length - 1,
      title: this.options.title,
      body: this.options.body,
    });
  }
}

export const nativeImage = {
  createFromDataURL: (url: string) => ({ url }),
  createFromPath: (path: string) => ({ path }),
};
export const shell = {
  openExternal(url: string): Promise<void> {
    report({ type: 'open-external', url });
    return Promise.resolve();
  },
};

const PREFIX = 'stand-in-not-encrypted:';
export const safeStorage = {
  isEncryptionAvailable: () => true,
  encryptString: (plain: string) => Buffer.from(PREFIX + plain),
  decryptString: (data: Buffer) => data.toString().slice(PREFIX.length),
};

class StandInApp extends EventEmitter {
  readonly isPackaged = true;
  private loginItem: Record<string, unknown> = { openAtLogin: false };
  private quitting = false;
  private readonly paths = new Map<string, string>();
  getPath(name: string): string {
    const dir = this.paths.get(name);
    if (dir === undefined)
      throw new Error(`The stand-in has no path for ${name}: start it with --data=<folder>.`);
    return dir;
  }
  setPath(name: string, dir: string): void {
    this.paths.set(name, dir);
  }
  requestSingleInstanceLock(): boolean {
    return true;
  }
  whenReady(): Promise<void> {
    return new Promise((resolve) => setImmediate(resolve));
  }
  setLoginItemSettings(settings: Record<string, unknown>): void {
    this.loginItem = settings;
    report({ type: 'login-item', settings });
  }
  getLoginItemSettings(): Record<string, unknown> {
    return { ...this.loginItem, wasOpenedAsHidden: false };
  }
  quit(): void {
    if (this.quitting) return;
    const event = new PreventableEvent();
    this.emit('before-quit', event);
    if (event.defaultPrevented) return;
    this.quitting = true;
    // As Electron does: every window is closed before the app quits.
    for (const window of BrowserWindow.getAllWindows()) window.close();
    this.emit('will-quit', new PreventableEvent());
    this.emit('quit');
    report({ type: 'quit' });
    // Let the report leave before the process ends.
    setImmediate(() => process.exit(0));
  }
}
export const app = new StandInApp();

async function fetchOwn(url: string): Promise<Extract<StandInReport, { type: 'fetched' }>['response']> {
  const handler = protocolHandlers.get(new URL(url).protocol.replace(/:$/, ''));
  if (handler === undefined) return { status: 0, headers: {}, body: '' };
  const response = await handler(new Request(url));
  const headers: Record<string, string[]> = {};
  response.headers.forEach((value, name) => (headers[name] = [value]));
  const finalHeaders = await new Promise<Record<string, string[]>>((resolve) => {
    if (headersListener === undefined) return resolve(headers);
    headersListener({ url, responseHeaders: headers }, (r) => resolve(r.responseHeaders ?? headers));
  });
  return {
    status: response.status,
    headers: finalHeaders,
    body: response.status === 200 ? (await response.text()).slice(0, 200) : '',
  };
}

async function run(command: StandInCommand): Promise<void> {
  switch (command.type) {
    case 'invoke': {
      const handler = invokeHandlers.get(command.channel);
      const reply =
        handler === undefined
          ? undefined
          : await handler({ senderFrame: { url: command.frameUrl } }, command.name, command.args);
      return report({ type: 'invoked', id: command.id, reply });
    }
    case 'fetch':
      return report({ type: 'fetched', id: command.id, response: await fetchOwn(command.url) });
    case 'permission': {
      const checked = permissionCheck?.(null, command.permission) ?? true;
      const requested = await new Promise<boolean>((resolve) =>
        permissionRequest === undefined
          ? resolve(true)
          : permissionRequest(null, command.permission, resolve),
      );
      return report({ type: 'permission', id: command.id, checked, requested });
    }
    case 'click-notification':
      notifications[command.index]?.emit('click');
      return;
    case 'click-tray-item':
      trayMenu?.template.find((item) => item.label === command.label)?.click?.();
      return;
    case 'resize-window':
      windows[0]?.setBounds(command.bounds);
      return;
    case 'close-window':
      windows[0]?.close();
      return;
    case 'quit':
      app.quit();
      return;
  }
}

process.on('message', (command: StandInCommand) => void run(command));
