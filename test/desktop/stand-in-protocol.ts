// The messages between the Electron stand-in (in the child running the built main bundle) and
// the test that drives it.
export type StandInReport =
  | { type: 'schemes'; schemes: { scheme: string; privileges: Record<string, boolean> }[] }
  | { type: 'window'; webPreferences: Record<string, unknown>; bounds: Record<string, number> }
  | { type: 'load'; url: string }
  | { type: 'window-shown' }
  | { type: 'window-hidden' }
  | { type: 'renderer-event'; channel: string; name: string }
  | { type: 'app-menu'; labels: string[] }
  | { type: 'tray'; tooltip: string; labels: string[] }
  | { type: 'tray-destroyed' }
  | { type: 'notification'; index: number; title: string; body: string }
  | { type: 'open-external'; url: string }
  | { type: 'login-item'; settings: Record<string, unknown> }
  | { type: 'invoked'; id: number; reply: unknown }
  | {
      type: 'fetched';
      id: number;
      response: { status: number; headers: Record<string, string[]>; body: string };
    }
  | { type: 'permission'; id: number; checked: boolean; requested: boolean }
  | { type: 'quit' };

export type StandInCommand =
  | { type: 'invoke'; id: number; channel: string; frameUrl: string; name: string; args: unknown }
  | { type: 'fetch'; id: number; url: string }
  | { type: 'permission'; id: number; permission: string }
  | { type: 'click-notification'; index: number }
  | { type: 'click-tray-item'; label: string }
  | { type: 'resize-window'; bounds: { width: number; height: number } }
  | { type: 'close-window' }
  | { type: 'quit' };
